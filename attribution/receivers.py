"""Phase 1 events → the touchpoint log. A failure here is logged and never breaks the page."""

import logging

from django.contrib.auth.signals import user_logged_in
from django.db import transaction

from attribution import services
from veltutor.accounts.signals import user_signed_up

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


def connect() -> None:
    user_logged_in.connect(stitch_on_login, dispatch_uid="attribution.stitch_on_login")
    user_signed_up.connect(record_signup, dispatch_uid="attribution.record_signup")
