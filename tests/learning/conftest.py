import pytest

from tests.learning.factories import (
    ChoiceQuestionFactory,
    NumericQuestionFactory,
    SkillFactory,
    SubjectFactory,
)
from veltutor.learning import services


@pytest.fixture
def subject(db):
    return SubjectFactory(slug="math", name="Mathematics")


@pytest.fixture
def skill(subject):
    skill = SkillFactory(subject=subject, slug="arithmetic", name="Arithmetic")
    for offset in range(10):
        NumericQuestionFactory(skill=skill, difficulty_rating=900 + 20 * offset)
    return skill


@pytest.fixture
def second_skill(subject):
    skill = SkillFactory(subject=subject, slug="vocabulary", name="Vocabulary")
    for offset in range(6):
        ChoiceQuestionFactory(skill=skill, difficulty_rating=950 + 20 * offset)
    return skill


@pytest.fixture
def practice(student, skill):
    return services.practice_start(user=student, skill=skill, question_count=4, seed=1)


def right_answer(item) -> str:
    question = item.question
    if question.kind == "multiple_choice":
        return str(question.choices.index(question.correct_answer))
    return question.correct_answer


def wrong_answer(item) -> str:
    question = item.question
    if question.kind == "multiple_choice":
        right = question.choices.index(question.correct_answer)
        return str((right + 1) % len(question.choices))
    return str(int(question.correct_answer) + 1)


def answer_all(session, *, correct: bool = True) -> None:
    for item in session.items.select_related("question").order_by("position"):
        services.session_answer(
            user=session.user,
            session_id=session.pk,
            position=item.position,
            response=right_answer(item) if correct else wrong_answer(item),
        )
