"""Agent health from recorded runs, with the checklist's rollback triggers as thresholds."""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from agents.models import AgentRun

AGENTS = ("Orchestrator", "Personalization", "IncentivesEconomy")
WINDOW = timedelta(hours=1)
CRASHES_DOWN = 3  # rollback trigger: more than 3 agent crashes in an hour
P95_LIMIT_MS = 2000.0  # rollback trigger: agent response time over 2 s
FALLBACK_RATE_DEGRADED = 0.25


class Status:
    RUNNING = "Running"
    DEGRADED = "Degraded"
    DOWN = "Down"


@dataclass(frozen=True)
class AgentHealth:
    agent: str
    status: str
    calls: int
    errors: int
    fallbacks: int
    refused: int
    p50_ms: float | None
    p95_ms: float | None
    last_call_at: datetime | None
    problems: tuple[str, ...]

    @property
    def crashes(self) -> int:
        return self.errors

    @property
    def error_rate(self) -> float | None:
        return self.errors / self.calls if self.calls else None

    @property
    def fallback_rate(self) -> float | None:
        return self.fallbacks / self.calls if self.calls else None


def _percentile(sorted_values: list[float], share: float) -> float | None:
    if not sorted_values:
        return None
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[round(share * 100) - 1]


def _assess(agent: str, runs: list[tuple[str, float, datetime]]) -> AgentHealth:
    latencies = sorted(latency for _, latency, _ in runs)
    errors = sum(1 for outcome, _, _ in runs if outcome == AgentRun.Outcome.ERROR)
    fallbacks = sum(1 for outcome, _, _ in runs if outcome == AgentRun.Outcome.FALLBACK)
    refused = sum(1 for outcome, _, _ in runs if outcome == AgentRun.Outcome.REFUSED)
    p95 = _percentile(latencies, 0.95)
    problems = []
    if errors > CRASHES_DOWN:
        problems.append(f"{errors} crashes in the last hour (rollback trigger: more than 3)")
    elif errors:
        problems.append(f"{errors} crash{'es' if errors > 1 else ''} in the last hour")
    if p95 is not None and p95 > P95_LIMIT_MS:
        problems.append(f"p95 {p95:.0f} ms is over the 2 s limit")
    if runs and fallbacks / len(runs) > FALLBACK_RATE_DEGRADED:
        problems.append(f"{fallbacks} of {len(runs)} calls fell back")
    if errors > CRASHES_DOWN:
        status = Status.DOWN
    elif problems:
        status = Status.DEGRADED
    else:
        status = Status.RUNNING
    return AgentHealth(
        agent=agent,
        status=status,
        calls=len(runs),
        errors=errors,
        fallbacks=fallbacks,
        refused=refused,
        p50_ms=_percentile(latencies, 0.50),
        p95_ms=p95,
        last_call_at=max((at for _, _, at in runs), default=None),
        problems=tuple(problems),
    )


def agent_health_list(*, now: datetime | None = None) -> list[AgentHealth]:
    """Each agent's health over the last hour of runs (one query)."""
    since = (now or timezone.now()) - WINDOW
    runs: dict[str, list] = {agent: [] for agent in AGENTS}
    for agent, outcome, latency, at in AgentRun.objects.filter(
        inserted_at__gte=since, agent__in=AGENTS
    ).values_list("agent", "outcome", "latency_ms", "inserted_at"):
        runs[agent].append((outcome, latency, at))
    return [_assess(agent, runs[agent]) for agent in AGENTS]


def agent_status_map() -> dict[str, str]:
    return {health.agent: health.status for health in agent_health_list()}


def recent_errors(*, limit: int = 10):
    return AgentRun.objects.filter(outcome=AgentRun.Outcome.ERROR).order_by("-inserted_at")[:limit]


def health_report_section() -> dict:
    """For GET /api/health (wired through settings.HEALTH_REPORT_SECTIONS)."""
    return {"agents": agent_status_map()}
