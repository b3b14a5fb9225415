"""What /dashboard/phase2 shows, read through the other apps' selectors."""

from datetime import timedelta

from django.utils import timezone
from waffle.models import Flag

from agents.health import CRASHES_DOWN, P95_LIMIT_MS, agent_health_list, recent_errors
from attribution.selectors import touchpoint_count_since
from challenges.flags import SETTINGS_FOR_FLAG
from challenges.selectors import loop_activity_since
from rewards.selectors import reward_activity_since

ACTIVITY_WINDOW = timedelta(hours=6)


def ai_usage() -> dict | None:
    try:
        from agents.llm import ai_usage_today
    except ImportError:
        return None
    return ai_usage_today()


def phase2_overview() -> dict:
    since = timezone.now() - ACTIVITY_WINDOW
    return {
        "agents": agent_health_list(),
        "thresholds": {"crashes": CRASHES_DOWN, "p95_ms": P95_LIMIT_MS},
        "ai": ai_usage(),
        "activity": {
            **loop_activity_since(since=since),
            **reward_activity_since(since=since),
            "touchpoints": touchpoint_count_since(since=since),
        },
        "flags": list(Flag.objects.filter(name__in=SETTINGS_FOR_FLAG).order_by("name")),
        "errors": list(recent_errors(limit=10)),
        "refreshed_at": timezone.now(),
    }
