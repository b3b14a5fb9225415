"""Phase 2 demo data on top of `seed_demo`: claimed points, a redemption, referrals."""

from django.db import transaction

from agents.incentives import IncentivesEconomy
from rewards import selectors as reward_selectors
from rewards import services as reward_services
from rewards.models import Reward, UserReward
from veltutor.accounts.models import User
from veltutor.learning.models import LearningSession


@transaction.atomic
def economy_demo_load(*, users: dict[str, User]) -> str:
    """Date each session's grant at the session, claim all but the newest, add referrals."""
    claimed = 0
    for user in users.values():
        if user.ledger.filter(status=UserReward.Status.CLAIMED).exists():
            continue
        grants = list(reward_selectors.grant_list_available_for_user(user_id=user.pk))
        finished = dict(
            LearningSession.objects.filter(
                pk__in=[g.metadata.get("session_id") for g in grants]
            ).values_list("pk", "completed_at")
        )
        newest = max(
            grants,
            key=lambda grant: finished.get(grant.metadata.get("session_id")) or grant.inserted_at,
            default=None,
        )
        for grant in grants:
            completed_at = finished.get(grant.metadata.get("session_id"))
            if completed_at:
                reward_services.grant_backdate(entry_id=grant.pk, inserted_at=completed_at)
            if grant != newest:
                reward_services.reward_claim(user_id=user.pk, entry_id=grant.pk)
                claimed += 1
    demo = users.get("demo")
    badge = Reward.objects.filter(code="badge-first-steps", is_active=True).first()
    if demo and badge and reward_selectors.balance_get(user_id=demo.pk) >= badge.cost_points:
        reward_services.reward_redeem(
            user_id=demo.pk, reward_code=badge.code, idempotency_key="demo-badge"
        )
    agent = IncentivesEconomy()
    # (inviter, invitee, inviter ip, invitee ip, shared browser): the second looks like a farm.
    referrals = [
        ("demo", "maya", "203.0.113.9", "198.51.100.20", False),
        ("aisha", "tomas", "203.0.113.40", "203.0.113.40", True),
    ]
    statuses = []
    for inviter, invitee, inviter_ip, invitee_ip, shared_browser in referrals:
        if inviter not in users or invitee not in users:
            continue
        if reward_selectors.referral_review_get_for_invitee(invitee_id=users[invitee].pk) is None:
            agent.record_invite_sent(inviter_id=users[inviter].pk)
        agent.referral_signup(
            inviter_id=users[inviter].pk,
            invitee_id=users[invitee].pk,
            inviter_ip=inviter_ip,
            invitee_ip=invitee_ip,
            inviter_visitor_id=f"demo-{inviter}",
            invitee_visitor_id=f"demo-{inviter if shared_browser else invitee}",
        )
        review = agent.referral_qualify(invitee_id=users[invitee].pk)
        statuses.append(f"{inviter}→{invitee} {review.status}")
    return f"Economy: {claimed} grants claimed; referrals: {', '.join(statuses) or 'none'}."
