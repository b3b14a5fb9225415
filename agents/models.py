from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class AgentRun(models.Model):
    """One call of an agent: what it did, how it ended and how long it took."""

    class Outcome(models.TextChoices):
        OK = "ok", "OK"
        ERROR = "error", "Error"
        FALLBACK = "fallback", "Fallback"
        REFUSED = "refused", "Refused (domain rule)"

    agent = models.CharField(max_length=40)
    operation = models.CharField(max_length=60)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    latency_ms = models.FloatField()
    error_type = models.CharField(max_length=120, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "agent_runs"
        ordering = ("-inserted_at",)
        indexes = [
            models.Index(fields=("agent", "inserted_at"), name="agent_runs_agent_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.agent}.{self.operation} {self.outcome} {self.latency_ms:.1f} ms"


class IncentiveRule(models.Model):
    """How many points one action earns; staff tune the economy here."""

    action = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=80, help_text="Shown to students, e.g. 'Practice'.")
    base_points = models.PositiveIntegerField()
    daily_cap = models.PositiveIntegerField(
        null=True, blank=True, help_text="Most grants of this action per student per day."
    )
    diminish_after = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Full points for the first N grants a day; fewer after that.",
    )
    diminish_factor = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text="Each grant past N pays this fraction of the previous one.",
    )
    first_time_bonus = models.PositiveIntegerField(
        default=0, help_text="Extra points the first time a student does this."
    )
    streak_bonus_per_day = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text="Multiplier added per consecutive practice day (0.1 = +10% a day).",
    )
    streak_max_days = models.PositiveIntegerField(
        default=7, help_text="Streak days that count towards the multiplier."
    )
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "incentive_rules"
        ordering = ("action",)
        constraints = [
            models.CheckConstraint(
                condition=Q(diminish_factor__gte=0, diminish_factor__lte=1),
                name="incentive_rule_factor_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.base_points} points)"


class EconomyPolicy(models.Model):
    """The one row of economy-wide settings (pk=1)."""

    daily_points_budget = models.PositiveIntegerField(
        default=500_000, help_text="Most points granted across all students per day."
    )
    referral_flag_threshold = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Fraud score at or above which a referral waits for staff review.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "economy_policy"
        verbose_name_plural = "economy policy"

    def __str__(self) -> str:
        return "Economy policy"

    @classmethod
    def current(cls) -> "EconomyPolicy":
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy


class OfferVariant(models.Model):
    """An invite offer (points to inviter and invitee) the bandit chooses between."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    inviter_points = models.PositiveIntegerField()
    invitee_points = models.PositiveIntegerField()
    is_active = models.BooleanField(default=True)
    invites = models.PositiveIntegerField(default=0, help_text="Invites sent with this offer.")
    conversions = models.PositiveIntegerField(
        default=0, help_text="Sign-ups attributed to those invites."
    )
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "offer_variants"
        ordering = ("inviter_points", "code")

    def __str__(self) -> str:
        return self.name

    @property
    def posterior_alpha(self) -> int:
        return 1 + self.conversions

    @property
    def posterior_beta(self) -> int:
        return 1 + max(self.invites - self.conversions, 0)

    @property
    def posterior_mean(self) -> float:
        return self.posterior_alpha / (self.posterior_alpha + self.posterior_beta)


class InviterOffer(models.Model):
    """The offer an inviter drew first; they keep it (sticky)."""

    inviter = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invite_offer"
    )
    variant = models.ForeignKey(OfferVariant, on_delete=models.PROTECT, related_name="inviters")
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "inviter_offers"

    def __str__(self) -> str:
        return f"{self.inviter} → {self.variant}"


class AICall(models.Model):
    """One request for Claude's help: answered by Claude, by the cache, or by the fallback."""

    class Outcome(models.TextChoices):
        OK = "ok", "OK"
        CACHE_HIT = "cache_hit", "Cache hit"
        FALLBACK = "fallback", "Fallback"

    model = models.CharField(max_length=80)
    operation = models.CharField(max_length=60)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    fallback_reason = models.CharField(max_length=40, blank=True)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(
        max_digits=12, decimal_places=6, default=Decimal(0), help_text="US dollars."
    )
    latency_ms = models.FloatField()
    inserted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "ai_calls"
        ordering = ("-inserted_at",)
        verbose_name = "AI call"

    def __str__(self) -> str:
        return f"{self.model}.{self.operation} {self.outcome} ${self.cost}"
