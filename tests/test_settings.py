import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY_BASE": "x7Hq2mN9vR4tY8wB3kL6pZ1cF5gJ0sD2aE7uI9oP4rT8yW3qM6nB1vC5xZ0lK2jH",
    "PHX_HOST": "vel-tutor.com",
    "DATABASE_URL": "ecto://vel:secret@db.internal:5432/vel_tutor_prod",
    "PORT": "4000",
    # CI has no Anthropic key; the missing-key warning is tested on its own.
    "SILENCED_SYSTEM_CHECKS": "veltutor.W001",
}
OUR_VARIABLES = {
    "DEBUG",
    "DATABASE_URL",
    "SECRET_KEY",
    "SECRET_KEY_BASE",
    "PHX_HOST",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in OUR_VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "veltutor.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_value(expression: str, env: dict) -> str:
    result = run_python(
        f"import django; django.setup(); from django.conf import settings; print({expression})",
        env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_an_ecto_database_url_configures_postgresql():
    engine = settings_value("settings.DATABASES['default']['ENGINE']", PRODUCTION)
    name = settings_value("settings.DATABASES['default']['NAME']", PRODUCTION)

    assert engine == "django.db.backends.postgresql"
    assert name == "vel_tutor_prod"


def test_postgresql_connections_are_persistent():
    assert int(settings_value("settings.DATABASES['default']['CONN_MAX_AGE']", PRODUCTION)) > 0


def test_the_checklists_variables_configure_production():
    assert settings_value("settings.DEBUG", PRODUCTION) == "False"
    assert settings_value("settings.ALLOWED_HOSTS", PRODUCTION) == (
        "['vel-tutor.com', '127.0.0.1', 'localhost', '[::1]']"
    )
    assert settings_value("settings.PORT", PRODUCTION) == "4000"


def test_with_no_environment_the_site_runs_on_sqlite_in_debug():
    engine = settings_value("settings.DATABASES['default']['ENGINE']", {})

    assert engine == "django.db.backends.sqlite3"
    assert settings_value("settings.DEBUG", {}) == "True"


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        PRODUCTION,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
