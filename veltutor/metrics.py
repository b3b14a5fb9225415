"""Prometheus metrics for Vel Tutor, and the guarded `/metrics` endpoint.

django-prometheus adds the HTTP, cache and process metrics; this module adds the product's own
(agent calls, rewards, viral-loop events). The `record_*` helpers never raise: a metrics bug
must not break the request that is being counted.
"""

import ipaddress
import logging
import secrets

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import Counter, Histogram

logger = logging.getLogger(__name__)

AGENT_CALLS = Counter(
    "veltutor_agent_calls",
    "Agent calls by agent, operation and outcome (ok, fallback, refused, error).",
    ["agent", "operation", "outcome"],
)
AGENT_LATENCY = Histogram(
    "veltutor_agent_latency_seconds",
    "Wall-clock latency of agent calls.",
    ["agent"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0),
)
AGENT_FALLBACKS = Counter(
    "veltutor_agent_fallbacks",
    "Agent calls that answered with their deterministic fallback.",
    ["agent"],
)
REWARDS_GRANTED = Counter(
    "veltutor_rewards_granted",
    "Reward grants committed, by action.",
    ["action"],
)
REWARD_POINTS_GRANTED = Counter(
    "veltutor_reward_points_granted",
    "Reward points granted (committed), by action.",
    ["action"],
)
LOOP_EVENTS = Counter(
    "veltutor_loop_events",
    "Viral-loop attribution touchpoints recorded, by loop and event.",
    ["loop", "event"],
)


def record_agent_call(agent: str, operation: str, outcome: str, latency_seconds: float) -> None:
    try:
        outcome = str(outcome)
        AGENT_CALLS.labels(agent=agent, operation=operation, outcome=outcome).inc()
        AGENT_LATENCY.labels(agent=agent).observe(max(float(latency_seconds), 0.0))
        if outcome == "fallback":
            AGENT_FALLBACKS.labels(agent=agent).inc()
    except Exception:
        logger.warning("metric_not_recorded", exc_info=True, extra={"metric": "agent_call"})


def _count_grant(action: str, points: int) -> None:
    try:
        REWARDS_GRANTED.labels(action=action).inc()
        if points > 0:
            REWARD_POINTS_GRANTED.labels(action=action).inc(points)
    except Exception:
        logger.warning("metric_not_recorded", exc_info=True, extra={"metric": "grant"})


def record_grant(action: str, points: int) -> None:
    """Count a grant once its transaction commits (immediately when outside one)."""
    try:
        from django.db import transaction

        transaction.on_commit(lambda: _count_grant(str(action), int(points)))
    except Exception:
        logger.warning("metric_not_recorded", exc_info=True, extra={"metric": "grant"})


def record_loop_event(loop: str, event: str) -> None:
    try:
        LOOP_EVENTS.labels(loop=str(loop), event=str(event)).inc()
    except Exception:
        logger.warning("metric_not_recorded", exc_info=True, extra={"metric": "loop_event"})


# gunicorn listens on 127.0.0.1 behind the site's reverse proxy, so a proxied request also
# arrives from loopback: it is told apart by the forwarding headers the proxy adds.
_PROXY_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_FORWARDED",
    "HTTP_X_REAL_IP",
)


def _is_local_scrape(request: HttpRequest) -> bool:
    if any(header in request.META for header in _PROXY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def _has_token(request: HttpRequest) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    if not token:
        return False
    scheme, _, supplied = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not supplied:
        return False
    return secrets.compare_digest(supplied.strip().encode(), token.encode())


def metrics_view(request: HttpRequest) -> HttpResponse:
    """The Prometheus exposition for a direct loopback scrape or a bearer METRICS_TOKEN.

    Anyone else gets a plain 404, so the endpoint is not advertised.
    """
    if not (_is_local_scrape(request) or _has_token(request)):
        raise Http404
    return ExportToDjangoView(request)
