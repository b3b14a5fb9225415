import logging

from django.urls import reverse

from attribution import services
from attribution.middleware import VISITOR_COOKIE
from attribution.models import Touchpoint
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.attribution.factories import TouchpointFactory
from veltutor.accounts.models import User
from veltutor.accounts.signals import user_signed_up

VISITOR = "0123456789abcdef0123456789abcdef"
SIGNUP = {
    "username": "newkid",
    "display_name": "New Kid",
    "email": "newkid@example.com",
    "password": "a-long-unusual-passphrase",
}


def _sign_up(client, django_capture_on_commit_callbacks) -> User:
    client.cookies[VISITOR_COOKIE] = VISITOR
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), SIGNUP, REMOTE_ADDR="198.51.100.23")
    return User.objects.get(username="newkid")


def test_signing_up_stitches_the_visitors_earlier_touchpoints(
    client, db, django_capture_on_commit_callbacks
):
    earlier = TouchpointFactory(visitor_id=VISITOR)

    user = _sign_up(client, django_capture_on_commit_callbacks)

    earlier.refresh_from_db()
    assert earlier.user_id == user.pk


def test_signing_up_records_a_signup_credited_to_the_inviter(
    client, other_student, django_capture_on_commit_callbacks
):
    TouchpointFactory(
        visitor_id=VISITOR,
        loop=Touchpoint.Loop.RESULTS_RALLY,
        event=Touchpoint.Event.RALLY_JOINED,
        token="rally-token",
        inviter=other_student,
    )

    user = _sign_up(client, django_capture_on_commit_callbacks)

    signup = Touchpoint.objects.get(event=Touchpoint.Event.SIGNUP)
    assert (signup.user_id, signup.visitor_id, signup.loop, signup.inviter_id, signup.ip) == (
        user.pk,
        VISITOR,
        "results_rally",
        other_student.pk,
        "198.51.100.23",
    )


def test_a_signup_announced_without_a_request_is_recorded_as_organic(student):
    user_signed_up.send(sender=User, user=student, request=None)

    signup = Touchpoint.objects.get(user=student)
    assert (signup.event, signup.loop, signup.visitor_id) == ("signup", "organic", "")


def test_a_failing_signup_receiver_logs_and_does_not_raise(student, monkeypatch, caplog):
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "signup_touchpoint_record", explode)

    with caplog.at_level(logging.ERROR, logger="attribution.receivers"):
        user_signed_up.send(sender=User, user=student, request=None)

    assert [record.getMessage() for record in caplog.records] == ["signup_touchpoint_not_recorded"]


def test_logging_in_stitches_the_visitors_touchpoints(client, student):
    earlier = TouchpointFactory(visitor_id=VISITOR)
    client.cookies[VISITOR_COOKIE] = VISITOR

    client.post(reverse("accounts:login"), {"username": "sam", "password": DEFAULT_PASSWORD})

    earlier.refresh_from_db()
    assert earlier.user_id == student.pk


def test_a_failing_login_stitch_logs_and_does_not_break_the_login(
    client, student, monkeypatch, caplog
):
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "touchpoints_stitch", explode)
    client.cookies[VISITOR_COOKIE] = VISITOR

    with caplog.at_level(logging.ERROR, logger="attribution.receivers"):
        response = client.post(
            reverse("accounts:login"), {"username": "sam", "password": DEFAULT_PASSWORD}
        )

    assert response.status_code == 302
    assert "touchpoints_not_stitched" in [record.getMessage() for record in caplog.records]


def test_a_forced_login_without_a_visitor_stitches_nothing(client, student):
    anonymous = TouchpointFactory(visitor_id=VISITOR)

    client.force_login(student)

    anonymous.refresh_from_db()
    assert anonymous.user_id is None
