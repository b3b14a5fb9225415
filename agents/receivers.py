"""Phase 1 events → the Incentives & Economy agent. A failure here never breaks the page."""

import logging

from veltutor.learning import selectors as learning_selectors
from veltutor.learning.signals import demo_seeded, diagnostic_completed, practice_completed

logger = logging.getLogger(__name__)


def reward_practice(sender, session, user, **kwargs) -> None:
    from agents.incentives import IncentivesEconomy

    agent = IncentivesEconomy()
    try:
        agent.grant(
            action="complete_practice",
            user_id=user.pk,
            event_key=f"session:{session.pk}",
            metadata={"session_id": session.pk, "score": session.score_percent},
            occurred_at=session.completed_at,
        )
        if learning_selectors.completed_session_count(user_id=user.pk, kind="practice") == 1:
            agent.referral_qualify(invitee_id=user.pk)
    except Exception:
        logger.exception("practice_reward_failed", extra={"session_id": session.pk})


def reward_diagnostic(sender, session, user, **kwargs) -> None:
    from agents.incentives import IncentivesEconomy

    try:
        IncentivesEconomy().grant(
            action="complete_diagnostic",
            user_id=user.pk,
            event_key=f"session:{session.pk}",
            metadata={"session_id": session.pk, "score": session.score_percent},
            occurred_at=session.completed_at,
        )
    except Exception:
        logger.exception("diagnostic_reward_failed", extra={"session_id": session.pk})


def load_economy_demo(sender, users, **kwargs) -> str:
    from agents.demo import economy_demo_load

    return economy_demo_load(users=users)


def reward_buddy_finished(sender, play, link, owner, **kwargs) -> None:
    from agents.incentives import IncentivesEconomy

    try:
        IncentivesEconomy().grant(
            action="challenge_completed_by_buddy",
            user_id=owner.pk,
            event_key=f"play:{play.pk}",
            metadata={"play_id": play.pk, "challenge_id": link.pk, "score": play.score},
        )
    except Exception:
        logger.exception("buddy_reward_failed", extra={"play_id": play.pk})


def reward_rally_joined(sender, play, link, owner, **kwargs) -> None:
    from agents.incentives import IncentivesEconomy

    try:
        IncentivesEconomy().grant(
            action="rally_joined",
            user_id=owner.pk,
            event_key=f"play:{play.pk}",
            metadata={"play_id": play.pk, "rally_id": link.pk, "score": play.score},
        )
    except Exception:
        logger.exception("rally_reward_failed", extra={"play_id": play.pk})


def attribute_signup(sender, user, request=None, **kwargs) -> None:
    """A new account: keep the visitor's plays and hold the referral rewards of the invite."""
    from agents.orchestrator import Orchestrator

    visitor_id = getattr(request, "visitor_id", "") if request is not None else ""
    if not visitor_id:
        return
    try:
        Orchestrator().signup_from_invite(
            user=user, visitor_id=visitor_id, ip=request.META.get("REMOTE_ADDR")
        )
    except Exception:
        logger.exception("signup_attribution_failed", extra={"user_id": user.pk})


def connect() -> None:
    from challenges.signals import buddy_finished_challenge, friend_finished_rally
    from veltutor.accounts.signals import user_signed_up

    buddy_finished_challenge.connect(reward_buddy_finished, dispatch_uid="agents.buddy_finished")
    friend_finished_rally.connect(reward_rally_joined, dispatch_uid="agents.rally_joined")
    user_signed_up.connect(attribute_signup, dispatch_uid="agents.attribute_signup")
    demo_seeded.connect(load_economy_demo, dispatch_uid="agents.load_economy_demo")
    practice_completed.connect(reward_practice, dispatch_uid="agents.reward_practice")
    diagnostic_completed.connect(reward_diagnostic, dispatch_uid="agents.reward_diagnostic")
