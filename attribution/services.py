"""Every write to the touchpoint log.

Recording a touchpoint is a side effect of a page, never its purpose: a database failure
while recording is logged and swallowed (inside a savepoint when the caller holds a
transaction), so the page goes on. Stitching and the signup touchpoint are called from
signal receivers, which are the process boundary that swallows their failures.
"""

import ipaddress
import logging
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone

from attribution.models import Touchpoint
from veltutor.db import telemetry_write
from veltutor.metrics import record_loop_event

logger = logging.getLogger(__name__)

Loop = Touchpoint.Loop
Event = Touchpoint.Event


def _valid_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def request_client_ip(request: HttpRequest) -> str | None:
    """The client's IP: REMOTE_ADDR, or the first X-Forwarded-For entry behind a trusted proxy.

    Trust X-Forwarded-For only when `ATTRIBUTION_TRUST_X_FORWARDED_FOR` is on (the app runs
    behind a proxy that overwrites the header); otherwise any client could forge it.
    """
    if getattr(settings, "ATTRIBUTION_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        ip = _valid_ip(forwarded.split(",")[0])
        if ip is not None:
            return ip
    return _valid_ip(request.META.get("REMOTE_ADDR"))


def touchpoint_record(
    *,
    visitor_id: str,
    loop: str,
    event: str,
    user_id: int | None = None,
    token: str = "",
    inviter_id: int | None = None,
    channel: str = "",
    ip: str | None = None,
    metadata: dict | None = None,
    occurred_at: datetime | None = None,
) -> Touchpoint | None:
    """Insert one touchpoint; on a database error log it and return None instead of raising.

    `loop` and `event` are code constants: an unknown one is a bug and raises ValueError.
    """
    if loop not in Loop.values:
        raise ValueError(f"Unknown attribution loop: {loop!r}")
    if event not in Event.values:
        raise ValueError(f"Unknown attribution event: {event!r}")
    try:
        with telemetry_write():
            touchpoint = Touchpoint.objects.create(
                visitor_id=visitor_id[:64],
                user_id=user_id,
                loop=loop,
                event=event,
                token=token[:64],
                inviter_id=inviter_id,
                channel=channel[:24],
                ip=_valid_ip(ip),
                metadata=metadata or {},
                inserted_at=occurred_at or timezone.now(),
            )
    except DatabaseError:
        logger.exception(
            "touchpoint_not_recorded",
            extra={
                "visitor_id": visitor_id,
                "loop": loop,
                "event": event,
                "user_id": user_id,
                "token": token,
            },
        )
        return None
    record_loop_event(loop, event)
    return touchpoint


def touchpoint_record_for_request(
    *,
    request: HttpRequest,
    loop: str,
    event: str,
    token: str = "",
    inviter_id: int | None = None,
    channel: str = "",
    metadata: dict | None = None,
) -> Touchpoint | None:
    """Record a touchpoint for the request's visitor, user (if logged in) and client IP."""
    user = getattr(request, "user", None)
    return touchpoint_record(
        visitor_id=getattr(request, "visitor_id", ""),
        loop=loop,
        event=event,
        user_id=user.pk if user is not None and user.is_authenticated else None,
        token=token,
        inviter_id=inviter_id,
        channel=channel,
        ip=request_client_ip(request),
        metadata=metadata,
    )


def touchpoints_stitch(*, visitor_id: str, user_id: int) -> int:
    """Give the visitor's anonymous touchpoints to the user; returns how many rows changed."""
    if not visitor_id:
        return 0
    return Touchpoint.objects.filter(visitor_id=visitor_id, user__isnull=True).update(
        user_id=user_id
    )


@transaction.atomic
def signup_touchpoint_record(
    *, visitor_id: str, user_id: int, ip: str | None = None
) -> Touchpoint | None:
    """Stitch the visitor to the new user and record their one `signup` touchpoint.

    The signup is credited to the invite that brought them: loop, token, inviter and channel
    come from the most recent non-organic touchpoint of this browser that is the new user's
    (anonymous ones were just stitched to them; touchpoints other accounts made on a shared
    browser are not theirs). With none, the signup is organic. Calling it again returns the
    existing signup touchpoint.
    """
    touchpoints_stitch(visitor_id=visitor_id, user_id=user_id)
    existing = Touchpoint.objects.filter(user_id=user_id, event=Event.SIGNUP).first()
    if existing is not None:
        return existing
    source = None
    if visitor_id:
        source = (
            Touchpoint.objects.filter(visitor_id=visitor_id, user_id=user_id)
            .exclude(loop=Loop.ORGANIC)
            .order_by("-inserted_at", "-id")
            .first()
        )
    if source is None:
        return touchpoint_record(
            visitor_id=visitor_id, loop=Loop.ORGANIC, event=Event.SIGNUP, user_id=user_id, ip=ip
        )
    return touchpoint_record(
        visitor_id=visitor_id,
        loop=source.loop,
        event=Event.SIGNUP,
        user_id=user_id,
        token=source.token,
        inviter_id=source.inviter_id,
        channel=source.channel,
        ip=ip,
        metadata={"source_touchpoint_id": source.pk},
    )
