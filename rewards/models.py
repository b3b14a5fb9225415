from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from veltutor.accounts.models import User


class Reward(models.Model):
    """A catalog item students spend points on."""

    class Kind(models.TextChoices):
        BADGE = "badge", "Badge"
        STREAK_FREEZE = "streak_freeze", "Streak freeze"
        PREMIUM_DAYS = "premium_days", "Premium days"
        AVATAR = "avatar", "Avatar item"
        TUTOR_SESSION = "tutor_session", "Live tutor session"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    cost_points = models.PositiveIntegerField()
    stock = models.PositiveIntegerField(
        null=True, blank=True, help_text="Items left; empty means unlimited."
    )
    is_active = models.BooleanField(default=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "rewards"
        ordering = ("cost_points", "name")
        constraints = [
            models.CheckConstraint(condition=Q(cost_points__gt=0), name="rewards_cost_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_unlimited(self) -> bool:
        return self.stock is None

    @property
    def in_stock(self) -> bool:
        return self.stock is None or self.stock > 0


class UserReward(models.Model):
    """One ledger row: a grant of points, a redemption, or the revocation of a grant.

    A user's balance is the sum of the points of their rows whose status counts
    (`claimed` grants and `posted` debits); `PointsAccount.balance` caches that sum under
    a row lock. Rows are never deleted: revoking adds a `revocation` row and stamps the
    grant with who revoked it, when and why.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending (on hold)"
        AVAILABLE = "available", "Available to claim"
        CLAIMED = "claimed", "Claimed"
        POSTED = "posted", "Posted"
        REJECTED = "rejected", "Rejected"
        REVOKED = "revoked", "Revoked"

    COUNTED_STATUSES = (Status.CLAIMED, Status.POSTED)

    REDEMPTION = "redemption"
    REVOCATION = "revocation"
    MANUAL_BONUS = "manual_bonus"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger"
    )
    points = models.IntegerField()
    action = models.CharField(max_length=40)
    reason = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices)
    idempotency_key = models.CharField(max_length=200, unique=True)
    reward = models.ForeignKey(
        Reward, on_delete=models.PROTECT, null=True, blank=True, related_name="redemptions"
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        help_text="For a revocation row: the grant it revokes.",
    )
    metadata = models.JSONField(default=dict, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.CharField(max_length=255, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "user_rewards"
        ordering = ("-inserted_at", "-id")
        verbose_name = "ledger entry"
        verbose_name_plural = "ledger (user rewards)"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="posted", points__lte=0)
                | (~Q(status="posted") & Q(points__gte=0)),
                name="user_rewards_sign_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status="claimed") | Q(claimed_at__isnull=False),
                name="user_rewards_claimed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=("user", "-inserted_at"), name="user_rewards_user_recent"),
            models.Index(fields=("inserted_at",), name="user_rewards_inserted_at"),
            models.Index(fields=("user", "action", "inserted_at"), name="user_rewards_user_action"),
            models.Index(fields=("status", "inserted_at"), name="user_rewards_status"),
        ]

    def __str__(self) -> str:
        sign = "+" if self.points >= 0 else ""
        return f"{sign}{self.points} {self.action} ({self.get_status_display()})"

    @property
    def is_grant(self) -> bool:
        return self.action not in (self.REDEMPTION, self.REVOCATION)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class PointsAccount(models.Model):
    """Per-user balance: the row that is locked whenever the balance changes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="points_account",
    )
    balance = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "points_accounts"
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0), name="points_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.balance} points"


class EconomyDay(models.Model):
    """Points granted per day, counted against the daily economy budget."""

    day = models.DateField(primary_key=True)
    points_granted = models.PositiveIntegerField(default=0)
    grants = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "economy_days"
        ordering = ("-day",)

    def __str__(self) -> str:
        return f"{self.day}: {self.points_granted} points"


class ReferralReview(models.Model):
    """The hold on a referral's two grants until the invitee qualifies and fraud checks pass."""

    class Status(models.TextChoices):
        AWAITING_ACTIVITY = "awaiting_activity", "Waiting for the invitee's first practice"
        FLAGGED = "flagged", "Flagged for review"
        APPROVED = "approved", "Approved by staff"
        RELEASED = "released", "Released automatically"
        REJECTED = "rejected", "Rejected"

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrals_made"
    )
    invitee = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral"
    )
    inviter_grant = models.OneToOneField(
        UserReward, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    invitee_grant = models.OneToOneField(
        UserReward, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_ACTIVITY
    )
    offer_code = models.CharField(max_length=40, blank=True)
    invitee_ip = models.GenericIPAddressField(null=True, blank=True)
    invitee_visitor_id = models.CharField(max_length=64, blank=True)
    inviter_ip = models.GenericIPAddressField(null=True, blank=True)
    inviter_visitor_id = models.CharField(max_length=64, blank=True)
    fraud_score = models.FloatField(null=True, blank=True)
    fraud_signals = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=255, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "referral_reviews"
        ordering = ("-inserted_at",)
        indexes = [
            models.Index(fields=("invitee_ip", "inserted_at"), name="referral_ip_recent"),
            models.Index(fields=("status", "inserted_at"), name="referral_status"),
        ]

    def __str__(self) -> str:
        return f"{self.inviter} → {self.invitee} ({self.get_status_display()})"


class StudentPoints(User):
    """Students as staff see them in the economy: balances and bonus grants."""

    class Meta:
        proxy = True
        verbose_name = "student balance"
        verbose_name_plural = "student balances"
