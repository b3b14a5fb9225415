"""Every write to the points economy.

Lock order, everywhere: the user's `PointsAccount` row, then the ledger row, then the
catalog `Reward` row. Balances change only under the account lock; one-time events are
guarded by the unique idempotency key, not by a Python check.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from rewards.exceptions import (
    AlreadyRevoked,
    BudgetExhausted,
    GrantNotClaimable,
    GrantNotFound,
    GrantOnHold,
    IdempotencyKeyReused,
    InsufficientPoints,
    InvalidPoints,
    NotRevocable,
    OutOfStock,
    ReferralNotFound,
    ReviewAlreadyDecided,
    RewardInactive,
    RewardNotFound,
    SelfReferral,
)
from rewards.models import EconomyDay, PointsAccount, ReferralReview, Reward, UserReward
from veltutor.accounts.models import User
from veltutor.metrics import record_grant

Status = UserReward.Status


def _account_locked(*, user_id: int) -> PointsAccount:
    PointsAccount.objects.get_or_create(user_id=user_id)
    return PointsAccount.objects.select_for_update().get(user_id=user_id)


def points_account_lock(*, user_id: int) -> PointsAccount:
    """Lock the user's balance row for the rest of the caller's transaction."""
    return _account_locked(user_id=user_id)


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("A reason is required.")
    return reason[:255]


@dataclass(frozen=True)
class GrantResult:
    entry: UserReward
    created: bool


def _reserve_budget(*, points: int, day: date, daily_budget: int | None) -> None:
    EconomyDay.objects.get_or_create(day=day)
    days = EconomyDay.objects.filter(day=day)
    if daily_budget is not None:
        days = days.filter(points_granted__lte=daily_budget - points)
    if not days.update(points_granted=F("points_granted") + points, grants=F("grants") + 1):
        raise BudgetExhausted()


@transaction.atomic
def _grant_new(
    *,
    user_id: int,
    points: int,
    action: str,
    reason: str,
    idempotency_key: str,
    status: str,
    metadata: dict,
    daily_budget: int | None,
    occurred_at: datetime | None,
) -> UserReward:
    now = occurred_at or timezone.now()
    _reserve_budget(points=points, day=timezone.localdate(now), daily_budget=daily_budget)
    record_grant(action, points)  # counted on commit; dropped if this savepoint rolls back
    return UserReward.objects.create(
        user_id=user_id,
        points=points,
        action=action,
        reason=reason[:255],
        status=status,
        idempotency_key=idempotency_key,
        metadata=metadata,
        inserted_at=now,
    )


def _existing_grant(*, idempotency_key: str, user_id: int) -> UserReward | None:
    entry = UserReward.objects.filter(idempotency_key=idempotency_key).first()
    if entry is not None and entry.user_id != user_id:
        raise IdempotencyKeyReused()
    return entry


def reward_grant(
    *,
    user_id: int,
    points: int,
    action: str,
    reason: str,
    idempotency_key: str,
    pending: bool = False,
    metadata: dict | None = None,
    daily_budget: int | None = None,
    occurred_at: datetime | None = None,
) -> GrantResult:
    """Grant points for one event, exactly once per idempotency key.

    The grant is `available` (the student claims it into their balance) or `pending` (held,
    e.g. for a referral under review). With `daily_budget`, the grant is refused with
    BudgetExhausted if it would take the day's granted points past the budget. The grant is
    dated (and budgeted) at `occurred_at`, the event's time, which defaults to now.
    """
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        raise InvalidPoints()
    existing = _existing_grant(idempotency_key=idempotency_key, user_id=user_id)
    if existing is not None:
        return GrantResult(entry=existing, created=False)
    try:
        entry = _grant_new(
            user_id=user_id,
            points=points,
            action=action,
            reason=reason,
            idempotency_key=idempotency_key,
            status=Status.PENDING if pending else Status.AVAILABLE,
            metadata=metadata or {},
            daily_budget=daily_budget,
            occurred_at=occurred_at,
        )
    except IntegrityError:
        # A concurrent request granted the same event first; its row is the answer.
        existing = _existing_grant(idempotency_key=idempotency_key, user_id=user_id)
        if existing is None:
            raise
        return GrantResult(entry=existing, created=False)
    return GrantResult(entry=entry, created=True)


@dataclass(frozen=True)
class ClaimResult:
    entry: UserReward
    balance: int
    newly_claimed: bool


@transaction.atomic
def reward_claim(*, user_id: int, entry_id: int) -> ClaimResult:
    """Move an available grant into the balance; claiming twice is harmless."""
    account = _account_locked(user_id=user_id)
    entry = UserReward.objects.select_for_update().filter(pk=entry_id, user_id=user_id).first()
    if entry is None or not entry.is_grant:
        raise GrantNotFound()
    if entry.status == Status.CLAIMED:
        return ClaimResult(entry=entry, balance=account.balance, newly_claimed=False)
    if entry.status == Status.PENDING:
        raise GrantOnHold()
    if entry.status != Status.AVAILABLE:
        raise GrantNotClaimable()
    entry.status = Status.CLAIMED
    entry.claimed_at = timezone.now()
    entry.save(update_fields=["status", "claimed_at", "updated_at"])
    account.balance += entry.points
    account.save(update_fields=["balance", "updated_at"])
    return ClaimResult(entry=entry, balance=account.balance, newly_claimed=True)


@dataclass(frozen=True)
class ClaimAllResult:
    claimed: int
    points: int
    balance: int


@transaction.atomic
def reward_claim_all(*, user_id: int) -> ClaimAllResult:
    account = _account_locked(user_id=user_id)
    entries = list(
        UserReward.objects.select_for_update().filter(user_id=user_id, status=Status.AVAILABLE)
    )
    points = sum(entry.points for entry in entries)
    UserReward.objects.filter(pk__in=[entry.pk for entry in entries]).update(
        status=Status.CLAIMED, claimed_at=timezone.now(), updated_at=timezone.now()
    )
    account.balance += points
    account.save(update_fields=["balance", "updated_at"])
    return ClaimAllResult(claimed=len(entries), points=points, balance=account.balance)


@dataclass(frozen=True)
class RedeemResult:
    entry: UserReward
    balance: int
    created: bool


@transaction.atomic
def reward_redeem(
    *, user_id: int, reward_code: str, idempotency_key: str | None = None
) -> RedeemResult:
    """Spend points on a catalog reward: stock and balance go down together, or not at all."""
    key = f"redeem:{user_id}:{idempotency_key or uuid.uuid4().hex}"
    account = _account_locked(user_id=user_id)
    existing = _existing_grant(idempotency_key=key, user_id=user_id)
    if existing is not None:
        return RedeemResult(entry=existing, balance=account.balance, created=False)
    reward = Reward.objects.select_for_update().filter(code=reward_code).first()
    if reward is None:
        raise RewardNotFound()
    if not reward.is_active:
        raise RewardInactive(f"“{reward.name}” is not available any more.")
    if not reward.in_stock:
        raise OutOfStock(f"“{reward.name}” is out of stock.")
    if account.balance < reward.cost_points:
        raise InsufficientPoints(
            f"“{reward.name}” costs {reward.cost_points} points; you have {account.balance}."
        )
    entry = UserReward.objects.create(
        user_id=user_id,
        points=-reward.cost_points,
        action=UserReward.REDEMPTION,
        reason=f"Redeemed {reward.name}",
        status=Status.POSTED,
        idempotency_key=key,
        reward=reward,
    )
    if reward.stock is not None:
        reward.stock -= 1
        reward.save(update_fields=["stock", "updated_at"])
    account.balance -= reward.cost_points
    account.save(update_fields=["balance", "updated_at"])
    return RedeemResult(entry=entry, balance=account.balance, created=True)


@transaction.atomic
def reward_revoke(*, entry_id: int, revoked_by: User, reason: str) -> UserReward:
    """Revoke a grant: an audit row offsets it (if it was in the balance) and it is stamped.

    Refused if the points were already spent, because the balance never goes negative.
    """
    reason = _require_reason(reason)
    user_id = UserReward.objects.filter(pk=entry_id).values_list("user_id", flat=True).first()
    if user_id is None:
        raise GrantNotFound()
    account = _account_locked(user_id=user_id)
    entry = UserReward.objects.select_for_update().get(pk=entry_id)
    if not entry.is_grant:
        raise NotRevocable()
    if entry.is_revoked:
        raise AlreadyRevoked()
    counted = entry.status == Status.CLAIMED
    if counted and account.balance < entry.points:
        raise InsufficientPoints(
            f"{entry.user} has already spent these points (balance {account.balance}, "
            f"grant {entry.points})."
        )
    now = timezone.now()
    revocation = UserReward.objects.create(
        user_id=user_id,
        points=-entry.points if counted else 0,
        action=UserReward.REVOCATION,
        reason=f"Revoked: {reason}"[:255],
        status=Status.POSTED,
        idempotency_key=f"revoke:{entry.pk}",
        reverses=entry,
        metadata={"revoked_by": revoked_by.pk},
        inserted_at=now,
    )
    entry.revoked_at, entry.revoked_by, entry.revoke_reason = now, revoked_by, reason
    if not counted:
        entry.status = Status.REVOKED
    entry.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "status", "updated_at"])
    if counted:
        account.balance -= entry.points
        account.save(update_fields=["balance", "updated_at"])
    return revocation


def manual_bonus_grant(*, user_id: int, points: int, reason: str, granted_by: User) -> UserReward:
    return reward_grant(
        user_id=user_id,
        points=points,
        action=UserReward.MANUAL_BONUS,
        reason=_require_reason(reason),
        idempotency_key=f"manual:{uuid.uuid4().hex}",
        metadata={"granted_by": granted_by.pk},
    ).entry


@transaction.atomic
def referral_hold_create(
    *,
    inviter: User,
    invitee: User,
    inviter_points: int,
    invitee_points: int,
    offer_code: str,
    inviter_ip: str | None = None,
    inviter_visitor_id: str = "",
    invitee_ip: str | None = None,
    invitee_visitor_id: str = "",
) -> tuple[ReferralReview, bool]:
    """Both sides' referral rewards, pending until the invitee qualifies (idempotent).

    Returns the review and whether it was created now.
    """
    if inviter.pk == invitee.pk:
        raise SelfReferral()
    existing = ReferralReview.objects.filter(invitee=invitee).first()
    if existing is not None:
        return existing, False
    reason = f"{invitee.public_name} joined through {inviter.public_name}'s invite"
    inviter_grant = reward_grant(
        user_id=inviter.pk,
        points=inviter_points,
        action="referral_signup",
        reason=f"Referral: {invitee.public_name} joined with your invite",
        idempotency_key=f"referral_signup:inviter:{invitee.pk}",
        pending=True,
        metadata={"invitee_id": invitee.pk, "offer": offer_code, "side": "inviter"},
    ).entry
    invitee_grant = reward_grant(
        user_id=invitee.pk,
        points=invitee_points,
        action="referral_signup",
        reason=f"Welcome bonus: {reason}",
        idempotency_key=f"referral_signup:invitee:{invitee.pk}",
        pending=True,
        metadata={"inviter_id": inviter.pk, "offer": offer_code, "side": "invitee"},
    ).entry
    review = ReferralReview.objects.create(
        inviter=inviter,
        invitee=invitee,
        inviter_grant=inviter_grant,
        invitee_grant=invitee_grant,
        offer_code=offer_code,
        inviter_ip=inviter_ip,
        inviter_visitor_id=inviter_visitor_id[:64],
        invitee_ip=invitee_ip,
        invitee_visitor_id=invitee_visitor_id[:64],
    )
    return review, True


def _grant_ids(review: ReferralReview) -> list[int]:
    return [pk for pk in (review.inviter_grant_id, review.invitee_grant_id) if pk]


def _release(review: ReferralReview) -> None:
    UserReward.objects.filter(pk__in=_grant_ids(review), status=Status.PENDING).update(
        status=Status.AVAILABLE, updated_at=timezone.now()
    )


@transaction.atomic
def referral_qualify(
    *, invitee_id: int, fraud_score: float, fraud_signals: list[dict], flag_threshold: float
) -> ReferralReview | None:
    """The invitee's qualifying action happened: release the holds, or flag for review."""
    review = (
        ReferralReview.objects.select_for_update()
        .filter(invitee_id=invitee_id, status=ReferralReview.Status.AWAITING_ACTIVITY)
        .first()
    )
    if review is None:
        return None
    review.fraud_score, review.fraud_signals = fraud_score, fraud_signals
    if fraud_score >= flag_threshold:
        review.status = ReferralReview.Status.FLAGGED
    else:
        review.status = ReferralReview.Status.RELEASED
        review.decided_at = timezone.now()
        _release(review)
    review.save()
    return review


@transaction.atomic
def referral_review_decide(
    *, review_id: int, approve: bool, decided_by: User, reason: str = ""
) -> ReferralReview:
    """Staff approve (grants become claimable) or reject (grants rejected) a referral."""
    if not approve:
        reason = _require_reason(reason)
    review = ReferralReview.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise ReferralNotFound()
    if review.status in (
        ReferralReview.Status.APPROVED,
        ReferralReview.Status.REJECTED,
        ReferralReview.Status.RELEASED,
    ):
        raise ReviewAlreadyDecided()
    review.decided_by, review.decided_at, review.decision_reason = (
        decided_by,
        timezone.now(),
        reason.strip()[:255],
    )
    if approve:
        review.status = ReferralReview.Status.APPROVED
        _release(review)
    else:
        review.status = ReferralReview.Status.REJECTED
        UserReward.objects.filter(pk__in=_grant_ids(review), status=Status.PENDING).update(
            status=Status.REJECTED, updated_at=timezone.now()
        )
    review.save()
    return review
