"""Races on the points ledger: row locks and unique keys must hold under real concurrency."""

import pytest

from agents.incentives import IncentivesEconomy
from agents.models import IncentiveRule
from rewards import selectors, services
from rewards.exceptions import InsufficientPoints, OutOfStock
from rewards.models import Reward, UserReward
from tests.accounts.factories import UserFactory
from tests.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


def grant(user, points: int, key: str) -> services.GrantResult:
    return services.reward_grant(
        user_id=user.pk, points=points, action="test_bonus", reason="Test", idempotency_key=key
    )


def give_points(user, points: int) -> None:
    entry = grant(user, points, f"seed:{user.pk}").entry
    services.reward_claim(user_id=user.pk, entry_id=entry.pk)


def make_reward(*, code: str, cost_points: int, stock: int | None) -> Reward:
    return Reward.objects.create(
        code=code, name=code.title(), kind=Reward.Kind.BADGE, cost_points=cost_points, stock=stock
    )


def test_twenty_students_redeeming_the_last_item_leave_exactly_one_winner():
    students = [UserFactory() for _ in range(THREADS)]
    for student in students:
        give_points(student, 1000)
    reward = make_reward(code="last-badge", cost_points=100, stock=1)

    outcomes = run_together(
        *[
            (lambda s=s: services.reward_redeem(user_id=s.pk, reward_code=reward.code))
            for s in students
        ]
    )

    reward.refresh_from_db()
    succeeded = [o for o in outcomes if isinstance(o, services.RedeemResult)]
    out_of_stock = [o for o in outcomes if isinstance(o, OutOfStock)]
    balances = [
        (selectors.balance_get(user_id=s.pk), selectors.ledger_sum(user_id=s.pk)) for s in students
    ]
    assert (len(succeeded), len(out_of_stock)) == (1, THREADS - 1)
    assert reward.stock == 0
    assert all(cached == recomputed for cached, recomputed in balances)
    assert sorted(cached for cached, _ in balances) == [900] + [1000] * (THREADS - 1)
    assert UserReward.objects.filter(action=UserReward.REDEMPTION).count() == 1


def test_twenty_simultaneous_claims_of_one_grant_pay_it_once():
    student = UserFactory()
    give_points(student, 50)
    entry = grant(student, 300, "lesson:1").entry

    outcomes = run_together(
        *[lambda: services.reward_claim(user_id=student.pk, entry_id=entry.pk)] * THREADS
    )

    assert all(isinstance(o, services.ClaimResult) for o in outcomes), outcomes
    assert sum(o.newly_claimed for o in outcomes) == 1
    assert selectors.balance_get(user_id=student.pk) == 350
    assert selectors.ledger_sum(user_id=student.pk) == 350


def test_twenty_simultaneous_grants_with_one_key_write_one_row():
    student = UserFactory()

    outcomes = run_together(*[lambda: grant(student, 40, "streak:day-7")] * THREADS)

    assert all(isinstance(o, services.GrantResult) for o in outcomes), outcomes
    assert UserReward.objects.filter(idempotency_key="streak:day-7").count() == 1
    assert {o.entry.pk for o in outcomes} == {
        UserReward.objects.get(idempotency_key="streak:day-7").pk
    }
    assert sum(o.created for o in outcomes) == 1


def test_one_student_redeeming_from_twenty_threads_spends_only_what_they_have():
    student = UserFactory()
    give_points(student, 7 * 30 + 29)
    reward = make_reward(code="hint", cost_points=30, stock=None)

    outcomes = run_together(
        *[
            (
                lambda i=i: services.reward_redeem(
                    user_id=student.pk, reward_code=reward.code, idempotency_key=f"tap-{i}"
                )
            )
            for i in range(THREADS)
        ]
    )

    succeeded = [o for o in outcomes if isinstance(o, services.RedeemResult)]
    refused = [o for o in outcomes if isinstance(o, InsufficientPoints)]
    assert (len(succeeded), len(refused)) == (7, THREADS - 7)
    assert selectors.balance_get(user_id=student.pk) == 29
    assert selectors.ledger_sum(user_id=student.pk) == 29


def test_the_practice_daily_cap_holds_when_ten_events_arrive_at_once():
    IncentiveRule.objects.update_or_create(
        action="complete_practice",
        defaults={"label": "Practice", "base_points": 100, "daily_cap": 3, "is_active": True},
    )
    student = UserFactory()

    outcomes = run_together(
        *[
            (
                lambda i=i: IncentivesEconomy().grant(
                    action="complete_practice", user_id=student.pk, event_key=f"e{i}"
                )
            )
            for i in range(10)
        ]
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(o.created for o in outcomes) == 3
    assert UserReward.objects.filter(user=student, action="complete_practice").count() == 3
