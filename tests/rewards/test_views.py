import pytest
from django.urls import reverse

from rewards import selectors, services
from tests.learning.conftest import answer_all
from tests.rewards.conftest import give_points
from tests.rewards.factories import RewardFactory


@pytest.fixture
def finished_practice(student, practice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(practice)
    return practice


def test_the_result_slot_shows_the_reward_with_a_claim_button(
    client_as, student, finished_practice
):
    response = client_as(student).get(reverse("rewards:result_slot", args=[finished_practice.pk]))

    content = response.content.decode()
    assert "+100 points" in content
    assert ">Claim<" in content


def test_the_result_slot_of_someone_elses_session_is_a_404(
    client_as, other_student, finished_practice
):
    response = client_as(other_student).get(
        reverse("rewards:result_slot", args=[finished_practice.pk])
    )

    assert response.status_code == 404


def test_claiming_with_htmx_updates_the_card_and_the_nav_balance(
    client_as, student, finished_practice, htmx_headers
):
    grant = selectors.grant_list_available_for_user(user_id=student.pk).get()

    response = client_as(student).post(reverse("rewards:claim", args=[grant.pk]), **htmx_headers)

    content = response.content.decode()
    assert "Claimed! Balance <strong>100</strong>" in content
    assert 'id="nav-points"' in content and 'hx-swap-oob="true"' in content
    assert selectors.balance_get(user_id=student.pk) == 100


def test_claiming_someone_elses_grant_is_a_404(client_as, other_student, student):
    entry = services.reward_grant(
        user_id=student.pk, points=10, action="x", reason="x", idempotency_key="k"
    ).entry

    response = client_as(other_student).post(reverse("rewards:claim", args=[entry.pk]))

    assert response.status_code == 404


def test_the_rewards_page_shows_balance_history_and_catalog(client_as, student):
    give_points(student, 120)
    RewardFactory(name="Gold star", cost_points=100)
    RewardFactory(name="Moon trip", cost_points=1000)

    response = client_as(student).get(reverse("rewards:index"))

    content = response.content.decode()
    assert '<span class="points-big">120</span>' in content
    assert "Gold star" in content and "You need 880 more points" in content
    assert "Test points" in content


def test_an_out_of_stock_reward_says_why_it_cannot_be_redeemed(client_as, funded_student):
    RewardFactory(name="Rare sticker", stock=0)

    response = client_as(funded_student).get(reverse("rewards:index"))

    assert "Out of stock" in response.content.decode()


def test_redeeming_from_the_page_spends_points(client_as, funded_student):
    reward = RewardFactory(cost_points=200)

    response = client_as(funded_student).post(
        reverse("rewards:redeem", args=[reward.code]), {"idempotency_key": "abc"}, follow=True
    )

    assert "You redeemed" in response.content.decode()
    assert selectors.balance_get(user_id=funded_student.pk) == 300


def test_redeeming_without_enough_points_explains_why(client_as, student):
    reward = RewardFactory(cost_points=200)

    response = client_as(student).post(reverse("rewards:redeem", args=[reward.code]), follow=True)

    assert "costs 200 points; you have 0" in response.content.decode()


def test_redeeming_an_unknown_reward_is_a_404(client_as, funded_student):
    response = client_as(funded_student).post(reverse("rewards:redeem", args=["nope"]))

    assert response.status_code == 404


def test_the_navigation_shows_the_balance(client_as, funded_student):
    response = client_as(funded_student).get(reverse("learning:home"))

    assert "★ 500" in response.content.decode()


def test_the_rewards_page_needs_a_login(client, db):
    response = client.get(reverse("rewards:index"))

    assert response.status_code == 302
