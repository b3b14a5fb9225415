import re

from django.http import HttpResponse
from django.test import RequestFactory

from attribution.middleware import VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE, VisitorMiddleware

VISITOR = "0123456789abcdef0123456789abcdef"


def _middleware() -> VisitorMiddleware:
    return VisitorMiddleware(lambda request: HttpResponse("ok"))


def test_a_new_visitor_gets_a_random_visitor_cookie(client, db):
    response = client.get("/")

    assert re.fullmatch(r"[0-9a-f]{32}", response.cookies[VISITOR_COOKIE].value)


def test_a_new_visitors_request_carries_the_issued_visitor_id(client, db):
    response = client.get("/")

    assert response.wsgi_request.visitor_id == response.cookies[VISITOR_COOKIE].value


def test_the_visitor_cookie_is_long_lived_httponly_lax_and_secure(client, db):
    cookie = client.get("/").cookies[VISITOR_COOKIE]

    assert (cookie["max-age"], cookie["httponly"], cookie["samesite"], cookie["secure"]) == (
        VISITOR_COOKIE_MAX_AGE,
        True,
        "Lax",
        True,
    )


def test_the_visitor_cookie_is_not_secure_over_plain_http_in_debug(settings):
    settings.DEBUG = True

    response = _middleware()(RequestFactory().get("/"))

    assert response.cookies[VISITOR_COOKIE]["secure"] == ""


def test_the_visitor_cookie_is_secure_over_https_even_in_debug(settings):
    settings.DEBUG = True

    response = _middleware()(RequestFactory().get("/", secure=True))

    assert response.cookies[VISITOR_COOKIE]["secure"] is True


def test_an_existing_valid_cookie_is_kept_without_set_cookie(client, db):
    client.cookies[VISITOR_COOKIE] = VISITOR

    response = client.get("/")

    assert VISITOR_COOKIE not in response.cookies
    assert response.wsgi_request.visitor_id == VISITOR


def test_a_malformed_cookie_is_replaced(client, db):
    client.cookies[VISITOR_COOKIE] = "ABC'; DROP TABLE--"

    response = client.get("/")

    issued = response.cookies[VISITOR_COOKIE].value
    assert re.fullmatch(r"[0-9a-f]{32}", issued)
    assert response.wsgi_request.visitor_id == issued


def test_an_uppercase_cookie_is_not_a_valid_visitor_id(client, db):
    client.cookies[VISITOR_COOKIE] = VISITOR.upper()

    response = client.get("/")

    assert response.cookies[VISITOR_COOKIE].value != VISITOR.upper()


def test_the_middleware_touches_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        _middleware()(RequestFactory().get("/"))
