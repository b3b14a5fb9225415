from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from veltutor.learning.models import LearningSession, Question, Skill, Subject


class ChallengeDeck(models.Model):
    """The questions of a finished session, frozen so that friends play the same ones."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_decks"
    )
    source_session = models.ForeignKey(
        LearningSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, null=True, blank=True)
    title = models.CharField(max_length=120)
    question_ids = models.JSONField(help_text="Question ids, in play order.")
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "challenge_decks"
        ordering = ("-inserted_at",)

    def __str__(self) -> str:
        return self.title

    @property
    def question_count(self) -> int:
        return len(self.question_ids)

    def questions(self) -> list[Question]:
        by_id = Question.objects.in_bulk(self.question_ids)
        return [by_id[pk] for pk in self.question_ids if pk in by_id]


class ShareLink(models.Model):
    """What a buddy challenge and a rally share: a secret token, an owner, limits, a state."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        REVOKED = "revoked", "Revoked"

    token = models.CharField(max_length=64, unique=True)
    deck = models.ForeignKey(ChallengeDeck, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    expires_at = models.DateTimeField()
    max_plays = models.PositiveIntegerField(default=30)
    plays_count = models.PositiveIntegerField(default=0)
    offer_code = models.CharField(max_length=40, blank=True)
    creator_visitor_id = models.CharField(max_length=64, blank=True)
    creator_ip = models.GenericIPAddressField(null=True, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and not self.is_expired
            and self.plays_count < self.max_plays
        )


class BuddyChallenge(ShareLink):
    challenger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_challenges"
    )
    challenger_correct = models.PositiveSmallIntegerField()
    challenger_score = models.PositiveSmallIntegerField(help_text="Percent right.")

    class Meta:
        db_table = "buddy_challenges"
        ordering = ("-inserted_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(plays_count__lte=F("max_plays")), name="buddy_plays_within_limit"
            ),
        ]
        indexes = [models.Index(fields=("challenger", "-inserted_at"), name="buddy_by_challenger")]

    def __str__(self) -> str:
        return f"{self.challenger} · {self.deck.title}"


class Rally(ShareLink):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rallies"
    )
    achievement = models.CharField(max_length=160)
    owner_score = models.PositiveSmallIntegerField(help_text="Percent right.")

    class Meta:
        db_table = "rallies"
        ordering = ("-inserted_at",)
        verbose_name_plural = "rallies"
        constraints = [
            models.CheckConstraint(
                condition=Q(plays_count__lte=F("max_plays")), name="rally_plays_within_limit"
            ),
        ]
        indexes = [models.Index(fields=("owner", "-inserted_at"), name="rally_by_owner")]

    def __str__(self) -> str:
        return f"{self.owner}: {self.achievement}"


class ChallengeSession(models.Model):
    """One friend's play of a challenge or rally deck; anonymous until they sign up."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    challenge = models.ForeignKey(
        BuddyChallenge, on_delete=models.CASCADE, null=True, blank=True, related_name="plays"
    )
    rally = models.ForeignKey(
        Rally, on_delete=models.CASCADE, null=True, blank=True, related_name="plays"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenge_sessions",
    )
    visitor_id = models.CharField(max_length=64)
    display_name = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    responses = models.JSONField(default=list, help_text="[{question_id, response, correct}]")
    correct_count = models.PositiveSmallIntegerField(default=0)
    question_count = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Percent right.")
    ip = models.GenericIPAddressField(null=True, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "challenge_sessions"
        ordering = ("-inserted_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(challenge__isnull=False, rally__isnull=True)
                | Q(challenge__isnull=True, rally__isnull=False),
                name="challenge_session_one_loop",
            ),
            models.UniqueConstraint(
                fields=("challenge", "visitor_id"), name="challenge_session_one_play_per_visitor"
            ),
            models.UniqueConstraint(
                fields=("rally", "visitor_id"), name="rally_session_one_play_per_visitor"
            ),
            models.UniqueConstraint(
                fields=("challenge", "user"),
                condition=Q(user__isnull=False),
                name="challenge_session_one_play_per_user",
            ),
            models.UniqueConstraint(
                fields=("rally", "user"),
                condition=Q(user__isnull=False),
                name="rally_session_one_play_per_user",
            ),
        ]
        indexes = [
            models.Index(fields=("user",), name="challenge_sessions_user_id"),
            models.Index(fields=("inserted_at",), name="challenge_sessions_inserted"),
            models.Index(fields=("rally", "status", "-score"), name="rally_leaderboard"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name}: {self.correct_count}/{self.question_count}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def answered_count(self) -> int:
        return len(self.responses)
