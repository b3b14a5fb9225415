"""Visitor identity: a random first-party cookie, read on every request, no database."""

import re
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

VISITOR_COOKIE = "vt_visitor"
VISITOR_COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60  # two years, in seconds
_VISITOR_ID = re.compile(r"[0-9a-f]{32}")


def visitor_id_is_valid(value: str) -> bool:
    return bool(_VISITOR_ID.fullmatch(value))


class VisitorMiddleware:
    """Sets `request.visitor_id` (and `visitor_is_new`); issues the `vt_visitor` cookie when it
    is missing or bad."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        visitor_id = request.COOKIES.get(VISITOR_COOKIE, "")
        is_new = not visitor_id_is_valid(visitor_id)
        if is_new:
            visitor_id = secrets.token_hex(16)
        request.visitor_id = visitor_id
        request.visitor_is_new = is_new
        response = self.get_response(request)
        if is_new:
            response.set_cookie(
                VISITOR_COOKIE,
                visitor_id,
                max_age=VISITOR_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=not settings.DEBUG or request.is_secure(),
            )
        return response
