import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from veltutor.accounts.models import User
from veltutor.learning import answers, mastery
from veltutor.learning.exceptions import (
    AnswerOutOfOrder,
    NoQuestionsAvailable,
    QuestionNotInSession,
    SessionFinished,
    SessionNotFound,
)
from veltutor.learning.models import (
    DiagnosticSkillResult,
    LearningSession,
    Question,
    SessionItem,
    Skill,
    SkillMastery,
    Subject,
)
from veltutor.learning.signals import diagnostic_completed, practice_completed

PRACTICE_LENGTH = 8
DIAGNOSTIC_QUESTIONS_PER_SKILL = 3
RECENTLY_SEEN_WINDOW = 40


def _student_rating(*, user: User, skill: Skill) -> float:
    return (
        SkillMastery.objects.filter(user=user, skill=skill).values_list("rating", flat=True).first()
        or mastery.INITIAL_RATING
    )


def _recently_seen_question_ids(*, user: User, skill: Skill) -> set[int]:
    return set(
        SessionItem.objects.filter(session__user=user, question__skill=skill)
        .order_by("-session__started_at", "-position")
        .values_list("question_id", flat=True)[:RECENTLY_SEEN_WINDOW]
    )


def _pick_practice_questions(
    *, user: User, skill: Skill, count: int, rng: random.Random
) -> list[Question]:
    """Questions near the student's rating, unseen ones first, easiest first."""
    rating = _student_rating(user=user, skill=skill)
    seen = _recently_seen_question_ids(user=user, skill=skill)
    pool = list(skill.questions.filter(is_active=True))
    if not pool:
        raise NoQuestionsAvailable(f"“{skill.name}” has no questions yet.")
    pool.sort(key=lambda q: (q.id in seen, abs(q.difficulty_rating - rating) + rng.uniform(0, 120)))
    chosen = pool[:count]
    return sorted(chosen, key=lambda q: q.difficulty_rating)


def _pick_diagnostic_questions(
    *, skill: Skill, per_skill: int, rng: random.Random
) -> list[Question]:
    """One question at each difficulty band of the skill, from easy to hard."""
    pool = sorted(skill.questions.filter(is_active=True), key=lambda q: q.difficulty_rating)
    if len(pool) <= per_skill:
        return pool
    band = len(pool) / per_skill
    return [pool[int(i * band) + rng.randrange(max(1, int(band)))] for i in range(per_skill)]


def _create_session(
    *,
    user: User,
    kind: str,
    subject: Subject,
    skill: Skill | None,
    questions: list[Question],
    started_at: datetime | None,
) -> LearningSession:
    session = LearningSession.objects.create(
        user=user,
        kind=kind,
        subject=subject,
        skill=skill,
        question_count=len(questions),
        started_at=started_at or timezone.now(),
    )
    SessionItem.objects.bulk_create(
        SessionItem(session=session, position=position, question=question)
        for position, question in enumerate(questions, start=1)
    )
    return session


@transaction.atomic
def practice_start(
    *,
    user: User,
    skill: Skill,
    question_count: int = PRACTICE_LENGTH,
    seed: int | None = None,
    started_at: datetime | None = None,
) -> LearningSession:
    questions = _pick_practice_questions(
        user=user, skill=skill, count=question_count, rng=random.Random(seed)
    )
    return _create_session(
        user=user,
        kind=LearningSession.Kind.PRACTICE,
        subject=skill.subject,
        skill=skill,
        questions=questions,
        started_at=started_at,
    )


@transaction.atomic
def diagnostic_start(
    *,
    user: User,
    subject: Subject,
    per_skill: int = DIAGNOSTIC_QUESTIONS_PER_SKILL,
    seed: int | None = None,
    started_at: datetime | None = None,
) -> LearningSession:
    rng = random.Random(seed)
    questions = [
        question
        for skill in subject.skills.order_by("position")
        for question in _pick_diagnostic_questions(skill=skill, per_skill=per_skill, rng=rng)
    ]
    if not questions:
        raise NoQuestionsAvailable(f"{subject.name} has no questions yet.")
    return _create_session(
        user=user,
        kind=LearningSession.Kind.DIAGNOSTIC,
        subject=subject,
        skill=None,
        questions=questions,
        started_at=started_at,
    )


@dataclass(frozen=True)
class AnswerOutcome:
    item: SessionItem
    session: LearningSession
    already_answered: bool


def _rate(*, user: User, item: SessionItem, correct: bool, now) -> None:
    question = item.question
    student, _ = SkillMastery.objects.select_for_update().get_or_create(
        user=user, skill_id=question.skill_id
    )
    update = mastery.rate_answer(
        student_rating=student.rating,
        student_attempts=student.attempts,
        question_rating=question.difficulty_rating,
        question_attempts=question.attempts_count,
        correct=correct,
    )
    item.rating_before, item.rating_after = student.rating, update.student_rating
    student.rating = update.student_rating
    student.attempts += 1
    student.correct += int(correct)
    student.last_practiced_at = now
    student.save(update_fields=["rating", "attempts", "correct", "last_practiced_at"])
    # Other students answer the same question concurrently: apply the change as a delta.
    Question.objects.filter(pk=question.pk).update(
        difficulty_rating=F("difficulty_rating")
        + (update.question_rating - question.difficulty_rating),
        attempts_count=F("attempts_count") + 1,
        correct_count=F("correct_count") + int(correct),
    )


def _record_diagnostic_levels(session: LearningSession) -> None:
    per_skill: dict[int, list[bool]] = {}
    for skill_id, correct in session.items.values_list("question__skill_id", "is_correct"):
        per_skill.setdefault(skill_id, []).append(bool(correct))
    ratings = dict(
        SkillMastery.objects.filter(user_id=session.user_id, skill_id__in=per_skill).values_list(
            "skill_id", "rating"
        )
    )
    DiagnosticSkillResult.objects.bulk_create(
        DiagnosticSkillResult(
            session=session,
            skill_id=skill_id,
            answered=len(outcomes),
            correct=sum(outcomes),
            rating=ratings[skill_id],
            level=mastery.level_for_rating(ratings[skill_id]),
        )
        for skill_id, outcomes in per_skill.items()
    )


def _complete(session: LearningSession, *, now) -> None:
    session.status = LearningSession.Status.COMPLETED
    session.completed_at = now
    if session.kind == LearningSession.Kind.DIAGNOSTIC:
        _record_diagnostic_levels(session)
        signal = diagnostic_completed
    else:
        signal = practice_completed
    transaction.on_commit(
        lambda: signal.send(sender=LearningSession, session=session, user=session.user)
    )


@transaction.atomic
def session_answer(
    *, user: User, session_id: int, position: int, response: str, now: datetime | None = None
) -> AnswerOutcome:
    """Score one answer exactly once; the last answer completes the session.

    The session row is locked so that a double submit waits for the first one and then sees
    the item answered. A malformed response raises ValidationError and changes nothing.
    `now` (default: the current time) is when the answer was given; simulations pass it.
    """
    session = (
        LearningSession.objects.select_for_update()
        .filter(pk=session_id, user=user)
        .select_related("user")
        .first()
    )
    if session is None:
        raise SessionNotFound()
    item = session.items.select_related("question").filter(position=position).first()
    if item is None:
        raise QuestionNotInSession()
    if item.is_answered:
        return AnswerOutcome(item=item, session=session, already_answered=True)
    if session.is_completed:
        raise SessionFinished()
    if position != session.answered_count + 1:
        raise AnswerOutOfOrder(f"Answer question {session.answered_count + 1} first.")

    correct = answers.is_correct(item.question, response)
    now = now or timezone.now()
    _rate(user=user, item=item, correct=correct, now=now)
    item.response = answers.normalised_response(item.question, response)
    item.is_correct = correct
    item.answered_at = now
    item.save(
        update_fields=["response", "is_correct", "answered_at", "rating_before", "rating_after"]
    )
    session.answered_count += 1
    session.correct_count += int(correct)
    if session.answered_count == session.question_count:
        _complete(session, now=now)
    session.save(update_fields=["answered_count", "correct_count", "status", "completed_at"])
    return AnswerOutcome(item=item, session=session, already_answered=False)
