"""The Personalization agent: what a student should practise next in a subject, and why.

Deterministic rules on the Elo/Rasch mastery model (`veltutor.learning.mastery`):

* Reachable: a skill with no prerequisites, or whose every prerequisite is *mastered*:
  at least `MASTERED_MIN_ATTEMPTS` answers and either a rating of `MASTERED_RATING`
  (the "proficient" floor) or `MASTERED_ACCURACY` of them right. Unreachable skills and
  skills without active questions are never recommended.
* New student (no answers in the subject): "foundation" items, skills without
  prerequisites first, by position.
* Otherwise "practice": for each reachable skill, the set of `SET_SIZE` active questions
  whose difficulty sits nearest the rating at which the student would get the middle of
  `TARGET_BAND` right; the skill is recommended when that set's mean predicted success is
  inside the band, weakest skills (success on a typical question) first. "review": skills
  not practised for `REVIEW_AFTER_DAYS`, weakest first. Practice and review alternate, one
  item per skill and kind (so a skill appears at most twice), at most
  `MAX_RECOMMENDATIONS`. Ties are broken by skill position, then slug.

Six queries whatever the number of skills (the subject and whether the user exists, skills
with their latest practice, prerequisite links, masteries, question ratings, the agent-run
INSERT).
Optionally Claude rewords the reasons (`agents.llm.reword_reasons`); any failure there
keeps the rule reasons and marks the run a fallback.
"""

import logging
import math
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from agents.exceptions import UnknownUser
from agents.runs import agent_run
from veltutor.accounts.models import User
from veltutor.errors import DomainError
from veltutor.learning import mastery
from veltutor.learning.models import LearningSession, Question, Skill, SkillMastery, Subject
from veltutor.learning.services import PRACTICE_LENGTH

logger = logging.getLogger(__name__)

TARGET_BAND = (0.70, 0.85)
REVIEW_AFTER_DAYS = 7
MAX_RECOMMENDATIONS = 5
SET_SIZE = PRACTICE_LENGTH
MASTERED_RATING = 1050.0
MASTERED_MIN_ATTEMPTS = 5
MASTERED_ACCURACY = 0.6

_TARGET = sum(TARGET_BAND) / 2


class UnknownSubject(DomainError):
    code = "unknown_subject"
    http_status = 404
    default_message = "There is no such subject."


class RewordUnavailable(Exception):
    """Claude could not word the reasons; `reason` is recorded on the agent run."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Recommendation:
    content_id: str
    kind: str  # "practice" | "review" | "foundation"
    skill: str
    skill_name: str
    subject_id: str
    predicted_success: float
    reason: str
    worded_by: str = "rules"  # "rules" | "claude"
    question_ids: tuple[int, ...] = ()

    def as_dict(self) -> dict:
        data = asdict(self)
        data["question_ids"] = list(self.question_ids)
        return data


@dataclass(frozen=True)
class _SkillState:
    skill: Skill
    prerequisite_ids: tuple[int, ...]
    rating: float
    attempts: int
    correct: int
    last_practiced_at: datetime | None
    question_ids: tuple[int, ...]
    predicted_success: float

    @property
    def typical_success(self) -> float:
        return mastery.expected_correct(
            student_rating=self.rating, question_rating=mastery.TYPICAL_QUESTION_RATING
        )

    @property
    def mastered(self) -> bool:
        return self.attempts >= MASTERED_MIN_ATTEMPTS and (
            self.rating >= MASTERED_RATING or self.correct / self.attempts >= MASTERED_ACCURACY
        )

    @property
    def order(self) -> tuple:
        return (self.skill.position, self.skill.slug)


def _reword(items: list[dict], summary: str) -> list[str]:
    """Claude's wording of the reasons, one per item, or RewordUnavailable."""
    try:
        from agents.llm import AIFallback, reword_reasons
    except ImportError as error:
        raise RewordUnavailable("unavailable") from error
    try:
        reasons = reword_reasons(items=items, student_summary=summary)
    except AIFallback as error:
        raise RewordUnavailable(error.reason) from error
    except Exception as error:  # the agent's fallback boundary: a bug there never breaks a page
        logger.exception("personalization_reword_failed")
        raise RewordUnavailable("ai_error") from error
    if len(reasons) != len(items) or not all(isinstance(r, str) and r for r in reasons):
        raise RewordUnavailable("ai_bad_output")
    return reasons


def _in_band(probability: float) -> bool:
    return TARGET_BAND[0] <= probability <= TARGET_BAND[1]


def _target_set(rating: float, questions: list[tuple[int, float]]) -> tuple[tuple[int, ...], float]:
    """The SET_SIZE questions nearest the difficulty the student gets right _TARGET of the
    time, and their mean predicted success."""
    if not questions:
        return (), 0.0
    target = rating + 400.0 * math.log10((1 - _TARGET) / _TARGET)
    chosen = sorted(questions, key=lambda q: (abs(q[1] - target), q[1], q[0]))[:SET_SIZE]
    success = sum(
        mastery.expected_correct(student_rating=rating, question_rating=d) for _, d in chosen
    ) / len(chosen)
    return tuple(sorted(q for q, _ in chosen)), success


def _when(moment: datetime, now: datetime) -> str:
    days = (timezone.localdate(now) - timezone.localdate(moment)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _percent(probability: float) -> str:
    return f"{round(100 * probability)} %"


class Personalization:
    name = "Personalization"

    def get_recommendations(
        self, *, user_id: int, subject_id: str, use_ai: bool = True
    ) -> list[Recommendation]:
        """What `user_id` should do next in `subject_id`, best first, each with a reason."""
        with agent_run(self.name, "get_recommendations") as record:
            # One query for both checks: the subject, and whether the user exists.
            subject = (
                Subject.objects.filter(slug=subject_id)
                .annotate(user_exists=Exists(User.objects.filter(pk=user_id)))
                .first()
            )
            if subject is None:
                raise UnknownSubject(f"There is no subject “{subject_id}”.")
            if not subject.user_exists:
                raise UnknownUser()
            now = timezone.now()
            states, latest = self._gather(user_id=user_id, subject=subject)
            recommendations = self._decide(states=states, latest=latest, now=now)
            if use_ai and recommendations and settings.ANTHROPIC_API_KEY:
                try:
                    reasons = _reword(
                        [r.as_dict() for r in recommendations], self._summary(subject, states)
                    )
                except RewordUnavailable as error:
                    record.fallback(error.reason)
                else:
                    recommendations = [
                        replace(r, reason=reason, worded_by="claude")
                        for r, reason in zip(recommendations, reasons, strict=True)
                    ]
            return recommendations

    # Gathering: a fixed number of queries ------------------------------------------------

    def _gather(self, *, user_id: int, subject) -> tuple[list[_SkillState], dict[int, dict]]:
        latest_practice = LearningSession.objects.filter(
            user_id=user_id,
            skill=OuterRef("pk"),
            kind=LearningSession.Kind.PRACTICE,
            status=LearningSession.Status.COMPLETED,
        ).order_by("-completed_at", "-pk")
        skills = list(
            Skill.objects.filter(subject=subject)
            .select_related("subject")
            .annotate(
                latest_correct=Subquery(latest_practice.values("correct_count")[:1]),
                latest_count=Subquery(latest_practice.values("question_count")[:1]),
                latest_at=Subquery(latest_practice.values("completed_at")[:1]),
            )
            .order_by("position", "slug")
        )
        links: dict[int, list[int]] = {}
        for skill_id, prerequisite_id in Skill.prerequisites.through.objects.filter(
            from_skill__subject=subject
        ).values_list("from_skill_id", "to_skill_id"):
            links.setdefault(skill_id, []).append(prerequisite_id)
        masteries = {
            m.skill_id: m
            for m in SkillMastery.objects.filter(user_id=user_id, skill__subject=subject)
        }
        questions: dict[int, list[tuple[int, float]]] = {}
        for question_id, skill_id, rating in Question.objects.filter(
            skill__subject=subject, is_active=True
        ).values_list("id", "skill_id", "difficulty_rating"):
            questions.setdefault(skill_id, []).append((question_id, rating))

        states, latest = [], {}
        for skill in skills:
            record = masteries.get(skill.id)
            rating = record.rating if record else mastery.INITIAL_RATING
            question_ids, success = _target_set(rating, questions.get(skill.id, []))
            states.append(
                _SkillState(
                    skill=skill,
                    prerequisite_ids=tuple(sorted(links.get(skill.id, ()))),
                    rating=rating,
                    attempts=record.attempts if record else 0,
                    correct=record.correct if record else 0,
                    last_practiced_at=record.last_practiced_at if record else None,
                    question_ids=question_ids,
                    predicted_success=success,
                )
            )
            if skill.latest_at is not None:
                latest[skill.id] = {
                    "correct": skill.latest_correct,
                    "count": skill.latest_count,
                    "at": skill.latest_at,
                }
        return states, latest

    # Deciding: pure rules ---------------------------------------------------------------

    def _decide(
        self, *, states: list[_SkillState], latest: dict[int, dict], now: datetime
    ) -> list[Recommendation]:
        by_id = {state.skill.id: state for state in states}
        reachable = [
            state
            for state in states
            if state.question_ids
            and all(
                prerequisite in by_id and by_id[prerequisite].mastered
                for prerequisite in state.prerequisite_ids
            )
        ]
        if not any(state.attempts for state in states):
            foundation = sorted(reachable, key=lambda s: (bool(s.prerequisite_ids), *s.order))
            return [
                self._item(state, "foundation", self._foundation_reason(state, by_id))
                for state in foundation[:MAX_RECOMMENDATIONS]
            ]

        practice = sorted(
            (state for state in reachable if _in_band(state.predicted_success)),
            key=lambda s: (round(s.typical_success, 6), *s.order),
        )
        due = now - timedelta(days=REVIEW_AFTER_DAYS)
        review = sorted(
            (
                state
                for state in reachable
                if state.attempts
                and state.last_practiced_at is not None
                and state.last_practiced_at <= due
            ),
            key=lambda s: (round(s.rating, 6), *s.order),
        )
        items = [
            self._item(state, "practice", self._practice_reason(state, by_id, latest, now))
            for state in practice
        ]
        reviews = [self._item(state, "review", self._review_reason(state, now)) for state in review]
        merged: list[Recommendation] = []
        while (items or reviews) and len(merged) < MAX_RECOMMENDATIONS:
            if items:
                merged.append(items.pop(0))
            if reviews and len(merged) < MAX_RECOMMENDATIONS:
                merged.append(reviews.pop(0))
        return merged

    def _item(self, state: _SkillState, kind: str, reason: str) -> Recommendation:
        skill = state.skill
        return Recommendation(
            content_id=f"skill:{skill.subject.slug}/{skill.slug}",
            kind=kind,
            skill=skill.slug,
            skill_name=skill.name,
            subject_id=skill.subject.slug,
            predicted_success=round(state.predicted_success, 4),
            reason=reason,
            question_ids=state.question_ids,
        )

    # Reasons, from real data ------------------------------------------------------------

    def _foundation_reason(self, state: _SkillState, by_id: dict[int, _SkillState]) -> str:
        if state.prerequisite_ids:
            return (
                f"Start here: {state.skill.name} is open to you ({self._builds_on(state, by_id)})."
            )
        return (
            f"Start here: {state.skill.name} needs nothing before it, and this set is pitched "
            f"for about {_percent(state.predicted_success)} right."
        )

    def _practice_reason(
        self, state: _SkillState, by_id: dict[int, _SkillState], latest: dict, now: datetime
    ) -> str:
        name, expected = state.skill.name, state.predicted_success
        last = latest.get(state.skill.id)
        if last is not None:
            score = last["correct"] / last["count"] if last["count"] else 0.0
            if expected < score:
                step = "this set is just above that"
            elif expected > score + 0.1:
                step = "this set is pitched a little easier"
            else:
                step = "this set is at about that level"
            return (
                f"You got {last['correct']} of {last['count']} on {name} "
                f"{_when(last['at'], now)}; {step} (about {_percent(expected)} expected)."
            )
        if state.prerequisite_ids:
            return f"{self._builds_on(state, by_id)}. Expect about {_percent(expected)} right."
        if state.attempts:
            return (
                f"You've got {state.correct} of {state.attempts} right on {name} so far; "
                f"this set aims for about {_percent(expected)}."
            )
        return f"New for you: about {_percent(expected)} of this {name} set should go right."

    def _review_reason(self, state: _SkillState, now: datetime) -> str:
        days = (now - state.last_practiced_at).days
        return (
            f"You haven't practised {state.skill.name} for {days} days: "
            "a quick review keeps it fresh."
        )

    def _builds_on(self, state: _SkillState, by_id: dict[int, _SkillState]) -> str:
        names = sorted(
            (by_id[p].skill for p in state.prerequisite_ids if p in by_id),
            key=lambda skill: (skill.position, skill.slug),
        )
        joined = ", ".join(skill.name for skill in names)
        mastered = "which you've mastered" if len(names) == 1 else "all of which you've mastered"
        return f"Builds on {joined}, {mastered}"

    def _summary(self, subject, states: list[_SkillState]) -> str:
        started = [s for s in states if s.attempts]
        answers = sum(s.attempts for s in started)
        right = sum(s.correct for s in started)
        if not started:
            return f"A new student in {subject.name}: no answers yet."
        weakest = min(started, key=lambda s: (s.rating, *s.order))
        strongest = max(started, key=lambda s: (s.rating, *s.order))
        return (
            f"A student in {subject.name}: {len(started)} skills started, {right} of "
            f"{answers} answers right; strongest {strongest.skill.name}, weakest "
            f"{weakest.skill.name}."
        )
