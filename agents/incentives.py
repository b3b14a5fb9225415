"""The Incentives & Economy agent: how many points an action earns, and paying them out."""

import random
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agents.bandit import thompson_pick
from agents.exceptions import UnknownAction, UnknownUser
from agents.models import EconomyPolicy, IncentiveRule, InviterOffer, OfferVariant
from agents.runs import agent_run
from rewards import fraud
from rewards import selectors as reward_selectors
from rewards import services as reward_services
from rewards.exceptions import BudgetExhausted
from rewards.models import ReferralReview, UserReward
from veltutor.accounts.models import User
from veltutor.learning import selectors as learning_selectors

REFERRAL_ACTION = "referral_signup"


@dataclass(frozen=True)
class RewardQuote:
    action: str
    points: int
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class GrantOutcome:
    quote: RewardQuote
    entry: UserReward | None
    created: bool


def _whole(points: Decimal) -> int:
    return int(points.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class IncentivesEconomy:
    name = "IncentivesEconomy"

    def __init__(self, *, rng: random.Random | None = None) -> None:
        self.rng = rng or random.Random()

    # Quotes -------------------------------------------------------------------------------

    def calculate_reward(self, *, action: str, user_id: int) -> RewardQuote:
        """What `action` would earn `user_id` now, and why. Writes nothing."""
        with agent_run(self.name, "calculate_reward"):
            return self._quote(action=action, user_id=user_id, at=timezone.now())

    def _quote(self, *, action: str, user_id: int, at: datetime) -> RewardQuote:
        rule = IncentiveRule.objects.filter(action=action, is_active=True).first()
        if rule is None:
            raise UnknownAction(f"There is no active reward rule for “{action}”.")
        if not User.objects.filter(pk=user_id).exists():
            raise UnknownUser(f"There is no user with id {user_id}.")
        day = timezone.localdate(at)
        start_of_day = timezone.make_aware(datetime.combine(day, time.min))
        done_today = reward_selectors.grant_count_for_user_action_since(
            user_id=user_id,
            action=action,
            since=start_of_day,
            until=start_of_day + timedelta(days=1),
        )
        if rule.daily_cap is not None and done_today >= rule.daily_cap:
            return RewardQuote(
                action=action,
                points=0,
                reason=f"Daily limit of {rule.daily_cap} {rule.label} rewards reached; "
                "more tomorrow.",
            )
        base = self._base_points(rule=rule, user_id=user_id)
        points = Decimal(base)
        reasons = [f"{rule.label}: {base} points"]
        if rule.diminish_after is not None and done_today >= rule.diminish_after:
            repeats = done_today - rule.diminish_after + 1
            points *= rule.diminish_factor**repeats
            reasons.append(f"reduced after {rule.diminish_after} today")
        if rule.first_time_bonus and not reward_selectors.grant_exists_for_user_action(
            user_id=user_id, action=action
        ):
            points += rule.first_time_bonus
            reasons.append(f"first-time bonus +{rule.first_time_bonus}")
        if rule.streak_bonus_per_day:
            streak = learning_selectors.practice_streak_days(user_id=user_id, today=day)
            if streak >= 2:
                multiplier = 1 + rule.streak_bonus_per_day * min(streak - 1, rule.streak_max_days)
                points *= multiplier
                reasons.append(f"{streak}-day streak ×{multiplier.normalize()}")
        whole = _whole(points)
        remaining = EconomyPolicy.current().daily_points_budget - (
            reward_selectors.points_granted_on(day=day)
        )
        if whole > remaining:
            return RewardQuote(action=action, points=0, reason="Today's reward budget is used up.")
        return RewardQuote(action=action, points=whole, reason="; ".join(reasons))

    def _base_points(self, *, rule: IncentiveRule, user_id: int) -> int:
        if rule.action != REFERRAL_ACTION:
            return rule.base_points
        offer = InviterOffer.objects.select_related("variant").filter(inviter_id=user_id).first()
        return offer.variant.inviter_points if offer else rule.base_points

    # Grants -------------------------------------------------------------------------------

    def grant(
        self,
        *,
        action: str,
        user_id: int,
        event_key: str,
        metadata: dict | None = None,
        occurred_at: datetime | None = None,
    ) -> GrantOutcome:
        """Pay `action` for one event (`event_key`), once, within caps and the budget.

        Caps, streaks and the budget apply to the day the event `occurred_at` (default now).
        """
        at = occurred_at or timezone.now()
        with agent_run(self.name, "grant"):
            idempotency_key = f"{action}:{event_key}"
            with transaction.atomic():
                # Serialise one student's grants so daily caps hold under concurrency.
                reward_services.points_account_lock(user_id=user_id)
                existing = reward_selectors.grant_get_by_key(idempotency_key=idempotency_key)
                quote = self._quote(action=action, user_id=user_id, at=at)
                if existing is not None:
                    return GrantOutcome(quote=quote, entry=existing, created=False)
                if quote.points <= 0:
                    return GrantOutcome(quote=quote, entry=None, created=False)
                try:
                    result = reward_services.reward_grant(
                        user_id=user_id,
                        points=quote.points,
                        action=action,
                        reason=quote.reason,
                        idempotency_key=idempotency_key,
                        metadata=metadata,
                        daily_budget=EconomyPolicy.current().daily_points_budget,
                        occurred_at=at,
                    )
                except BudgetExhausted as error:
                    refused = RewardQuote(action=action, points=0, reason=error.message)
                    return GrantOutcome(quote=refused, entry=None, created=False)
            return GrantOutcome(quote=quote, entry=result.entry, created=result.created)

    # Invite offers (Thompson sampling) ----------------------------------------------------

    def offer_for_inviter(self, *, user_id: int) -> OfferVariant | None:
        """The inviter's offer: drawn once by Thompson sampling, then kept."""
        with agent_run(self.name, "offer_for_inviter"):
            existing = InviterOffer.objects.select_related("variant").filter(inviter_id=user_id)
            if offer := existing.first():
                return offer.variant
            variants = list(OfferVariant.objects.filter(is_active=True))
            if not variants:
                return None
            chosen = thompson_pick(variants, rng=self.rng)
            offer, _ = InviterOffer.objects.get_or_create(
                inviter_id=user_id, defaults={"variant": chosen}
            )
            return offer.variant

    def record_invite_sent(self, *, inviter_id: int) -> OfferVariant | None:
        variant = self.offer_for_inviter(user_id=inviter_id)
        if variant is not None:
            OfferVariant.objects.filter(pk=variant.pk).update(invites=F("invites") + 1)
        return variant

    def record_conversion(self, *, variant_code: str) -> None:
        OfferVariant.objects.filter(code=variant_code).update(conversions=F("conversions") + 1)

    # Referrals ----------------------------------------------------------------------------

    def referral_signup(
        self,
        *,
        inviter_id: int,
        invitee_id: int,
        inviter_ip: str | None = None,
        inviter_visitor_id: str = "",
        invitee_ip: str | None = None,
        invitee_visitor_id: str = "",
        offer_code: str = "",
    ) -> ReferralReview:
        """Hold both sides' referral rewards and count the conversion for the offer the
        invitee was shown (`offer_code`), or else the inviter's own offer."""
        with agent_run(self.name, "referral_signup"):
            inviter = User.objects.filter(pk=inviter_id).first()
            invitee = User.objects.filter(pk=invitee_id).first()
            if inviter is None or invitee is None:
                raise UnknownUser()
            variant = (
                OfferVariant.objects.filter(code=offer_code).first() if offer_code else None
            ) or self.offer_for_inviter(user_id=inviter_id)
            rule = IncentiveRule.objects.filter(action=REFERRAL_ACTION).first()
            fallback_points = rule.base_points if rule else 100
            with transaction.atomic():
                review, created = reward_services.referral_hold_create(
                    inviter=inviter,
                    invitee=invitee,
                    inviter_points=variant.inviter_points if variant else fallback_points,
                    invitee_points=variant.invitee_points if variant else fallback_points,
                    offer_code=variant.code if variant else "",
                    inviter_ip=inviter_ip,
                    inviter_visitor_id=inviter_visitor_id,
                    invitee_ip=invitee_ip,
                    invitee_visitor_id=invitee_visitor_id,
                )
                if created and variant is not None:
                    self.record_conversion(variant_code=variant.code)
            return review

    def referral_qualify(self, *, invitee_id: int) -> ReferralReview | None:
        """The invitee finished a first practice: fraud-check and release or flag the holds."""
        with agent_run(self.name, "referral_qualify"):
            review = reward_selectors.referral_review_get_for_invitee(invitee_id=invitee_id)
            if review is None or review.status != ReferralReview.Status.AWAITING_ACTIVITY:
                return review
            now = timezone.now()
            facts = fraud.ReferralFacts(
                inviter_email=review.inviter.email,
                invitee_email=review.invitee.email,
                inviter_ip=review.inviter_ip,
                invitee_ip=review.invitee_ip,
                inviter_visitor_id=review.inviter_visitor_id,
                invitee_visitor_id=review.invitee_visitor_id,
                signups_from_invitee_ip_last_hour=(
                    reward_selectors.referral_signup_count_from_ip_since(
                        ip=review.invitee_ip, since=review.inserted_at - timedelta(hours=1)
                    )
                    if review.invitee_ip
                    else 0
                ),
                invitee_account_age=now - review.invitee.date_joined,
                invitee_answers=learning_selectors.answered_count_for_user(user_id=invitee_id),
            )
            signals = fraud.referral_fraud_signals(facts)
            return reward_services.referral_qualify(
                invitee_id=invitee_id,
                fraud_score=fraud.fraud_score(signals),
                fraud_signals=signals,
                flag_threshold=EconomyPolicy.current().referral_flag_threshold,
            )
