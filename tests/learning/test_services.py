import pytest
from django.core.exceptions import ValidationError

from tests.learning.conftest import answer_all, right_answer, wrong_answer
from tests.learning.factories import SkillFactory
from veltutor.learning import services
from veltutor.learning.exceptions import (
    AnswerOutOfOrder,
    NoQuestionsAvailable,
    QuestionNotInSession,
    SessionFinished,
    SessionNotFound,
)
from veltutor.learning.models import DiagnosticSkillResult, LearningSession, SkillMastery
from veltutor.learning.signals import diagnostic_completed, practice_completed


def first_item(session):
    return session.items.select_related("question").get(position=1)


def test_practice_start_picks_the_requested_number_of_the_skills_questions(student, skill):
    session = services.practice_start(user=student, skill=skill, question_count=5)

    questions = [item.question for item in session.items.order_by("position")]
    assert len(questions) == 5
    assert {question.skill_id for question in questions} == {skill.id}


def test_practice_start_orders_questions_from_easiest_to_hardest(student, skill):
    session = services.practice_start(user=student, skill=skill, question_count=6)

    ratings = [item.question.difficulty_rating for item in session.items.order_by("position")]
    assert ratings == sorted(ratings)


def test_practice_start_prefers_questions_the_student_has_not_seen(student, skill):
    first = services.practice_start(user=student, skill=skill, question_count=5, seed=3)
    second = services.practice_start(user=student, skill=skill, question_count=5, seed=3)

    seen = set(first.items.values_list("question_id", flat=True))
    assert seen.isdisjoint(second.items.values_list("question_id", flat=True))


def test_practice_start_refuses_a_skill_without_questions(student, subject):
    empty = SkillFactory(subject=subject)

    with pytest.raises(NoQuestionsAvailable):
        services.practice_start(user=student, skill=empty)


def test_diagnostic_start_covers_every_skill_of_the_subject(student, skill, second_skill):
    session = services.diagnostic_start(user=student, subject=skill.subject, per_skill=3)

    skills = list(session.items.values_list("question__skill_id", flat=True))
    assert sorted(skills) == sorted([skill.id] * 3 + [second_skill.id] * 3)
    assert session.kind == LearningSession.Kind.DIAGNOSTIC


def test_a_right_answer_is_scored_and_raises_mastery_and_lowers_difficulty(student, practice):
    item = first_item(practice)
    difficulty_before = item.question.difficulty_rating

    outcome = services.session_answer(
        user=student, session_id=practice.pk, position=1, response=right_answer(item)
    )

    item.question.refresh_from_db()
    mastery = SkillMastery.objects.get(user=student, skill=item.question.skill)
    assert outcome.item.is_correct is True
    assert outcome.session.correct_count == 1
    assert mastery.rating > 1000 and mastery.attempts == 1 and mastery.correct == 1
    assert item.question.difficulty_rating < difficulty_before
    assert item.question.attempts_count == 1


def test_a_wrong_answer_lowers_mastery_and_raises_difficulty(student, practice):
    item = first_item(practice)
    difficulty_before = item.question.difficulty_rating

    outcome = services.session_answer(
        user=student, session_id=practice.pk, position=1, response=wrong_answer(item)
    )

    item.question.refresh_from_db()
    assert outcome.item.is_correct is False
    assert SkillMastery.objects.get(user=student).rating < 1000
    assert item.question.difficulty_rating > difficulty_before


def test_double_submitting_an_answer_scores_it_once(student, practice):
    item = first_item(practice)
    services.session_answer(
        user=student, session_id=practice.pk, position=1, response=right_answer(item)
    )

    again = services.session_answer(
        user=student, session_id=practice.pk, position=1, response=wrong_answer(item)
    )

    practice.refresh_from_db()
    assert again.already_answered is True
    assert again.item.is_correct is True
    assert (practice.answered_count, practice.correct_count) == (1, 1)
    assert SkillMastery.objects.get(user=student).attempts == 1


def test_a_malformed_numeric_answer_is_rejected_and_changes_nothing(student, practice):
    with pytest.raises(ValidationError, match="not a number"):
        services.session_answer(user=student, session_id=practice.pk, position=1, response="ten")

    practice.refresh_from_db()
    assert practice.answered_count == 0
    assert not SkillMastery.objects.filter(user=student).exists()


def test_a_choice_outside_the_options_is_rejected(student, second_skill):
    session = services.practice_start(user=student, skill=second_skill, question_count=2)

    with pytest.raises(ValidationError, match="Choose one of the options"):
        services.session_answer(user=student, session_id=session.pk, position=1, response="7")


def test_answers_must_come_in_order(student, practice):
    with pytest.raises(AnswerOutOfOrder):
        services.session_answer(user=student, session_id=practice.pk, position=2, response="1")


def test_a_position_outside_the_session_is_not_found(student, practice):
    with pytest.raises(QuestionNotInSession):
        services.session_answer(user=student, session_id=practice.pk, position=99, response="1")


def test_another_students_session_cannot_be_answered(other_student, practice):
    with pytest.raises(SessionNotFound):
        services.session_answer(
            user=other_student, session_id=practice.pk, position=1, response="1"
        )


def test_answering_the_last_question_completes_the_session(student, practice):
    answer_all(practice, correct=True)

    practice.refresh_from_db()
    assert practice.is_completed
    assert practice.completed_at is not None
    assert practice.score_percent == 100


def test_a_finished_session_accepts_no_new_answers(student, practice):
    answer_all(practice)
    practice.refresh_from_db()
    # Simulate a tampered session whose last item was never answered.
    practice.items.filter(position=4).update(answered_at=None, is_correct=None)

    with pytest.raises(SessionFinished):
        services.session_answer(user=student, session_id=practice.pk, position=4, response="1")


def test_completing_a_practice_sends_practice_completed_after_commit(
    student, practice, django_capture_on_commit_callbacks
):
    received = []

    def listener(sender, session, user, **kwargs):
        received.append((session.pk, user.pk))

    practice_completed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            answer_all(practice)
    finally:
        practice_completed.disconnect(listener)

    assert received == [(practice.pk, student.pk)]


def test_completing_a_diagnostic_records_a_level_per_skill_and_sends_the_signal(
    student, skill, second_skill, django_capture_on_commit_callbacks
):
    session = services.diagnostic_start(user=student, subject=skill.subject, per_skill=2)
    received = []

    def listener(sender, session, user, **kwargs):
        received.append(session.pk)

    diagnostic_completed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            answer_all(session, correct=True)
    finally:
        diagnostic_completed.disconnect(listener)

    results = DiagnosticSkillResult.objects.filter(session=session)
    assert received == [session.pk]
    assert {result.skill_id for result in results} == {skill.id, second_skill.id}
    assert all(result.correct == result.answered == 2 for result in results)
    assert all(result.level in {"developing", "proficient", "advanced"} for result in results)
