"""Phase 1 events → the touchpoint log. A failure here is logged and never breaks the page."""

import logging
from datetime import datetime

from django.contrib.auth.signals import user_logged_in
from django.db import transaction

from attribution import services
from attribution.models import Touchpoint
from veltutor.accounts.signals import user_signed_up
from veltutor.learning import selectors as learning_selectors
from veltutor.learning.signals import demo_seeded, practice_completed

logger = logging.getLogger(__name__)


def stitch_on_login(sender, request, user, **kwargs) -> None:
    visitor_id = getattr(request, "visitor_id", "")
    if not visitor_id:
        return
    try:
        # A savepoint when the login happens inside a transaction, so a failure can't poison it.
        with transaction.atomic():
            services.touchpoints_stitch(visitor_id=visitor_id, user_id=user.pk)
    except Exception:
        logger.exception(
            "touchpoints_not_stitched", extra={"visitor_id": visitor_id, "user_id": user.pk}
        )


def record_signup(sender, user, request=None, **kwargs) -> None:
    visitor_id = getattr(request, "visitor_id", "")
    try:
        services.signup_touchpoint_record(
            visitor_id=visitor_id,
            user_id=user.pk,
            ip=services.request_client_ip(request) if request is not None else None,
        )
    except Exception:
        logger.exception(
            "signup_touchpoint_not_recorded", extra={"visitor_id": visitor_id, "user_id": user.pk}
        )


def _first_practice_touchpoint_record(*, user_id: int, occurred_at: datetime) -> Touchpoint | None:
    """The user's one `first_practice` conversion, credited like their signup (else organic).

    At most one per user: an existing one is returned unchanged. (A check, not a database
    constraint: the caller only gets here for the user's first completed practice.)
    """
    existing = Touchpoint.objects.filter(
        user_id=user_id, event=Touchpoint.Event.FIRST_PRACTICE
    ).first()
    if existing is not None:
        return existing
    signup = (
        Touchpoint.objects.filter(user_id=user_id, event=Touchpoint.Event.SIGNUP)
        .order_by("inserted_at", "id")
        .first()
    )
    if signup is None:
        return services.touchpoint_record(
            visitor_id="",
            loop=Touchpoint.Loop.ORGANIC,
            event=Touchpoint.Event.FIRST_PRACTICE,
            user_id=user_id,
            occurred_at=occurred_at,
        )
    return services.touchpoint_record(
        visitor_id=signup.visitor_id,
        loop=signup.loop,
        event=Touchpoint.Event.FIRST_PRACTICE,
        user_id=user_id,
        token=signup.token,
        inviter_id=signup.inviter_id,
        channel=signup.channel,
        metadata={"signup_touchpoint_id": signup.pk},
        occurred_at=occurred_at,
    )


def record_first_practice(sender, session, user, **kwargs) -> None:
    try:
        if learning_selectors.completed_session_count(user_id=user.pk, kind="practice") != 1:
            return
        # A savepoint when the signal arrives inside a transaction, so a failure can't poison it.
        with transaction.atomic():
            _first_practice_touchpoint_record(user_id=user.pk, occurred_at=session.completed_at)
    except Exception:
        logger.exception(
            "first_practice_touchpoint_not_recorded",
            extra={"session_id": session.pk, "user_id": user.pk},
        )


DEMO_GROWTH_USERS = 240
DEMO_GROWTH_TOUCHPOINTS = 3_000


def load_growth_demo(sender, **kwargs) -> str:
    """`seed_demo`: a small synthetic growth history and its cohorts, for the dashboards."""
    from attribution.cohorts import cohorts_rebuild
    from attribution.growth_data import generate_growth_history

    summary = generate_growth_history(users=DEMO_GROWTH_USERS, touchpoints=DEMO_GROWTH_TOUCHPOINTS)
    rebuilt = cohorts_rebuild()
    return (
        f"Growth: {summary.users_created} synthetic users, {summary.touchpoints_created} "
        f"touchpoints; {rebuilt.rows} cohort rows."
    )


def connect() -> None:
    demo_seeded.connect(load_growth_demo, dispatch_uid="attribution.load_growth_demo")
    user_logged_in.connect(stitch_on_login, dispatch_uid="attribution.stitch_on_login")
    user_signed_up.connect(record_signup, dispatch_uid="attribution.record_signup")
    practice_completed.connect(
        record_first_practice, dispatch_uid="attribution.record_first_practice"
    )
