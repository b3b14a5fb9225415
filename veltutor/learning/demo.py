"""Demo data: the curriculum and weeks of simulated practice, loaded through the services."""

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from veltutor.accounts.models import User
from veltutor.learning import mastery, services
from veltutor.learning.demo_content import SubjectSpec
from veltutor.learning.models import (
    Question,
    Skill,
    Subject,
)


@dataclass(frozen=True)
class CurriculumLoadResult:
    subjects: int
    skills: int
    questions_created: int
    questions_updated: int


@transaction.atomic
def curriculum_load(*, subjects: Iterable[SubjectSpec]) -> CurriculumLoadResult:
    """Create or update subjects, skills and questions by their stable slugs and codes.

    Learned statistics (difficulty rating, attempt counts) of existing questions are kept.
    """
    subject_count = skill_count = created = updated = 0
    for subject_position, subject_spec in enumerate(subjects):
        subject, _ = Subject.objects.update_or_create(
            slug=subject_spec.slug,
            defaults={
                "name": subject_spec.name,
                "description": subject_spec.description,
                "position": subject_position,
            },
        )
        subject_count += 1
        skills_by_slug: dict[str, Skill] = {}
        for skill_position, skill_spec in enumerate(subject_spec.skills):
            skill, _ = Skill.objects.update_or_create(
                subject=subject,
                slug=skill_spec.slug,
                defaults={
                    "name": skill_spec.name,
                    "description": skill_spec.description,
                    "position": skill_position,
                },
            )
            skills_by_slug[skill.slug] = skill
            skill_count += 1
            existing = set(skill.questions.values_list("code", flat=True))
            for spec in skill_spec.questions:
                fields = {
                    "skill": skill,
                    "kind": spec.kind,
                    "prompt": spec.prompt,
                    "choices": list(spec.choices),
                    "correct_answer": spec.answer,
                    "tolerance": Decimal(spec.tolerance),
                    "explanation": spec.explanation,
                    "level": spec.level,
                }
                if spec.code in existing:
                    Question.objects.filter(code=spec.code).update(**fields)
                    updated += 1
                else:
                    Question.objects.create(
                        code=spec.code,
                        difficulty_rating=mastery.LEVEL_RATINGS[spec.level],
                        **fields,
                    )
                    created += 1
        for skill_spec in subject_spec.skills:
            skills_by_slug[skill_spec.slug].prerequisites.set(
                [skills_by_slug[slug] for slug in skill_spec.prerequisites]
            )
    return CurriculumLoadResult(
        subjects=subject_count,
        skills=skill_count,
        questions_created=created,
        questions_updated=updated,
    )


def demo_user_ensure(
    *, username: str, password: str, display_name: str, is_staff: bool = False
) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "display_name": display_name,
            "email": f"{username}@demo.veltutor.local",
            "is_staff": is_staff,
            "is_superuser": is_staff,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, created


def _stable_noise(code: str, spread: float) -> float:
    digest = hashlib.sha256(code.encode()).digest()
    return (int.from_bytes(digest[:4], "big") / 2**32 - 0.5) * 2 * spread


def _simulated_response(question: Question, *, correct: bool, rng: random.Random) -> str:
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        right = question.choices.index(question.correct_answer)
        if correct:
            return str(right)
        return str(rng.choice([i for i in range(len(question.choices)) if i != right]))
    answer = Decimal(question.correct_answer)
    return str(answer if correct else answer + max(Decimal(1), question.tolerance * 3))


def practice_history_simulate(
    *, user: User, days: int, sessions: int, ability: float, seed: int
) -> int:
    """Play `sessions` practice sessions and diagnostics for `user` over the past `days`.

    The simulated student answers correctly with the IRT probability for their hidden
    ability per skill against each question's true difficulty, and improves a little with
    each session. Every answer goes through `services.session_answer` at its simulated time,
    so ratings, timestamps and completion signals are all real. Returns the number of answers.
    """
    rng = random.Random(seed)
    skills = list(
        Skill.objects.select_related("subject").filter(questions__is_active=True).distinct()
    )
    if not skills:
        return 0
    true_ability = {skill.id: ability + rng.gauss(0, 90) for skill in skills}
    focus = rng.sample(skills, k=min(len(skills), rng.randint(4, 7)))
    now = timezone.now()
    answers = 0
    for index in range(sessions):
        started = (
            now
            - timedelta(days=days)
            + timedelta(days=days * index / sessions, hours=rng.uniform(15, 20) - 12)
        )
        if index % 6 == 0:
            session = services.diagnostic_start(
                user=user,
                subject=rng.choice(focus).subject,
                seed=rng.randrange(2**31),
                started_at=started,
            )
        else:
            session = services.practice_start(
                user=user, skill=rng.choice(focus), seed=rng.randrange(2**31), started_at=started
            )
        items = list(session.items.select_related("question").order_by("position"))
        for offset, item in enumerate(items):
            question = item.question
            true_difficulty = mastery.LEVEL_RATINGS[question.level] + _stable_noise(
                question.code, 60
            )
            probability = mastery.expected_correct(
                student_rating=true_ability[question.skill_id], question_rating=true_difficulty
            )
            services.session_answer(
                user=user,
                session_id=session.pk,
                position=item.position,
                response=_simulated_response(question, correct=rng.random() < probability, rng=rng),
                now=started + timedelta(seconds=25 * (offset + 1)),
            )
            true_ability[question.skill_id] += 3.0
            answers += 1
    return answers
