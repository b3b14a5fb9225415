"""The one error hierarchy and the one place that maps it to HTTP.

Services raise `DomainError` subclasses; pages get a friendly error template with the
error's status, the DRF API gets `{"detail": ..., "code": ...}`. Django's ValidationError
becomes a 400 in both. Anything else is our bug and becomes a 500.
"""

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    code: ClassVar[str] = "domain_error"
    http_status: ClassVar[int] = 400
    default_message: ClassVar[str] = "The request could not be completed."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class NotFound(DomainError):
    code = "not_found"
    http_status = 404
    default_message = "Not found."


class Conflict(DomainError):
    code = "conflict"
    http_status = 409
    default_message = "That conflicts with the current state."


def validation_error_message(error: ValidationError) -> str:
    return " ".join(error.messages)


class DomainErrorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            status_code, message = exception.http_status, exception.message
        elif isinstance(exception, ValidationError):
            status_code, message = 400, validation_error_message(exception)
        else:
            return None
        template = "partials/_error.html" if getattr(request, "htmx", False) else "error.html"
        return render(
            request, template, {"status": status_code, "message": message}, status=status_code
        )


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return Response({"detail": exc.message, "code": exc.code}, status=exc.http_status)
    if isinstance(exc, ValidationError):
        return Response(
            {"detail": validation_error_message(exc), "code": "invalid"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return exception_handler(exc, context)
