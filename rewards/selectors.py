from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet, Sum
from django.utils import timezone

from rewards.models import EconomyDay, PointsAccount, ReferralReview, Reward, UserReward


def balance_get(*, user_id: int) -> int:
    return (
        PointsAccount.objects.filter(user_id=user_id).values_list("balance", flat=True).first() or 0
    )


def ledger_sum(*, user_id: int) -> int:
    """The balance recomputed from the ledger; equals `balance_get` at all times."""
    total = UserReward.objects.filter(
        user_id=user_id, status__in=UserReward.COUNTED_STATUSES
    ).aggregate(total=Sum("points"))["total"]
    return total or 0


def ledger_list_for_user(*, user_id: int, limit: int = 50) -> QuerySet:
    return UserReward.objects.filter(user_id=user_id).select_related("reward")[:limit]


def grant_get_by_key(*, idempotency_key: str) -> UserReward | None:
    return UserReward.objects.filter(idempotency_key=idempotency_key).first()


def grant_list_available_for_user(*, user_id: int) -> QuerySet:
    return UserReward.objects.filter(user_id=user_id, status=UserReward.Status.AVAILABLE)


def unclaimed_points_for_user(*, user_id: int) -> int:
    """Points granted but not yet in the balance: on hold or waiting to be claimed."""
    total = UserReward.objects.filter(
        user_id=user_id, status__in=(UserReward.Status.PENDING, UserReward.Status.AVAILABLE)
    ).aggregate(total=Sum("points"))["total"]
    return total or 0


def grant_count_for_user_action_since(
    *, user_id: int, action: str, since: datetime, until: datetime | None = None
) -> int:
    grants = UserReward.objects.filter(user_id=user_id, action=action, inserted_at__gte=since)
    return (grants.filter(inserted_at__lt=until) if until else grants).count()


def grant_exists_for_user_action(*, user_id: int, action: str) -> bool:
    return UserReward.objects.filter(user_id=user_id, action=action).exists()


def points_granted_on(*, day) -> int:
    return EconomyDay.objects.filter(day=day).values_list("points_granted", flat=True).first() or 0


def points_granted_today() -> int:
    return points_granted_on(day=timezone.localdate())


@dataclass(frozen=True)
class CatalogItem:
    reward: Reward
    can_redeem: bool
    blocked_reason: str


def catalog_list_for_user(*, user_id: int) -> list[CatalogItem]:
    balance = balance_get(user_id=user_id)
    items = []
    for reward in Reward.objects.filter(is_active=True).order_by("cost_points", "name"):
        if not reward.in_stock:
            reason = "Out of stock"
        elif balance < reward.cost_points:
            reason = f"You need {reward.cost_points - balance} more points"
        else:
            reason = ""
        items.append(CatalogItem(reward=reward, can_redeem=not reason, blocked_reason=reason))
    return items


def referral_signup_count_from_ip_since(*, ip: str, since: datetime) -> int:
    return ReferralReview.objects.filter(invitee_ip=ip, inserted_at__gte=since).count()


def referral_review_get_for_invitee(*, invitee_id: int) -> ReferralReview | None:
    return (
        ReferralReview.objects.select_related("inviter", "invitee")
        .filter(invitee_id=invitee_id)
        .first()
    )


def grant_list_pending_for_user(*, user_id: int) -> QuerySet:
    return UserReward.objects.filter(user_id=user_id, status=UserReward.Status.PENDING)


def reward_activity_since(*, since: datetime) -> dict[str, int]:
    grants = UserReward.objects.exclude(action__in=(UserReward.REDEMPTION, UserReward.REVOCATION))
    return {
        "ledger_rows": UserReward.objects.filter(inserted_at__gt=since).count(),
        "rewards_granted": grants.filter(inserted_at__gt=since).count(),
        "rewards_claimed": grants.filter(claimed_at__gt=since).count(),
        "redemptions": UserReward.objects.filter(
            action=UserReward.REDEMPTION, inserted_at__gt=since
        ).count(),
    }
