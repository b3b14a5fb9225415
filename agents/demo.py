"""Phase 2 demo data on top of `seed_demo`: claimed points, a redemption, referrals."""

from django.db import transaction

from agents.incentives import IncentivesEconomy
from rewards import selectors as reward_selectors
from rewards import services as reward_services
from rewards.models import Reward, UserReward
from veltutor.accounts.models import User


@transaction.atomic
def economy_demo_load(*, users: dict[str, User]) -> str:
    """Claim each demo student's grants but the newest, redeem a badge, add two referrals."""
    claimed = 0
    for user in users.values():
        if user.ledger.filter(status=UserReward.Status.CLAIMED).exists():
            continue
        grants = list(reward_selectors.grant_list_available_for_user(user_id=user.pk))
        newest = max(grants, key=lambda grant: grant.inserted_at, default=None)
        for grant in grants:
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
