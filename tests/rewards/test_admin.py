import pytest
from django.urls import reverse

from rewards import selectors, services
from rewards.models import ReferralReview, UserReward
from tests.rewards.conftest import give_points

CHANGELISTS = [
    "admin:rewards_reward_changelist",
    "admin:rewards_userreward_changelist",
    "admin:rewards_studentpoints_changelist",
    "admin:rewards_referralreview_changelist",
    "admin:rewards_economyday_changelist",
    "admin:agents_agentrun_changelist",
    "admin:agents_incentiverule_changelist",
    "admin:agents_offervariant_changelist",
    "admin:agents_inviteroffer_changelist",
    "admin:agents_economypolicy_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_can_open_every_economy_screen(client_as, staff, student, name):
    give_points(student, 10)

    response = client_as(staff).get(reverse(name), {"q": "sam"})

    assert response.status_code == 200


def test_the_offer_screen_shows_what_the_bandit_believes(client_as, staff):
    response = client_as(staff).get(reverse("admin:agents_offervariant_changelist"))

    content = response.content.decode()
    assert "What the bandit believes" in content
    assert "Beta(1, 1)" in content


def test_revoking_from_the_ledger_asks_for_a_reason_then_revokes(client_as, staff, student):
    give_points(student, 100)
    entry = UserReward.objects.get(user=student)
    url = reverse("admin:rewards_userreward_changelist")
    client = client_as(staff)

    form = client.post(url, {"action": "revoke", "_selected_action": [entry.pk]})
    done = client.post(
        url,
        {"action": "revoke", "_selected_action": [entry.pk], "apply": "1", "reason": "Mistake"},
        follow=True,
    )

    assert "Revoke grants" in form.content.decode()
    assert "Revoke grants: 1 done." in done.content.decode()
    assert selectors.balance_get(user_id=student.pk) == 0


def test_a_manual_bonus_is_granted_from_the_student_balances(client_as, staff, student):
    client_as(staff).post(
        reverse("admin:rewards_studentpoints_changelist"),
        {
            "action": "grant_bonus",
            "_selected_action": [student.pk],
            "apply": "1",
            "points": "300",
            "reason": "Science fair winner",
        },
    )

    entry = UserReward.objects.get(user=student, action="manual_bonus")
    assert (entry.points, entry.reason) == (300, "Science fair winner")


def test_staff_reject_a_flagged_referral_with_a_reason(client_as, staff, student, other_student):
    review, _ = services.referral_hold_create(
        inviter=student,
        invitee=other_student,
        inviter_points=100,
        invitee_points=100,
        offer_code="x",
    )
    client_as(staff).post(
        reverse("admin:rewards_referralreview_changelist"),
        {"action": "reject", "_selected_action": [review.pk], "apply": "1", "reason": "Farm"},
    )

    review.refresh_from_db()
    assert review.status == ReferralReview.Status.REJECTED
    assert review.decision_reason == "Farm" and review.decided_by == staff


def test_ledger_rows_cannot_be_edited_or_deleted(client_as, staff, student):
    give_points(student, 10)
    entry = UserReward.objects.get(user=student)
    client = client_as(staff)

    change = client.post(reverse("admin:rewards_userreward_change", args=[entry.pk]), {})
    delete = client.post(
        reverse("admin:rewards_userreward_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert change.status_code == 403 and delete.status_code == 403
    assert UserReward.objects.filter(pk=entry.pk).exists()
