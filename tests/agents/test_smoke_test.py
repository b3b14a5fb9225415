"""manage.py smoke_test: the checklist's smoke checks, leaving nothing behind."""

import json

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from waffle.models import Flag

from agents.defaults import economy_defaults_ensure
from agents.models import AgentRun, EconomyPolicy, IncentiveRule, OfferVariant
from agents.smoke import run_smoke_checks
from challenges import flags
from rewards.models import PointsAccount, UserReward

IN_PROCESS = {
    "database",
    "tables and indexes",
    "migrations",
    "feature flags",
    "agent Personalization",
    "agent IncentivesEconomy",
    "agent Orchestrator",
    "agent health",
}


def _smoke(*args) -> tuple[int, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("smoke_test", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def _restore_flushed_seed_data() -> None:
    """Transactional tests flush the data migrations' rows: put back what the checks read."""
    economy_defaults_ensure(
        rule_model=IncentiveRule, offer_model=OfferVariant, policy_model=EconomyPolicy
    )
    for name in (flags.BUDDY_CHALLENGE, flags.RESULTS_RALLY, flags.PHASE2_DASHBOARD):
        Flag.objects.update_or_create(name=name, defaults={"everyone": True})


def _by_name(checks) -> dict:
    return {check.name: check for check in checks}


@pytest.mark.django_db
def test_all_checks_pass_on_a_migrated_database(student, skill):
    checks = run_smoke_checks()

    assert {check.name for check in checks} == IN_PROCESS
    assert all(check.ok for check in checks), [c for c in checks if not c.ok]
    by_name = _by_name(checks)
    assert "for user" in by_name["agent Personalization"].detail
    assert "points" in by_name["agent IncentivesEconomy"].detail


@pytest.mark.django_db
def test_without_a_student_or_subject_the_agent_check_is_skipped_but_ok():
    check = _by_name(run_smoke_checks())["agent Personalization"]

    assert check.ok
    assert check.detail == "skipped: no student/subject"


@pytest.mark.django_db
def test_a_missing_flag_fails_the_flags_check_and_the_command_exits_1(student, subject):
    Flag.objects.filter(name=flags.RESULTS_RALLY).delete()

    code, out = _smoke()

    assert code == 1
    assert "FAIL  feature flags  missing flag results_rally" in out
    assert "PASS  database" in out
    assert "1 failed" in out


@pytest.mark.django_db
def test_the_command_leaves_no_rows(student, skill):
    before = (AgentRun.objects.count(), UserReward.objects.count(), PointsAccount.objects.count())

    code, out = _smoke()

    assert code == 0, out
    after = (AgentRun.objects.count(), UserReward.objects.count(), PointsAccount.objects.count())
    assert after == before


@pytest.mark.django_db
def test_json_output(student, subject):
    code, out = _smoke("--json")

    assert code == 0
    payload = json.loads(out)
    assert payload["ok"] is True
    assert {check["name"] for check in payload["checks"]} == IN_PROCESS
    assert set(payload["checks"][0]) == {"name", "ok", "detail", "seconds"}


@pytest.mark.django_db(transaction=True)
def test_http_checks_against_a_live_server(live_server, transactional_db, student, staff, skill):
    _restore_flushed_seed_data()

    checks = run_smoke_checks(base_url=live_server.url, staff_username=staff.username)

    assert all(check.ok for check in checks), [c for c in checks if not c.ok]
    by_name = _by_name(checks)
    assert by_name["http challenge route"].detail == "404"
    assert by_name["http rally route"].detail == "404"
    assert by_name["http dashboard (anonymous)"].detail.startswith("302 to ")
    assert "Agent Status" in by_name["http dashboard (staff)"].detail
    assert not Session.objects.exists()
    assert not AgentRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_http_command_output_against_a_live_server(live_server, transactional_db, student, skill):
    _restore_flushed_seed_data()

    code, out = _smoke("--base-url", live_server.url)

    assert code == 0, out
    assert "PASS  http /api/health  200, status ok, database connected" in out
    assert "PASS  http challenge route  404" in out


@pytest.mark.django_db
def test_a_refused_connection_fails_the_http_checks_without_a_traceback(student, subject):
    code, out = _smoke("--base-url", "http://127.0.0.1:9")

    assert code == 1
    assert "FAIL  http /api/health  unreachable" in out
    assert "FAIL  http challenge route  unreachable" in out
    assert "PASS  agent health" in out
    assert "Traceback" not in out


def test_a_missing_table_fails_the_tables_check_with_its_name(student, subject):
    from django.db import connection

    from agents.smoke import run_smoke_checks

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE cohorts")

    tables = next(check for check in run_smoke_checks() if check.name == "tables and indexes")

    assert not tables.ok and "cohorts" in tables.detail
