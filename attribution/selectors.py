from datetime import datetime

from django.db.models import Count, QuerySet

from attribution.models import Touchpoint


def touchpoint_list_for_visitor(*, visitor_id: str) -> QuerySet[Touchpoint]:
    return Touchpoint.objects.filter(visitor_id=visitor_id).select_related("user", "inviter")


def touchpoint_list_for_user(*, user_id: int) -> QuerySet[Touchpoint]:
    return Touchpoint.objects.filter(user_id=user_id).select_related("user", "inviter")


def last_invite_touchpoint_for_visitor(*, visitor_id: str) -> Touchpoint | None:
    """The visitor's most recent loop touchpoint that names an inviter."""
    if not visitor_id:
        return None
    return (
        Touchpoint.objects.filter(visitor_id=visitor_id, inviter__isnull=False)
        .exclude(loop=Touchpoint.Loop.ORGANIC)
        .order_by("-inserted_at", "-id")
        .first()
    )


def touchpoint_count_since(*, since: datetime) -> int:
    return Touchpoint.objects.filter(inserted_at__gt=since).count()


def touchpoints_by_event_since(*, since: datetime) -> dict[str, int]:
    """Touchpoints per event after `since`; every event is a key, in the choices' order."""
    counts = dict(
        Touchpoint.objects.filter(inserted_at__gt=since)
        .order_by()
        .values_list("event")
        .annotate(total=Count("id"))
    )
    return {event: counts.get(event, 0) for event in Touchpoint.Event.values}
