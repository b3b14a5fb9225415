import pytest

from challenges import services
from tests.learning.conftest import answer_all
from veltutor.learning import services as learning_services

VISITOR = "a" * 32
OTHER_VISITOR = "b" * 32


@pytest.fixture
def finished_practice(student, skill, django_capture_on_commit_callbacks):
    session = learning_services.practice_start(user=student, skill=skill, question_count=4, seed=2)
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(session, correct=True)
    session.refresh_from_db()
    return session


@pytest.fixture
def challenge(student, finished_practice):
    return services.buddy_challenge_create(
        user=student, session_id=finished_practice.pk, offer_code="invite-100"
    ).link


@pytest.fixture
def rally(student, finished_practice):
    return services.rally_create(user=student, session_id=finished_practice.pk).link


def play_through(link, *, visitor_id=VISITOR, user=None, correct=True, name="Zoe"):
    play = services.play_start(link=link, visitor_id=visitor_id, user=user, display_name=name)
    for position, question in enumerate(link.deck.questions(), start=1):
        if question.kind == "multiple_choice":
            right = question.choices.index(question.correct_answer)
            response = str(right if correct else (right + 1) % len(question.choices))
        else:
            response = question.correct_answer if correct else "-1"
        services.play_answer(
            link=link, visitor_id=visitor_id, user=user, position=position, response=response
        )
    play.refresh_from_db()
    return play
