from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from agents.health import agent_health_list
from agents.models import AgentRun


def runs(agent: str, count: int, *, outcome: str = "ok", latency: float = 20.0, ago=None):
    at = timezone.now() - (ago or timedelta(minutes=5))
    AgentRun.objects.bulk_create(
        AgentRun(agent=agent, operation="op", outcome=outcome, latency_ms=latency, inserted_at=at)
        for _ in range(count)
    )


def health(agent: str):
    return next(row for row in agent_health_list() if row.agent == agent)


def test_an_agent_with_healthy_calls_is_running(db):
    runs("Orchestrator", 20, latency=15)

    row = health("Orchestrator")
    assert (row.status, row.calls, row.p50_ms) == ("Running", 20, 15)


def test_an_idle_agent_is_running(db):
    assert health("Personalization").status == "Running"


def test_a_crash_makes_an_agent_degraded(db):
    runs("IncentivesEconomy", 10)
    runs("IncentivesEconomy", 1, outcome="error")

    assert health("IncentivesEconomy").status == "Degraded"


def test_more_than_three_crashes_in_an_hour_is_down(db):
    runs("IncentivesEconomy", 4, outcome="error")

    row = health("IncentivesEconomy")
    assert row.status == "Down" and "rollback trigger" in row.problems[0]


def test_three_crashes_are_not_yet_down(db):
    runs("IncentivesEconomy", 3, outcome="error")

    assert health("IncentivesEconomy").status == "Degraded"


def test_crashes_older_than_an_hour_do_not_count(db):
    runs("Orchestrator", 10, outcome="error", ago=timedelta(hours=2))

    assert health("Orchestrator").status == "Running"


def test_a_p95_over_two_seconds_is_degraded(db):
    runs("Personalization", 18, latency=100)
    runs("Personalization", 2, latency=3000)

    row = health("Personalization")
    assert row.p95_ms > 2000 and row.status == "Degraded"


def test_refusals_are_not_crashes(db):
    runs("Orchestrator", 10, outcome="refused")

    assert health("Orchestrator").status == "Running"


def test_the_health_endpoint_reports_each_agent(client, db):
    runs("IncentivesEconomy", 4, outcome="error")

    agents = client.get("/api/health").json()["agents"]

    assert agents == {
        "Orchestrator": "Running",
        "Personalization": "Running",
        "IncentivesEconomy": "Down",
    }


def test_agents_status_prints_a_row_per_agent(db):
    runs("Orchestrator", 3)
    out = StringIO()

    call_command("agents", "status", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("agent")
    assert [line.split()[0] for line in lines[1:]] == [
        "Orchestrator",
        "Personalization",
        "IncentivesEconomy",
    ]


def test_agents_call_incentives_prints_the_quote(student):
    out = StringIO()

    call_command("agents", "call", "incentives", "calculate", "--user", str(student.pk), stdout=out)

    assert '"points": 100' in out.getvalue()


def test_agents_call_orchestrator_prints_the_route(student, practice):
    from tests.learning.conftest import answer_all

    answer_all(practice)
    out = StringIO()

    call_command("agents", "call", "orchestrator", "route", "--user", str(student.pk), stdout=out)

    assert out.getvalue().strip() == "Routed(loop='buddy_challenge', ok=True)"


def test_an_agent_refusal_is_a_command_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown_user"):
        call_command("agents", "call", "incentives", "calculate", "--user", "999999")
