"""Elo-style mastery: students and questions share one rating scale.

The chance that a student of rating s answers a question of difficulty d correctly is the
logistic 1 / (1 + 10^((d - s) / 400)) — the Rasch (1PL IRT) model on Elo's scale. After each
answer both ratings move toward the observed outcome; the step (K) shrinks as evidence
accumulates, so new students and new questions calibrate fast and settle later.
"""

from dataclasses import dataclass

from django.db import models

INITIAL_RATING = 1000.0
TYPICAL_QUESTION_RATING = 1000.0
LEVEL_RATINGS = {1: 850.0, 2: 1000.0, 3: 1150.0}


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    DEVELOPING = "developing", "Developing"
    PROFICIENT = "proficient", "Proficient"
    ADVANCED = "advanced", "Advanced"


LEVEL_FLOORS = (
    (1200.0, Level.ADVANCED),
    (1050.0, Level.PROFICIENT),
    (900.0, Level.DEVELOPING),
)


def expected_correct(*, student_rating: float, question_rating: float) -> float:
    return 1.0 / (1.0 + 10 ** ((question_rating - student_rating) / 400.0))


def student_k(attempts: int) -> float:
    return max(24.0, 80.0 / (1.0 + attempts / 8.0))


def question_k(attempts: int) -> float:
    return max(6.0, 40.0 / (1.0 + attempts / 20.0))


@dataclass(frozen=True)
class RatingUpdate:
    probability: float
    student_rating: float
    question_rating: float


def rate_answer(
    *,
    student_rating: float,
    student_attempts: int,
    question_rating: float,
    question_attempts: int,
    correct: bool,
) -> RatingUpdate:
    probability = expected_correct(student_rating=student_rating, question_rating=question_rating)
    surprise = (1.0 if correct else 0.0) - probability
    return RatingUpdate(
        probability=probability,
        student_rating=student_rating + student_k(student_attempts) * surprise,
        question_rating=question_rating - question_k(question_attempts) * surprise,
    )


def mastery_percent(rating: float) -> int:
    """The chance, in percent, of answering a typical question of the skill correctly."""
    return round(
        100 * expected_correct(student_rating=rating, question_rating=TYPICAL_QUESTION_RATING)
    )


def level_for_rating(rating: float) -> Level:
    for floor, level in LEVEL_FLOORS:
        if rating >= floor:
            return level
    return Level.BEGINNER
