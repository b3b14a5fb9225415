import logging
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from attribution import selectors, services
from attribution.models import Touchpoint
from tests.accounts.factories import UserFactory
from tests.attribution.factories import TouchpointFactory

VISITOR = "0123456789abcdef0123456789abcdef"
OTHER_VISITOR = "fedcba9876543210fedcba9876543210"
Loop, Event = Touchpoint.Loop, Touchpoint.Event
# The Phase 2 checklist's monitoring query, exactly as written there.
CHECKLIST_SIX_HOUR_COUNT = (
    "SELECT COUNT(*) FROM attribution_touchpoints WHERE inserted_at > NOW() - INTERVAL '6 hours'"
)


def _broken_save(self, *args, **kwargs):
    # A real database error: on PostgreSQL it aborts the surrounding transaction.
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO attribution_no_such_table VALUES (1)")


def test_recording_creates_one_row_with_all_fields(student, other_student):
    occurred_at = timezone.now() - timedelta(minutes=5)

    touchpoint = services.touchpoint_record(
        visitor_id=VISITOR,
        loop=Loop.BUDDY_CHALLENGE,
        event=Event.LINK_OPENED,
        user_id=student.pk,
        token="tok-123",
        inviter_id=other_student.pk,
        channel="whatsapp",
        ip="203.0.113.7",
        metadata={"deck_id": 4},
        occurred_at=occurred_at,
    )

    row = Touchpoint.objects.get()
    assert row.pk == touchpoint.pk
    assert (
        row.visitor_id,
        row.user_id,
        row.loop,
        row.event,
        row.token,
        row.inviter_id,
        row.channel,
        row.ip,
        row.metadata,
        row.inserted_at,
    ) == (
        VISITOR,
        student.pk,
        "buddy_challenge",
        "link_opened",
        "tok-123",
        other_student.pk,
        "whatsapp",
        "203.0.113.7",
        {"deck_id": 4},
        occurred_at,
    )


def test_recording_an_unknown_event_is_a_programming_error(db):
    with pytest.raises(ValueError, match="attribution event"):
        services.touchpoint_record(visitor_id=VISITOR, loop=Loop.ORGANIC, event="clicked")


def test_recording_an_unknown_loop_is_a_programming_error(db):
    with pytest.raises(ValueError, match="attribution loop"):
        services.touchpoint_record(visitor_id=VISITOR, loop="tiktok", event=Event.LINK_OPENED)


def test_recording_drops_an_ip_that_is_not_an_address(db):
    touchpoint = services.touchpoint_record(
        visitor_id=VISITOR, loop=Loop.ORGANIC, event=Event.LINK_OPENED, ip="not-an-ip"
    )

    assert touchpoint.ip is None


def test_recording_returns_none_and_logs_when_the_insert_fails(db, monkeypatch, caplog):
    monkeypatch.setattr(Touchpoint, "save", _broken_save)

    with caplog.at_level(logging.ERROR, logger="attribution.services"):
        result = services.touchpoint_record(
            visitor_id=VISITOR, loop=Loop.ORGANIC, event=Event.LINK_OPENED
        )

    assert result is None
    assert [record.getMessage() for record in caplog.records] == ["touchpoint_not_recorded"]


def test_a_failed_recording_leaves_the_callers_transaction_usable(db, monkeypatch):
    with transaction.atomic():
        monkeypatch.setattr(Touchpoint, "save", _broken_save)
        services.touchpoint_record(visitor_id=VISITOR, loop=Loop.ORGANIC, event=Event.LINK_OPENED)
        monkeypatch.undo()
        UserFactory(username="after_failure")
        services.touchpoint_record(visitor_id=VISITOR, loop=Loop.ORGANIC, event=Event.RALLY_VIEWED)

    assert list(Touchpoint.objects.values_list("event", flat=True)) == ["rally_viewed"]


def test_recording_for_a_request_reads_visitor_user_and_remote_address(student):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")
    request.visitor_id, request.user = VISITOR, student

    touchpoint = services.touchpoint_record_for_request(
        request=request, loop=Loop.RESULTS_RALLY, event=Event.RALLY_VIEWED, token="rally-1"
    )

    assert (touchpoint.visitor_id, touchpoint.user_id, touchpoint.ip, touchpoint.token) == (
        VISITOR,
        student.pk,
        "198.51.100.4",
        "rally-1",
    )


def test_recording_for_an_anonymous_request_leaves_the_user_empty(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.visitor_id, request.user = VISITOR, AnonymousUser()

    touchpoint = services.touchpoint_record_for_request(
        request=request, loop=Loop.ORGANIC, event=Event.LINK_OPENED
    )

    assert touchpoint.user_id is None


def test_the_client_ip_ignores_x_forwarded_for_by_default(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1"
    )

    assert services.request_client_ip(request) == "10.0.0.2"


def test_the_client_ip_is_the_first_x_forwarded_for_entry_behind_a_trusted_proxy(settings):
    settings.ATTRIBUTION_TRUST_X_FORWARDED_FOR = True
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1"
    )

    assert services.request_client_ip(request) == "203.0.113.9"


def test_stitching_updates_only_that_visitors_anonymous_rows(student, other_student):
    anonymous = TouchpointFactory(visitor_id=VISITOR)
    someone_elses = TouchpointFactory(visitor_id=VISITOR, user=other_student)
    other_visitor = TouchpointFactory(visitor_id=OTHER_VISITOR)

    changed = services.touchpoints_stitch(visitor_id=VISITOR, user_id=student.pk)

    owners = {
        touchpoint.pk: touchpoint.user_id
        for touchpoint in Touchpoint.objects.filter(
            pk__in=[anonymous.pk, someone_elses.pk, other_visitor.pk]
        )
    }
    assert changed == 1
    assert owners == {
        anonymous.pk: student.pk,
        someone_elses.pk: other_student.pk,
        other_visitor.pk: None,
    }


def test_stitching_an_empty_visitor_id_changes_nothing(student):
    TouchpointFactory(visitor_id="")

    assert services.touchpoints_stitch(visitor_id="", user_id=student.pk) == 0


def test_the_signup_touchpoint_copies_the_last_invite(student, other_student):
    now = timezone.now()
    TouchpointFactory(visitor_id=VISITOR, inserted_at=now - timedelta(hours=3))
    invite = TouchpointFactory(
        visitor_id=VISITOR,
        loop=Loop.BUDDY_CHALLENGE,
        event=Event.CHALLENGE_COMPLETED,
        token="buddy-token",
        inviter=other_student,
        channel="whatsapp",
        inserted_at=now - timedelta(hours=2),
    )
    TouchpointFactory(visitor_id=VISITOR, inserted_at=now - timedelta(hours=1))

    signup = services.signup_touchpoint_record(
        visitor_id=VISITOR, user_id=student.pk, ip="192.0.2.1"
    )

    assert (
        signup.event,
        signup.loop,
        signup.token,
        signup.inviter_id,
        signup.channel,
        signup.user_id,
        signup.ip,
        signup.metadata,
    ) == (
        "signup",
        "buddy_challenge",
        "buddy-token",
        other_student.pk,
        "whatsapp",
        student.pk,
        "192.0.2.1",
        {"source_touchpoint_id": invite.pk},
    )


def test_the_signup_touchpoint_stitches_the_visitors_earlier_touchpoints(student):
    earlier = TouchpointFactory(visitor_id=VISITOR)

    services.signup_touchpoint_record(visitor_id=VISITOR, user_id=student.pk)

    earlier.refresh_from_db()
    assert earlier.user_id == student.pk


def test_a_signup_without_an_invite_is_organic(student):
    TouchpointFactory(visitor_id=VISITOR, loop=Loop.ORGANIC)

    signup = services.signup_touchpoint_record(visitor_id=VISITOR, user_id=student.pk)

    assert (signup.loop, signup.token, signup.inviter_id) == ("organic", "", None)


def test_a_signup_ignores_invites_another_account_received_on_the_same_browser(
    student, other_student
):
    TouchpointFactory(
        visitor_id=VISITOR, loop=Loop.RESULTS_RALLY, user=other_student, token="not-mine"
    )

    signup = services.signup_touchpoint_record(visitor_id=VISITOR, user_id=student.pk)

    assert signup.loop == "organic"


def test_the_signup_touchpoint_is_recorded_once(student):
    first = services.signup_touchpoint_record(visitor_id=VISITOR, user_id=student.pk)
    second = services.signup_touchpoint_record(visitor_id=VISITOR, user_id=student.pk)

    assert second.pk == first.pk
    assert Touchpoint.objects.filter(user=student, event=Event.SIGNUP).count() == 1


def test_the_last_invite_is_the_latest_non_organic_touchpoint_with_an_inviter(other_student):
    now = timezone.now()
    invite = TouchpointFactory(
        visitor_id=VISITOR,
        loop=Loop.RESULTS_RALLY,
        inviter=other_student,
        inserted_at=now - timedelta(hours=2),
    )
    TouchpointFactory(visitor_id=VISITOR, loop=Loop.BUDDY_CHALLENGE, inserted_at=now)
    TouchpointFactory(visitor_id=VISITOR, inviter=other_student, inserted_at=now)

    assert selectors.last_invite_touchpoint_for_visitor(visitor_id=VISITOR) == invite


def test_touchpoints_are_counted_per_event_since_a_moment(db):
    now = timezone.now()
    TouchpointFactory(event=Event.LINK_OPENED, inserted_at=now - timedelta(hours=1))
    TouchpointFactory(event=Event.LINK_OPENED, inserted_at=now - timedelta(hours=2))
    TouchpointFactory(event=Event.SIGNUP, inserted_at=now - timedelta(hours=1))
    TouchpointFactory(event=Event.SIGNUP, inserted_at=now - timedelta(hours=7))

    counts = selectors.touchpoints_by_event_since(since=now - timedelta(hours=6))

    assert counts == {event: 0 for event in Event.values} | {"link_opened": 2, "signup": 1}


def test_touchpoints_are_counted_since_a_moment(db):
    now = timezone.now()
    TouchpointFactory(inserted_at=now - timedelta(hours=1))
    TouchpointFactory(inserted_at=now - timedelta(hours=7))

    assert selectors.touchpoint_count_since(since=now - timedelta(hours=6)) == 1


def test_a_visitors_touchpoints_are_listed_newest_first(db):
    now = timezone.now()
    older = TouchpointFactory(visitor_id=VISITOR, inserted_at=now - timedelta(hours=1))
    newer = TouchpointFactory(visitor_id=VISITOR, inserted_at=now)
    TouchpointFactory(visitor_id=OTHER_VISITOR)

    assert list(selectors.touchpoint_list_for_visitor(visitor_id=VISITOR)) == [newer, older]


def test_a_users_touchpoints_are_listed(student, other_student):
    mine = TouchpointFactory(user=student)
    TouchpointFactory(user=other_student)

    assert list(selectors.touchpoint_list_for_user(user_id=student.pk)) == [mine]


@pytest.mark.postgres
def test_the_checklists_six_hour_count_runs_verbatim_on_postgresql(db):
    now = timezone.now()
    TouchpointFactory(inserted_at=now - timedelta(hours=1))
    TouchpointFactory(inserted_at=now - timedelta(hours=7))

    with connection.cursor() as cursor:
        cursor.execute(CHECKLIST_SIX_HOUR_COUNT)
        (count,) = cursor.fetchone()

    assert count == 1
