"""deploy/deploy.sh and deploy/rollback.sh end to end against a local gunicorn (PostgreSQL).

systemd is not available here: the scripts take their stop/restart commands from the
environment, which start and stop a daemonised gunicorn on a free port.
"""

import os
import secrets
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def scratch_database():
    name = f"veltutor_deploy_{secrets.token_hex(4)}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{SERVER}/{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def run(script: str, env: dict, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run(
        ["bash", f"deploy/{script}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result, time.perf_counter() - started


def query(database_url: str, sql: str):
    with psycopg.connect(database_url) as connection:
        return connection.execute(sql).fetchall()


def test_deploy_then_rollback_end_to_end(scratch_database, tmp_path):
    port = free_port()
    pid = tmp_path / "gunicorn.pid"
    gunicorn = (
        f"{ROOT}/.venv/bin/gunicorn -c deploy/gunicorn.conf.py --daemon --pid {pid} "
        f"--error-logfile {tmp_path}/gunicorn.log --access-logfile /dev/null"
    )
    stop = f"if [ -f {pid} ]; then kill $(cat {pid}); sleep 1; fi"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DATABASE_URL": scratch_database,
        "DEBUG": "false",
        "SECRET_KEY_BASE": secrets.token_urlsafe(50),
        "PHX_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SILENCED_SYSTEM_CHECKS": "veltutor.W001",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "BASE_URL": f"http://127.0.0.1:{port}",
        "RESTART_COMMAND": f"{stop}; {gunicorn}",
        "STOP_COMMAND": stop,
    }
    try:
        deployed, deploy_seconds = run("deploy.sh", {**env, "BACKUP_DIR": str(tmp_path)})
        assert deployed.returncode == 0, deployed.stdout[-3000:] + deployed.stderr[-3000:]
        assert "DEPLOYED" in deployed.stdout
        assert query(scratch_database, "SELECT kind, succeeded, smoke_result FROM deployments") == [
            ("deploy", True, "passed")
        ]

        rolled, rollback_seconds = run("rollback.sh", {**env, "SKIP_CHECKOUT": "1"})
        assert rolled.returncode == 0, rolled.stdout[-3000:] + rolled.stderr[-3000:]
        assert "ROLLED BACK" in rolled.stdout
        tables = {
            row[0]
            for row in query(
                scratch_database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        }
        assert "user_rewards" not in tables and "accounts_user" in tables
        print(f"\ndeploy.sh {deploy_seconds:.1f} s, rollback.sh {rollback_seconds:.1f} s")
    finally:
        subprocess.run(["bash", "-c", stop], check=False)


def test_a_failing_step_stops_the_deploy_and_names_it(scratch_database, tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DATABASE_URL": scratch_database,
        "DEBUG": "false",
        "SECRET_KEY_BASE": secrets.token_urlsafe(50),
        "PHX_HOST": "127.0.0.1",
        "SILENCED_SYSTEM_CHECKS": "veltutor.W001",
        "SKIP_BACKUP": "1",
        "RESTART_COMMAND": "echo 'cannot restart' >&2; exit 3",
    }

    result, _ = run("deploy.sh", env)

    assert result.returncode == 1
    assert "DEPLOY FAILED at step: restart" in result.stderr
    assert query(scratch_database, "SELECT succeeded, failed_step FROM deployments") == [
        (False, "restart")
    ]
