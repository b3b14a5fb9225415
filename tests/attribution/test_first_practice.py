import logging

import pytest

from attribution import services
from attribution.models import Touchpoint
from tests.attribution.factories import TouchpointFactory
from tests.learning.conftest import answer_all
from veltutor.learning import services as learning_services

Event = Touchpoint.Event

VISITOR = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def signup(student, other_student):
    return TouchpointFactory(
        visitor_id=VISITOR,
        user=student,
        loop=Touchpoint.Loop.BUDDY_CHALLENGE,
        event=Event.SIGNUP,
        token="buddy-token",
        inviter=other_student,
        channel="share",
    )


def _finish(session, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(session)
    session.refresh_from_db()


def test_the_first_completed_practice_records_a_conversion_credited_like_the_signup(
    signup, practice, django_capture_on_commit_callbacks
):
    _finish(practice, django_capture_on_commit_callbacks)

    first = Touchpoint.objects.get(event=Event.FIRST_PRACTICE)
    assert (
        first.user_id,
        first.visitor_id,
        first.loop,
        first.token,
        first.inviter_id,
        first.channel,
        first.inserted_at,
    ) == (
        signup.user_id,
        VISITOR,
        "buddy_challenge",
        "buddy-token",
        signup.inviter_id,
        "share",
        practice.completed_at,
    )


def test_a_second_completed_practice_records_nothing_more(
    signup, practice, student, skill, django_capture_on_commit_callbacks
):
    _finish(practice, django_capture_on_commit_callbacks)
    second = learning_services.practice_start(user=student, skill=skill, question_count=4, seed=2)

    _finish(second, django_capture_on_commit_callbacks)

    assert Touchpoint.objects.filter(event=Event.FIRST_PRACTICE).count() == 1


def test_a_first_practice_without_a_signup_touchpoint_is_organic(
    student, practice, django_capture_on_commit_callbacks
):
    _finish(practice, django_capture_on_commit_callbacks)

    first = Touchpoint.objects.get(event=Event.FIRST_PRACTICE)
    assert (first.user_id, first.visitor_id, first.loop, first.inviter_id) == (
        student.pk,
        "",
        "organic",
        None,
    )


def test_an_existing_first_practice_touchpoint_is_not_duplicated(
    signup, student, practice, django_capture_on_commit_callbacks
):
    TouchpointFactory(user=student, event=Event.FIRST_PRACTICE)

    _finish(practice, django_capture_on_commit_callbacks)

    assert Touchpoint.objects.filter(event=Event.FIRST_PRACTICE).count() == 1


def test_a_failing_first_practice_receiver_logs_and_does_not_raise(
    signup, practice, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "touchpoint_record", explode)

    with caplog.at_level(logging.ERROR, logger="attribution.receivers"):
        _finish(practice, django_capture_on_commit_callbacks)

    assert practice.is_completed
    assert [record.getMessage() for record in caplog.records] == [
        "first_practice_touchpoint_not_recorded"
    ]
