"""Whatever students and staff do, in any order, the cached balance equals the ledger."""

from contextlib import suppress

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewards import selectors, services
from rewards.models import Reward, UserReward
from tests.accounts.factories import UserFactory
from veltutor.errors import DomainError

pytestmark = pytest.mark.django_db

STUDENTS = 2
CATALOG = [
    # code, cost, stock, active
    ("prop-sticker", 40, None, True),
    ("prop-freeze", 60, 2, True),
    ("prop-session", 200, 1, True),
    ("prop-retired", 10, None, False),
]

student_index = st.integers(min_value=0, max_value=STUDENTS - 1)
pick = st.integers(min_value=0, max_value=10_000)

grant = st.tuples(
    st.just("grant"),
    student_index,
    st.integers(min_value=1, max_value=500),
    st.none() | pick,  # an index into the keys used so far: repeat one of them
)
claim = st.tuples(st.just("claim"), pick, st.booleans())  # by the owner, or the other student
redeem = st.tuples(
    st.just("redeem"),
    student_index,
    st.integers(min_value=0, max_value=len(CATALOG) - 1),
    st.none() | st.sampled_from(["a", "b", "c"]),
)
revoke = st.tuples(st.just("revoke"), pick)
# Weighted so that enough grants are claimed for redemptions to succeed as well as fail.
KINDS = ["grant"] * 2 + ["claim"] * 3 + ["redeem"] * 3 + ["revoke"]
BY_KIND = {"grant": grant, "claim": claim, "redeem": redeem, "revoke": revoke}
operations = st.lists(st.sampled_from(KINDS).flatmap(BY_KIND.__getitem__), min_size=10, max_size=40)


def assert_balances_match_ledger(students) -> None:
    for student in students:
        cached = selectors.balance_get(user_id=student.pk)
        assert cached == selectors.ledger_sum(user_id=student.pk)
        assert cached >= 0


def apply(
    operation, *, students, staff, grant_keys: list[str], grants: list[tuple[int, int]]
) -> None:
    """Run one operation; `grants` collects (grant id, owner index) of the grants made."""
    kind, *args = operation
    if kind == "grant":
        who, points, repeat = args
        if repeat is not None and grant_keys:
            key = grant_keys[repeat % len(grant_keys)]
        else:
            key = f"event:{len(grant_keys)}"
        if key not in grant_keys:
            grant_keys.append(key)
        result = services.reward_grant(
            user_id=students[who].pk,
            points=points,
            action="test_bonus",
            reason="Property test",
            idempotency_key=key,
        )
        if result.created:
            grants.append((result.entry.pk, who))
    elif kind == "claim" and grants:
        choice, by_other_student = args
        entry_id, owner = grants[choice % len(grants)]
        claimant = (owner + 1) % STUDENTS if by_other_student else owner
        services.reward_claim(user_id=students[claimant].pk, entry_id=entry_id)
    elif kind == "redeem":
        who, item, key = args
        services.reward_redeem(
            user_id=students[who].pk, reward_code=CATALOG[item][0], idempotency_key=key
        )
    elif kind == "revoke" and grants:
        (choice,) = args
        entry_id, _ = grants[choice % len(grants)]
        services.reward_revoke(entry_id=entry_id, revoked_by=staff, reason="Property test")


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=operations)
def test_any_sequence_of_ledger_operations_keeps_balances_equal_to_the_ledger(operations):
    # Each example runs in its own savepoint, rolled back so the next starts from scratch.
    with transaction.atomic():
        students = [UserFactory() for _ in range(STUDENTS)]
        staff = UserFactory(is_staff=True)
        for code, cost, stock, active in CATALOG:
            Reward.objects.create(
                code=code,
                name=code,
                kind=Reward.Kind.BADGE,
                cost_points=cost,
                stock=stock,
                is_active=active,
            )
        grant_keys: list[str] = []
        grants: list[tuple[int, int]] = []

        for operation in operations:
            with suppress(DomainError):
                apply(
                    operation,
                    students=students,
                    staff=staff,
                    grant_keys=grant_keys,
                    grants=grants,
                )
            assert_balances_match_ledger(students)

        grant_rows = UserReward.objects.filter(user__in=students).exclude(
            action__in=(UserReward.REDEMPTION, UserReward.REVOCATION)
        )
        assert not Reward.objects.filter(stock__lt=0).exists()
        assert grant_rows.count() == len(set(grant_keys))
        transaction.set_rollback(True)
