"""deploy/backup.sh and deploy/restore.sh round-trip real rows through PostgreSQL."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from rewards import services as rewards_services
from tests.learning.conftest import answer_all

pytestmark = [pytest.mark.postgres]

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
RESTORE_DB = "veltutor_restore_test"
COUNTED = ("accounts_user", "learning_question", "learning_learningsession", "user_rewards")


def server_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgresql://{user}{password}@{host}:{port}"


def counts(dbname: str) -> dict[str, int]:
    with psycopg.connect(f"{server_url()}/{dbname}") as conn:
        return {
            table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in COUNTED
        }


def drop_database(name: str) -> None:
    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def run_script(name: str, *args: str, database: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"{server_url()}/{database}"}
    return subprocess.run(
        ["bash", str(DEPLOY / name), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_backup_is_verified_and_restores_the_same_rows(
    transactional_db, student, practice, tmp_path
):
    answer_all(practice)
    rewards_services.reward_grant(
        user_id=student.pk,
        points=40,
        action="test_bonus",
        reason="Backup test",
        idempotency_key="backup-test:1",
    )
    source_db = connection.settings_dict["NAME"]
    source = counts(source_db)
    assert source["accounts_user"] == 1
    assert source["learning_question"] == 10
    assert source["learning_learningsession"] == 1
    assert source["user_rewards"] >= 1

    backup = run_script("backup.sh", str(tmp_path), database=source_db)
    assert backup.returncode == 0, backup.stderr
    assert "verified" in backup.stdout
    dumps = list(tmp_path.glob("pre_phase2_*.dump"))
    assert len(dumps) == 1
    assert dumps[0].stat().st_size > 0
    assert str(dumps[0]) in backup.stdout

    drop_database(RESTORE_DB)
    try:
        restore = run_script("restore.sh", str(dumps[0]), RESTORE_DB, database=source_db)
        assert restore.returncode == 0, restore.stderr
        assert "accounts_user: 1" in restore.stdout
        assert counts(RESTORE_DB) == source

        again = run_script("restore.sh", str(dumps[0]), RESTORE_DB, database=source_db)
        assert again.returncode != 0
        assert "--force" in again.stderr

        forced = run_script("restore.sh", str(dumps[0]), RESTORE_DB, "--force", database=source_db)
        assert forced.returncode == 0, forced.stderr
        assert counts(RESTORE_DB) == source
    finally:
        drop_database(RESTORE_DB)


def test_backup_fails_clearly_without_a_database(tmp_path, db):
    result = run_script("backup.sh", str(tmp_path), database="veltutor_no_such_database")
    assert result.returncode != 0
    assert "backup.sh: error:" in result.stderr


def test_ecto_url_is_accepted(transactional_db, tmp_path):
    source_db = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DATABASE_URL": f"{server_url()}/{source_db}".replace("postgresql://", "ecto://"),
    }
    result = subprocess.run(
        ["bash", str(DEPLOY / "backup.sh"), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "verified" in result.stdout
