import itertools

import pytest

from rewards import services

_keys = itertools.count()


def give_points(user, points: int) -> None:
    """Grant and claim `points` for `user`, as if they had earned them."""
    entry = services.reward_grant(
        user_id=user.pk,
        points=points,
        action="test_bonus",
        reason="Test points",
        idempotency_key=f"test:{next(_keys)}",
    ).entry
    services.reward_claim(user_id=user.pk, entry_id=entry.pk)


@pytest.fixture
def funded_student(student):
    give_points(student, 500)
    return student
