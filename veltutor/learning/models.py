from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from veltutor.learning import mastery


class Subject(models.Model):
    slug = models.SlugField(
        unique=True, help_text="The subject_id used everywhere else, e.g. 'math'."
    )
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="skills")
    slug = models.SlugField()
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="unlocks"
    )

    class Meta:
        ordering = ("subject__position", "position", "name")
        constraints = [
            models.UniqueConstraint(fields=("subject", "slug"), name="learning_skill_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.subject.name}: {self.name}"


class Question(models.Model):
    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
        NUMERIC = "numeric", "Numeric"

    class Level(models.IntegerChoices):
        EASY = 1, "Easy"
        MEDIUM = 2, "Medium"
        HARD = 3, "Hard"

    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="questions")
    code = models.SlugField(max_length=80, unique=True, help_text="Stable identifier.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField()
    choices = models.JSONField(
        default=list, blank=True, help_text="Multiple choice only: the options, in order."
    )
    correct_answer = models.CharField(
        max_length=200,
        help_text="Multiple choice: the text of the right option. Numeric: a decimal number.",
    )
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=6,
        default=Decimal("0"),
        help_text="Numeric only: how far from the answer still counts as right.",
    )
    explanation = models.TextField(blank=True, help_text="Shown after the student answers.")
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.MEDIUM)
    difficulty_rating = models.FloatField(
        default=mastery.INITIAL_RATING,
        help_text="Elo-style difficulty, learned from every answer (higher is harder).",
    )
    attempts_count = models.PositiveIntegerField(default=0)
    correct_count = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("skill", "code")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["multiple_choice", "numeric"]),
                name="learning_question_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3), name="learning_question_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(correct_count__lte=F("attempts_count")),
                name="learning_question_counts_consistent",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0), name="learning_question_tolerance_not_negative"
            ),
        ]
        indexes = [
            models.Index(
                fields=("skill", "is_active", "difficulty_rating"),
                name="learning_q_skill_difficulty",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def accuracy(self) -> float | None:
        return self.correct_count / self.attempts_count if self.attempts_count else None


class LearningSession(models.Model):
    """A practice session (one skill) or a diagnostic (a subject's skills)."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", "Practice"
        DIAGNOSTIC = "diagnostic", "Diagnostic"

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_sessions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="sessions")
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    question_count = models.PositiveSmallIntegerField()
    answered_count = models.PositiveSmallIntegerField(default=0)
    correct_count = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-started_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="diagnostic") | Q(skill__isnull=False),
                name="learning_session_practice_has_skill",
            ),
            models.CheckConstraint(
                condition=Q(correct_count__lte=F("answered_count"))
                & Q(answered_count__lte=F("question_count")),
                name="learning_session_counts_consistent",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress", completed_at__isnull=True)
                | Q(status="completed", completed_at__isnull=False),
                name="learning_session_completion_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=("user", "-started_at"), name="learning_session_user_recent"),
            models.Index(fields=("status", "-completed_at"), name="learning_session_completed"),
        ]

    def __str__(self) -> str:
        topic = self.skill.name if self.skill_id else self.subject.name
        return f"{self.get_kind_display()} #{self.pk}: {topic}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def score_percent(self) -> int:
        return round(100 * self.correct_count / self.question_count) if self.question_count else 0


class SessionItem(models.Model):
    session = models.ForeignKey(LearningSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="session_items")
    response = models.CharField(max_length=200, blank=True)
    is_correct = models.BooleanField(null=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    rating_before = models.FloatField(null=True, blank=True)
    rating_after = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ("session", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "position"), name="learning_item_position_unique"
            ),
            models.UniqueConstraint(
                fields=("session", "question"), name="learning_item_question_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Question {self.position}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def rating_change(self) -> float:
        if self.rating_before is None or self.rating_after is None:
            return 0.0
        return self.rating_after - self.rating_before


class SkillMastery(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_masteries"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="masteries")
    rating = models.FloatField(default=mastery.INITIAL_RATING)
    attempts = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)
    last_practiced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "skill masteries"
        ordering = ("user", "skill")
        constraints = [
            models.UniqueConstraint(fields=("user", "skill"), name="learning_mastery_unique"),
            models.CheckConstraint(
                condition=Q(correct__lte=F("attempts")), name="learning_mastery_counts_consistent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.skill.name}: {self.rating:.0f}"

    @property
    def percent(self) -> int:
        return mastery.mastery_percent(self.rating)

    @property
    def level(self) -> str:
        return mastery.level_for_rating(self.rating).label


class DiagnosticSkillResult(models.Model):
    session = models.ForeignKey(
        LearningSession, on_delete=models.CASCADE, related_name="skill_results"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="diagnostic_results")
    answered = models.PositiveSmallIntegerField()
    correct = models.PositiveSmallIntegerField()
    rating = models.FloatField()
    level = models.CharField(max_length=12, choices=mastery.Level.choices)

    class Meta:
        ordering = ("session", "skill__position")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "skill"), name="learning_diagnostic_skill_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill.name}: {self.get_level_display()}"
