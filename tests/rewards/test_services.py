import pytest
from django.core.exceptions import ValidationError

from rewards import selectors, services
from rewards.exceptions import (
    AlreadyRevoked,
    BudgetExhausted,
    GrantNotFound,
    GrantOnHold,
    IdempotencyKeyReused,
    InsufficientPoints,
    InvalidPoints,
    OutOfStock,
    ReviewAlreadyDecided,
    RewardInactive,
    RewardNotFound,
    SelfReferral,
)
from rewards.models import ReferralReview, UserReward
from tests.rewards.conftest import give_points
from tests.rewards.factories import RewardFactory


def grant(user, points=100, key="event:1", **kwargs):
    return services.reward_grant(
        user_id=user.pk,
        points=points,
        action="complete_practice",
        reason="Practice",
        idempotency_key=key,
        **kwargs,
    )


def test_a_grant_waits_to_be_claimed_before_it_counts(student):
    result = grant(student)

    assert result.created and result.entry.status == "available"
    assert selectors.balance_get(user_id=student.pk) == 0


def test_the_same_event_never_pays_twice(student):
    first = grant(student, key="complete_practice:session:7")
    second = grant(student, key="complete_practice:session:7", points=999)

    assert second.created is False
    assert second.entry.pk == first.entry.pk
    assert UserReward.objects.filter(user=student).count() == 1


def test_an_idempotency_key_of_another_user_is_refused(student, other_student):
    grant(student, key="shared")

    with pytest.raises(IdempotencyKeyReused):
        grant(other_student, key="shared")


@pytest.mark.parametrize("points", [0, -5, 1.5, True])
def test_grants_must_be_positive_whole_points(student, points):
    with pytest.raises(InvalidPoints):
        grant(student, points=points)


def test_claiming_adds_the_points_once(student):
    entry = grant(student, points=120).entry

    first = services.reward_claim(user_id=student.pk, entry_id=entry.pk)
    again = services.reward_claim(user_id=student.pk, entry_id=entry.pk)

    assert (first.balance, first.newly_claimed) == (120, True)
    assert (again.balance, again.newly_claimed) == (120, False)
    assert selectors.ledger_sum(user_id=student.pk) == 120


def test_someone_elses_grant_cannot_be_claimed(student, other_student):
    entry = grant(student).entry

    with pytest.raises(GrantNotFound):
        services.reward_claim(user_id=other_student.pk, entry_id=entry.pk)


def test_a_pending_grant_cannot_be_claimed(student):
    entry = grant(student, pending=True).entry

    with pytest.raises(GrantOnHold):
        services.reward_claim(user_id=student.pk, entry_id=entry.pk)


def test_the_daily_budget_stops_grants_past_it(student):
    grant(student, points=80, key="a", daily_budget=100)

    with pytest.raises(BudgetExhausted):
        grant(student, points=30, key="b", daily_budget=100)
    assert selectors.points_granted_today() == 80


def test_redeeming_takes_points_and_stock_together(funded_student):
    reward = RewardFactory(cost_points=200, stock=3)

    result = services.reward_redeem(user_id=funded_student.pk, reward_code=reward.code)

    reward.refresh_from_db()
    assert (result.balance, reward.stock) == (300, 2)
    assert result.entry.points == -200 and result.entry.status == "posted"
    assert selectors.ledger_sum(user_id=funded_student.pk) == 300


def test_redeeming_twice_with_one_key_spends_once(funded_student):
    reward = RewardFactory(cost_points=100)

    services.reward_redeem(user_id=funded_student.pk, reward_code=reward.code, idempotency_key="k")
    again = services.reward_redeem(
        user_id=funded_student.pk, reward_code=reward.code, idempotency_key="k"
    )

    assert again.created is False
    assert selectors.balance_get(user_id=funded_student.pk) == 400


def test_redeeming_more_than_the_balance_is_refused(student):
    give_points(student, 50)
    reward = RewardFactory(cost_points=100)

    with pytest.raises(InsufficientPoints, match="costs 100 points; you have 50"):
        services.reward_redeem(user_id=student.pk, reward_code=reward.code)
    assert selectors.balance_get(user_id=student.pk) == 50


def test_an_out_of_stock_reward_cannot_be_redeemed(funded_student):
    reward = RewardFactory(stock=0)

    with pytest.raises(OutOfStock):
        services.reward_redeem(user_id=funded_student.pk, reward_code=reward.code)


def test_an_inactive_reward_cannot_be_redeemed(funded_student):
    reward = RewardFactory(is_active=False)

    with pytest.raises(RewardInactive):
        services.reward_redeem(user_id=funded_student.pk, reward_code=reward.code)


def test_an_unknown_reward_is_not_found(funded_student):
    with pytest.raises(RewardNotFound):
        services.reward_redeem(user_id=funded_student.pk, reward_code="no-such-thing")


def test_revoking_a_claimed_grant_adds_an_audit_row_and_lowers_the_balance(student, staff):
    entry = grant(student, points=100).entry
    services.reward_claim(user_id=student.pk, entry_id=entry.pk)

    revocation = services.reward_revoke(entry_id=entry.pk, revoked_by=staff, reason="Duplicate")

    entry.refresh_from_db()
    assert revocation.points == -100 and revocation.reverses_id == entry.pk
    assert entry.revoked_by == staff and entry.revoke_reason == "Duplicate"
    assert (
        selectors.balance_get(user_id=student.pk) == 0 == selectors.ledger_sum(user_id=student.pk)
    )
    assert UserReward.objects.filter(pk=entry.pk).exists()


def test_revoking_an_unclaimed_grant_makes_it_unclaimable(student, staff):
    entry = grant(student).entry

    services.reward_revoke(entry_id=entry.pk, revoked_by=staff, reason="Cheating")

    entry.refresh_from_db()
    assert entry.status == "revoked"
    assert selectors.balance_get(user_id=student.pk) == 0


def test_a_grant_is_revoked_only_once(student, staff):
    entry = grant(student).entry
    services.reward_revoke(entry_id=entry.pk, revoked_by=staff, reason="Once")

    with pytest.raises(AlreadyRevoked):
        services.reward_revoke(entry_id=entry.pk, revoked_by=staff, reason="Twice")


def test_revoking_needs_a_reason(student, staff):
    entry = grant(student).entry

    with pytest.raises(ValidationError):
        services.reward_revoke(entry_id=entry.pk, revoked_by=staff, reason="  ")


def test_spent_points_cannot_be_revoked_into_a_negative_balance(student, staff):
    entry = grant(student, points=100).entry
    services.reward_claim(user_id=student.pk, entry_id=entry.pk)
    services.reward_redeem(user_id=student.pk, reward_code=RewardFactory(cost_points=100).code)

    with pytest.raises(InsufficientPoints, match="already spent"):
        services.reward_revoke(entry_id=entry.pk, revoked_by=staff, reason="Too late")


def test_a_manual_bonus_is_claimable_and_records_who_granted_it(student, staff):
    entry = services.manual_bonus_grant(
        user_id=student.pk, points=250, reason="Contest winner", granted_by=staff
    )

    assert entry.status == "available" and entry.metadata["granted_by"] == staff.pk


def hold(inviter, invitee):
    review, _ = services.referral_hold_create(
        inviter=inviter, invitee=invitee, inviter_points=100, invitee_points=50, offer_code="x"
    )
    return review


def test_a_referral_holds_both_sides_rewards(student, other_student):
    review = hold(student, other_student)

    assert review.inviter_grant.status == "pending" == review.invitee_grant.status
    assert (review.inviter_grant.points, review.invitee_grant.points) == (100, 50)


def test_a_referral_is_held_once_per_invitee(student, other_student):
    first = hold(student, other_student)

    again, created = services.referral_hold_create(
        inviter=student, invitee=other_student, inviter_points=1, invitee_points=1, offer_code="y"
    )

    assert (again.pk, created) == (first.pk, False)
    assert UserReward.objects.filter(action="referral_signup").count() == 2


def test_nobody_can_refer_themselves(student):
    with pytest.raises(SelfReferral):
        hold(student, student)


def test_a_clean_qualified_referral_releases_the_rewards(student, other_student):
    review = hold(student, other_student)

    services.referral_qualify(
        invitee_id=other_student.pk, fraud_score=0.0, fraud_signals=[], flag_threshold=0.5
    )

    review.refresh_from_db()
    review.inviter_grant.refresh_from_db()
    assert review.status == ReferralReview.Status.RELEASED
    assert review.inviter_grant.status == "available"


def test_a_flagged_referral_stays_pending_until_approved(student, other_student, staff):
    review = hold(student, other_student)
    services.referral_qualify(
        invitee_id=other_student.pk,
        fraud_score=0.7,
        fraud_signals=[{"code": "same_ip", "weight": 0.4, "detail": ""}],
        flag_threshold=0.5,
    )
    review.refresh_from_db()
    assert review.status == ReferralReview.Status.FLAGGED
    assert UserReward.objects.get(pk=review.invitee_grant_id).status == "pending"

    services.referral_review_decide(review_id=review.pk, approve=True, decided_by=staff)

    assert UserReward.objects.get(pk=review.invitee_grant_id).status == "available"


def test_a_rejected_referral_needs_a_reason_and_rejects_both_grants(student, other_student, staff):
    review = hold(student, other_student)
    with pytest.raises(ValidationError):
        services.referral_review_decide(review_id=review.pk, approve=False, decided_by=staff)

    services.referral_review_decide(
        review_id=review.pk, approve=False, decided_by=staff, reason="Same household farm"
    )

    statuses = set(
        UserReward.objects.filter(
            pk__in=[review.inviter_grant_id, review.invitee_grant_id]
        ).values_list("status", flat=True)
    )
    assert statuses == {"rejected"}


def test_a_decided_referral_cannot_be_decided_again(student, other_student, staff):
    review = hold(student, other_student)
    services.referral_review_decide(review_id=review.pk, approve=True, decided_by=staff)

    with pytest.raises(ReviewAlreadyDecided):
        services.referral_review_decide(
            review_id=review.pk, approve=False, decided_by=staff, reason="Changed my mind"
        )
