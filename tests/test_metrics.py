import pytest
from django.db import transaction
from prometheus_client import REGISTRY

from agents.runs import agent_run
from attribution import services as attribution_services
from attribution.models import Touchpoint
from rewards import services as reward_services
from veltutor import metrics

VISITOR = "0123456789abcdef0123456789abcdef"


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    return settings.METRICS_TOKEN


@pytest.mark.django_db
def test_a_loopback_scrape_sees_agent_calls(client):
    with agent_run("Orchestrator", "route_loop"):
        pass

    response = client.get("/metrics")

    assert response.status_code == 200
    body = response.content.decode()
    series = 'veltutor_agent_calls_total{agent="Orchestrator",operation="route_loop",outcome="ok"}'
    assert series in body
    assert "veltutor_agent_latency_seconds_bucket" in body
    assert "django_http_requests_total_by_method_total" in body


@pytest.mark.django_db
def test_agent_outcomes_latency_and_fallbacks_are_counted():
    calls = {"agent": "Coach", "operation": "nudge", "outcome": "error"}
    before_errors = sample("veltutor_agent_calls_total", **calls)
    before_fallbacks = sample("veltutor_agent_fallbacks_total", agent="Coach")
    before_latency = sample("veltutor_agent_latency_seconds_count", agent="Coach")

    with pytest.raises(RuntimeError), agent_run("Coach", "nudge"):
        raise RuntimeError("boom")
    with agent_run("Coach", "nudge") as record:
        record.fallback("timeout")

    assert sample("veltutor_agent_calls_total", **calls) == before_errors + 1
    assert sample("veltutor_agent_fallbacks_total", agent="Coach") == before_fallbacks + 1
    assert sample("veltutor_agent_latency_seconds_count", agent="Coach") == before_latency + 2


@pytest.mark.django_db
def test_a_remote_scrape_is_a_404(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404


@pytest.mark.django_db
def test_a_proxied_request_from_loopback_is_a_404(client):
    # Behind the reverse proxy every request arrives from 127.0.0.1.
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert response.status_code == 404


@pytest.mark.django_db
def test_the_bearer_token_opens_the_endpoint_remotely(client, token):
    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 200
    assert b"veltutor_" in response.content or b"django_http" in response.content


@pytest.mark.django_db
def test_a_wrong_token_is_a_404(client, token):
    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer not-the-token"
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_an_empty_configured_token_opens_nothing(client, settings):
    settings.METRICS_TOKEN = ""

    response = client.get("/metrics", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == 404


def test_a_grant_is_counted_once_committed(student, django_capture_on_commit_callbacks):
    before = sample("veltutor_rewards_granted_total", action="metrics_test")
    points_before = sample("veltutor_reward_points_granted_total", action="metrics_test")

    with django_capture_on_commit_callbacks(execute=True):
        reward_services.reward_grant(
            user_id=student.pk, points=25, action="metrics_test", reason="x", idempotency_key="m1"
        )
        # A replay of the same event is not a new grant.
        reward_services.reward_grant(
            user_id=student.pk, points=25, action="metrics_test", reason="x", idempotency_key="m1"
        )

    assert sample("veltutor_rewards_granted_total", action="metrics_test") == before + 1
    assert (
        sample("veltutor_reward_points_granted_total", action="metrics_test") == points_before + 25
    )


def test_a_rolled_back_grant_is_not_counted(student, django_capture_on_commit_callbacks):
    before = sample("veltutor_rewards_granted_total", action="metrics_rollback")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        reward_services.reward_grant(
            user_id=student.pk,
            points=5,
            action="metrics_rollback",
            reason="x",
            idempotency_key="m2",
        )
        raise RuntimeError("roll back")

    assert sample("veltutor_rewards_granted_total", action="metrics_rollback") == before


@pytest.mark.django_db
def test_a_touchpoint_is_counted():
    labels = {"loop": Touchpoint.Loop.BUDDY_CHALLENGE, "event": Touchpoint.Event.LINK_OPENED}
    labels = {key: str(value) for key, value in labels.items()}
    before = sample("veltutor_loop_events_total", **labels)

    attribution_services.touchpoint_record(
        visitor_id=VISITOR, loop=labels["loop"], event=labels["event"]
    )

    assert sample("veltutor_loop_events_total", **labels) == before + 1


def test_recorders_never_raise(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("registry broke")

    monkeypatch.setattr(metrics.AGENT_CALLS, "labels", broken)
    monkeypatch.setattr(metrics.LOOP_EVENTS, "labels", broken)

    metrics.record_agent_call("Coach", "nudge", "ok", 0.1)
    metrics.record_loop_event("organic", "link_opened")
    metrics.record_agent_call("Coach", "nudge", "ok", "not a number")  # type: ignore[arg-type]
