from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from challenges import services
from challenges.exceptions import (
    InviteLimitReached,
    LinkClosed,
    NotEligible,
    SelfChallenge,
)
from challenges.models import BuddyChallenge, ChallengeSession
from tests.challenges.conftest import OTHER_VISITOR, VISITOR, play_through
from tests.learning.conftest import answer_all
from veltutor.learning import services as learning_services
from veltutor.learning.exceptions import SessionNotFound


def test_a_challenge_freezes_the_sessions_questions_behind_a_long_token(
    challenge, finished_practice
):
    asked = list(finished_practice.items.order_by("position").values_list("question_id", flat=True))

    assert challenge.deck.question_ids == asked
    assert len(challenge.token) >= 32  # 24 random bytes, base64url
    assert challenge.challenger_score == 100
    assert challenge.expires_at > timezone.now() + timedelta(days=13)


def test_challenging_twice_from_one_session_returns_the_same_challenge(student, challenge):
    again = services.buddy_challenge_create(
        user=student, session_id=challenge.deck.source_session_id
    )

    assert again.created is False and again.link.pk == challenge.pk


def test_only_your_own_finished_practice_can_become_a_challenge(other_student, finished_practice):
    with pytest.raises(SessionNotFound):
        services.buddy_challenge_create(user=other_student, session_id=finished_practice.pk)


def test_an_unfinished_practice_cannot_become_a_challenge(student, skill):
    session = learning_services.practice_start(user=student, skill=skill, question_count=2)

    with pytest.raises(NotEligible):
        services.buddy_challenge_create(user=student, session_id=session.pk)


def test_invites_are_limited_per_day_counting_invites_not_requests(
    student, skill, settings, django_capture_on_commit_callbacks
):
    settings.LOOP_DAILY_INVITE_LIMIT = 2
    sessions = []
    for _ in range(3):
        session = learning_services.practice_start(user=student, skill=skill, question_count=1)
        answer_all(session)
        sessions.append(session)
    services.buddy_challenge_create(user=student, session_id=sessions[0].pk)
    services.buddy_challenge_create(user=student, session_id=sessions[0].pk)  # same invite
    services.buddy_challenge_create(user=student, session_id=sessions[1].pk)

    with pytest.raises(InviteLimitReached):
        services.buddy_challenge_create(user=student, session_id=sessions[2].pk)


def test_a_weak_practice_cannot_start_a_rally(student, skill):
    session = learning_services.practice_start(user=student, skill=skill, question_count=4)
    answer_all(session, correct=False)

    with pytest.raises(NotEligible):
        services.rally_create(user=student, session_id=session.pk)


def test_a_diagnostic_can_start_a_rally_whatever_the_score(student, skill):
    session = learning_services.diagnostic_start(user=student, subject=skill.subject, per_skill=1)
    answer_all(session, correct=False)

    rally = services.rally_create(user=student, session_id=session.pk).link

    assert "diagnostic" in rally.achievement


def test_a_buddy_plays_anonymously_and_is_scored(challenge):
    play = play_through(challenge, correct=True)

    assert play.is_completed and play.score == 100 and play.user is None
    assert play.display_name == "Zoe"


def test_the_challenger_cannot_take_their_own_challenge(student, challenge):
    with pytest.raises(SelfChallenge):
        services.play_start(link=challenge, visitor_id=VISITOR, user=student, display_name="")


def test_a_finished_play_cannot_be_replayed_for_a_better_score(challenge):
    play_through(challenge, correct=False)

    again = services.play_start(link=challenge, visitor_id=VISITOR, user=None, display_name="Zoe")
    question = challenge.deck.questions()[0]
    answer = services.play_answer(
        link=challenge, visitor_id=VISITOR, user=None, position=1, response=question.correct_answer
    )

    assert again.score == 0 and answer.already_answered and not answer.correct
    assert ChallengeSession.objects.filter(challenge=challenge).count() == 1


def test_a_double_submitted_answer_is_scored_once(challenge):
    services.play_start(link=challenge, visitor_id=VISITOR, user=None, display_name="Zoe")
    question = challenge.deck.questions()[0]

    services.play_answer(
        link=challenge, visitor_id=VISITOR, user=None, position=1, response=question.correct_answer
    )
    again = services.play_answer(
        link=challenge, visitor_id=VISITOR, user=None, position=1, response="999"
    )

    assert again.already_answered and again.correct
    assert ChallengeSession.objects.get().correct_count == 1


def test_a_malformed_answer_changes_nothing(challenge):
    services.play_start(link=challenge, visitor_id=VISITOR, user=None, display_name="Zoe")

    with pytest.raises(ValidationError):
        services.play_answer(
            link=challenge, visitor_id=VISITOR, user=None, position=1, response="lots"
        )

    assert ChallengeSession.objects.get().answered_count == 0


def test_the_attempt_limit_closes_the_link(challenge):
    BuddyChallenge.objects.filter(pk=challenge.pk).update(max_plays=1)
    challenge.refresh_from_db()
    services.play_start(link=challenge, visitor_id=VISITOR, user=None, display_name="A")

    with pytest.raises(LinkClosed):
        services.play_start(link=challenge, visitor_id=OTHER_VISITOR, user=None, display_name="B")


def test_an_expired_link_accepts_no_new_play(challenge):
    services.link_expire_now(link=challenge)
    challenge.refresh_from_db()

    with pytest.raises(LinkClosed):
        services.play_start(link=challenge, visitor_id=VISITOR, user=None, display_name="A")


def test_a_finished_play_tells_the_challenger(
    challenge, student, django_capture_on_commit_callbacks
):
    from challenges.signals import buddy_finished_challenge

    heard = []

    def listener(sender, play, link, owner, **kwargs):
        heard.append((link.pk, owner.pk, play.score))

    buddy_finished_challenge.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            play_through(challenge, correct=True)
    finally:
        buddy_finished_challenge.disconnect(listener)

    assert heard == [(challenge.pk, student.pk, 100)]


def test_signing_up_keeps_the_visitors_play(challenge, other_student):
    play_through(challenge)

    linked = services.plays_link_to_user(visitor_id=VISITOR, user=other_student)

    assert [play.user_id for play in linked] == [other_student.pk]
    assert ChallengeSession.objects.get().user == other_student
