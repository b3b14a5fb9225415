import pytest

from tests.concurrency import run_together
from tests.learning.conftest import right_answer
from veltutor.learning import services
from veltutor.learning.models import Question, SkillMastery

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_double_submits_score_the_answer_once(student, skill):
    session = services.practice_start(user=student, skill=skill, question_count=3)
    item = session.items.select_related("question").get(position=1)

    def submit():
        return services.session_answer(
            user=student, session_id=session.pk, position=1, response=right_answer(item)
        )

    outcomes = run_together(submit, submit, submit, submit)

    session.refresh_from_db()
    assert sorted(outcome.already_answered for outcome in outcomes) == [False, True, True, True]
    assert (session.answered_count, session.correct_count) == (1, 1)
    assert SkillMastery.objects.get(user=student).attempts == 1
    assert Question.objects.get(pk=item.question_id).attempts_count == 1


def test_students_answering_the_same_question_at_once_all_count(skill):
    from tests.accounts.factories import UserFactory

    students = [UserFactory() for _ in range(4)]
    question = skill.questions.order_by("difficulty_rating").first()
    sessions = [services.practice_start(user=s, skill=skill, question_count=1) for s in students]
    for session in sessions:
        session.items.update(question=question)

    outcomes = run_together(
        *[
            (
                lambda s=s: services.session_answer(
                    user=s.user, session_id=s.pk, position=1, response=question.correct_answer
                )
            )
            for s in sessions
        ]
    )

    question.refresh_from_db()
    assert all(not isinstance(outcome, Exception) for outcome in outcomes)
    assert (question.attempts_count, question.correct_count) == (4, 4)
