from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import TruncDate

from veltutor.accounts.models import User
from veltutor.learning import mastery
from veltutor.learning.exceptions import SessionNotFound
from veltutor.learning.models import (
    LearningSession,
    SessionItem,
    Skill,
    SkillMastery,
    Subject,
)

STREAK_LOOKBACK_DAYS = 60


def subject_get(*, slug: str) -> Subject | None:
    return Subject.objects.filter(slug=slug).first()


def subject_list() -> QuerySet:
    return Subject.objects.all()


def skill_get(*, skill_id: int) -> Skill | None:
    return Skill.objects.select_related("subject").filter(pk=skill_id).first()


@dataclass(frozen=True)
class SkillProgress:
    skill: Skill
    rating: float
    attempts: int
    correct: int
    last_practiced_at: object

    @property
    def percent(self) -> int:
        return mastery.mastery_percent(self.rating)

    @property
    def level(self) -> mastery.Level:
        return mastery.level_for_rating(self.rating)

    @property
    def started(self) -> bool:
        return self.attempts > 0


@dataclass(frozen=True)
class SubjectProgress:
    subject: Subject
    skills: list[SkillProgress]

    @property
    def percent(self) -> int:
        started = [skill.percent for skill in self.skills if skill.started]
        return round(sum(started) / len(started)) if started else 0

    @property
    def started_count(self) -> int:
        return sum(1 for skill in self.skills if skill.started)


def subject_progress_list_for_user(*, user: User) -> list[SubjectProgress]:
    masteries = {m.skill_id: m for m in SkillMastery.objects.filter(user=user)}
    subjects = Subject.objects.prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("position", "name"))
    )
    return [
        SubjectProgress(
            subject=subject,
            skills=[
                _skill_progress(skill, masteries.get(skill.id)) for skill in subject.skills.all()
            ],
        )
        for subject in subjects
    ]


def subject_progress_for_user(*, user: User, subject: Subject) -> SubjectProgress:
    masteries = {
        m.skill_id: m for m in SkillMastery.objects.filter(user=user, skill__subject=subject)
    }
    skills = subject.skills.order_by("position", "name").prefetch_related("prerequisites")
    return SubjectProgress(
        subject=subject,
        skills=[_skill_progress(skill, masteries.get(skill.id)) for skill in skills],
    )


def _skill_progress(skill: Skill, record: SkillMastery | None) -> SkillProgress:
    if record is None:
        return SkillProgress(
            skill=skill,
            rating=mastery.INITIAL_RATING,
            attempts=0,
            correct=0,
            last_practiced_at=None,
        )
    return SkillProgress(
        skill=skill,
        rating=record.rating,
        attempts=record.attempts,
        correct=record.correct,
        last_practiced_at=record.last_practiced_at,
    )


def learning_session_list_recent_for_user(*, user: User, limit: int = 8) -> QuerySet:
    return LearningSession.objects.filter(user=user).select_related("subject", "skill")[:limit]


def learning_session_get_for_user(*, user: User, session_id: int) -> LearningSession:
    """The user's own session; anyone else's (or a missing one) is a 404."""
    session = (
        LearningSession.objects.select_related("subject", "skill", "user")
        .filter(pk=session_id, user=user)
        .first()
    )
    if session is None:
        raise SessionNotFound()
    return session


def session_item_current(*, session: LearningSession) -> SessionItem | None:
    return (
        session.items.select_related("question", "question__skill")
        .filter(answered_at__isnull=True)
        .order_by("position")
        .first()
    )


def session_item_list(*, session: LearningSession) -> QuerySet:
    return session.items.select_related("question", "question__skill").order_by("position")


def diagnostic_result_list(*, session: LearningSession) -> QuerySet:
    return session.skill_results.select_related("skill").order_by("skill__position")


def practice_streak_days(*, user_id: int, today: date) -> int:
    """Consecutive days, ending today or yesterday, with at least one completed session."""
    days = set(
        LearningSession.objects.filter(
            user_id=user_id,
            status=LearningSession.Status.COMPLETED,
            completed_at__date__gte=today - timedelta(days=STREAK_LOOKBACK_DAYS),
        )
        .annotate(day=TruncDate("completed_at"))
        .values_list("day", flat=True)
        .distinct()
    )
    cursor = today if today in days else today - timedelta(days=1)
    streak = 0
    while cursor in days:
        streak += 1
        cursor -= timedelta(days=1)
    return streak


def completed_session_count(*, user_id: int, kind: str | None = None) -> int:
    sessions = LearningSession.objects.filter(
        user_id=user_id, status=LearningSession.Status.COMPLETED
    )
    return sessions.filter(kind=kind).count() if kind else sessions.count()


def answered_count_for_user(*, user_id: int) -> int:
    return SessionItem.objects.filter(session__user_id=user_id, answered_at__isnull=False).count()


def skill_ids_by_slug(*, subject_slug: str, slugs: list[str]) -> dict[str, int]:
    return dict(
        Skill.objects.filter(subject__slug=subject_slug, slug__in=slugs).values_list("slug", "id")
    )
