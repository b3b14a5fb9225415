import pytest

from agents.models import AgentRun
from agents.runs import agent_run, recorded


def test_a_block_that_finishes_is_recorded_ok_with_its_latency(db):
    with agent_run("Orchestrator", "route_loop"):
        pass

    run = AgentRun.objects.get()
    assert (run.agent, run.operation, run.outcome) == ("Orchestrator", "route_loop", "ok")
    assert run.latency_ms >= 0


def test_a_crash_is_recorded_as_an_error_with_its_type_and_still_raised(db):
    with pytest.raises(ZeroDivisionError), agent_run("Personalization", "recommend"):
        1 / 0  # noqa: B018

    run = AgentRun.objects.get()
    assert (run.outcome, run.error_type) == ("error", "ZeroDivisionError")


def test_a_block_can_mark_its_answer_as_a_fallback(db):
    with agent_run("Personalization", "recommend") as run:
        run.fallback("ai_timeout")

    assert AgentRun.objects.get().outcome == "fallback"
    assert AgentRun.objects.get().error_type == "ai_timeout"


def test_the_decorator_records_under_the_agents_name(db):
    class Echo:
        name = "Echo"

        @recorded("say")
        def say(self, *, text: str) -> str:
            return text

    assert Echo().say(text="hi") == "hi"
    assert AgentRun.objects.get().agent == "Echo"
