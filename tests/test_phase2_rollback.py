"""`manage.py phase2_rollback`: unapplies exactly Phase 2, keeps Phase 1, migrate brings it back."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from waffle.models import Flag

from agents.rollback import PHASE2_APPS, phase1_counts, phase2_tables, rollback_plan
from attribution import services as attribution_services
from rewards import services as rewards_services
from rewards.models import Reward
from tests.learning.conftest import answer_all


def run(*args) -> str:
    out = StringIO()
    call_command("phase2_rollback", *args, stdout=out)
    return out.getvalue()


def table_names() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db
def test_dry_run_plan_lists_only_phase2_migrations_newest_first():
    plan = rollback_plan()
    loader = MigrationLoader(connection)
    every_phase2 = {f"{app}.{name}" for app, name in loader.disk_migrations if app in PHASE2_APPS}

    assert set(plan.migrations) == every_phase2
    assert len(plan.migrations) == len(every_phase2)
    assert {name.split(".")[0] for name in plan.migrations} == set(PHASE2_APPS)
    for app in PHASE2_APPS:
        own = [name for name in plan.migrations if name.startswith(f"{app}.")]
        assert own == sorted(own, reverse=True), app
    # Reverse dependency order: anything depending on a migration is unapplied before it.
    position = {name: index for index, name in enumerate(plan.migrations)}
    for name in plan.migrations:
        app, migration = name.split(".")
        for parent_app, parent in [p.key for p in loader.graph.node_map[(app, migration)].parents]:
            parent_name = f"{parent_app}.{parent}"
            if parent_name in position:
                assert position[name] < position[parent_name], (name, parent_name)

    output = run()
    assert f" 1. {plan.migrations[0]}\n" in output
    assert "user_rewards" in output
    assert output.rstrip().endswith("Dry run: nothing changed. Run with --yes to roll back.")
    assert json.loads(run("--json"))["migrations"] == plan.migrations


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rollback_drops_phase2_keeps_phase1_and_migrates_forward_again(student, practice):
    answer_all(practice)
    rewards_services.reward_grant(
        user_id=student.pk,
        points=25,
        action="test_bonus",
        reason="Rollback test",
        idempotency_key="rollback-test:1",
    )
    attribution_services.touchpoint_record(
        visitor_id="visitor-rollback", loop="organic", event="link_opened", user_id=student.pk
    )
    phase1 = phase1_counts()
    assert phase1["users"] == 1
    assert phase1["questions"] == 10
    assert phase1["learning sessions"] == 1
    tables = phase2_tables()
    assert {"user_rewards", "attribution_touchpoints", "agent_runs"} <= set(tables)
    # (An earlier transactional test may have flushed the data migrations' rows.)
    migrations = rollback_plan().migrations

    try:
        # Dry run: nothing changes.
        output = run()
        assert "Dry run: nothing changed" in output
        assert set(tables) <= table_names()
        counts = rollback_plan().tables
        assert counts["user_rewards"] >= 1
        assert counts["attribution_touchpoints"] >= 1

        output = run("--yes")
        assert "unapplied rewards.0001_create_rewards" in output
        assert "Phase 1 intact" in output
        assert not set(tables) & table_names()
        assert phase1_counts() == phase1
        assert not Flag.objects.filter(name__in=["buddy_challenge", "results_rally"]).exists()
        assert rollback_plan().migrations == []
    finally:
        # Other tests run after this one against the same database.
        call_command("migrate", verbosity=0)

    assert set(tables) <= table_names()
    # The data migrations ran again: loop flags and the rewards catalogue are back.
    assert Flag.objects.filter(name__in=["buddy_challenge", "results_rally"]).count() == 2
    assert Reward.objects.exists()
    assert phase1_counts() == phase1
    assert rollback_plan().migrations == migrations
