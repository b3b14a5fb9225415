import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_is_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    connected = database_is_reachable()
    body = {
        "status": "ok" if connected else "error",
        "timestamp": timezone.now().isoformat(),
        "database": "connected" if connected else "unreachable",
        "version": settings.VERSION,
    }
    if connected:
        for section in settings.HEALTH_REPORT_SECTIONS:
            try:
                body.update(import_string(section)())
            except DatabaseError:  # e.g. Phase 2 tables rolled back: health still answers
                logger.warning("health_section_unavailable", extra={"section": section})
    return JsonResponse(body, status=200 if connected else 503)


@never_cache
@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """The load test's floor: the full middleware stack and nothing else, no database."""
    return HttpResponse("pong", content_type="text/plain")
