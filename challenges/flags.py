"""The loops' feature flags (django-waffle); staff flip them in admin, no deploy needed."""

from django.http import HttpRequest
from waffle import flag_is_active
from waffle.models import Flag

BUDDY_CHALLENGE = "buddy_challenge"
RESULTS_RALLY = "results_rally"
PHASE2_DASHBOARD = "phase2_dashboard"

LOOP_FLAGS = {BUDDY_CHALLENGE: BUDDY_CHALLENGE, RESULTS_RALLY: RESULTS_RALLY}
SETTINGS_FOR_FLAG = {
    BUDDY_CHALLENGE: "FEATURE_BUDDY_CHALLENGE",
    RESULTS_RALLY: "FEATURE_RESULTS_RALLY",
    PHASE2_DASHBOARD: "FEATURE_PHASE2_DASHBOARD",
}


def flag_enabled(name: str, *, request: HttpRequest | None = None) -> bool:
    """Is the flag on (for this request's user, when there is a request)?"""
    if request is not None:
        return flag_is_active(request, name)
    return Flag.objects.filter(name=name, everyone=True).exists()
