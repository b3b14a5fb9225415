"""A small hand-built growth history whose cohort figures are worked out by hand."""

from datetime import UTC, datetime, timedelta

from attribution.models import Touchpoint
from tests.accounts.factories import UserFactory

THURSDAY = datetime(2026, 11, 5, 9, 0, tzinfo=UTC)  # the week of Monday 2 November


def joined(name: str, at: datetime):
    return UserFactory(username=name, date_joined=at)


def invite(inviter, loop: str, at: datetime, count: int = 1) -> None:
    for _ in range(count):
        Touchpoint.objects.create(
            visitor_id="v",
            user=inviter,
            inviter=inviter,
            loop=loop,
            event="invite_sent",
            inserted_at=at,
        )


def signup_from(inviter, loop: str, name: str, at: datetime) -> None:
    invitee = joined(name, at)
    Touchpoint.objects.create(
        visitor_id=name,
        user=invitee,
        inviter=inviter,
        loop=loop,
        event="link_opened",
        inserted_at=at - timedelta(hours=1),
    )
    Touchpoint.objects.create(
        visitor_id=name, user=invitee, inviter=inviter, loop=loop, event="signup", inserted_at=at
    )


def build_hand_cohort() -> None:
    """Week of 2 Nov: A (Thu), B (Fri), C (Sat) join. A sends 4 challenges and 1 rally, B
    sends 2 challenges. Next week X joins from A's challenge 4 days after A, Y from B's 6
    days after B, Z from A's rally 8 days after A."""
    a = joined("a", THURSDAY)
    b = joined("b", THURSDAY + timedelta(days=1))
    joined("c", THURSDAY + timedelta(days=2))
    invite(a, "buddy_challenge", THURSDAY, count=4)
    invite(a, "results_rally", THURSDAY)
    invite(b, "buddy_challenge", THURSDAY + timedelta(days=1), count=2)
    signup_from(a, "buddy_challenge", "x", THURSDAY + timedelta(days=4))
    signup_from(b, "buddy_challenge", "y", THURSDAY + timedelta(days=1 + 6))
    signup_from(a, "results_rally", "z", THURSDAY + timedelta(days=8))
