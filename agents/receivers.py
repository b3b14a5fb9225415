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


def connect() -> None:
    demo_seeded.connect(load_economy_demo, dispatch_uid="agents.load_economy_demo")
    practice_completed.connect(reward_practice, dispatch_uid="agents.reward_practice")
    diagnostic_completed.connect(reward_diagnostic, dispatch_uid="agents.reward_diagnostic")
