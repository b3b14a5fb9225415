import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rewards import services
from tests.rewards.conftest import give_points
from tests.rewards.factories import RewardFactory


@pytest.fixture
def api_as():
    def login(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return login


def test_the_balance_api_returns_balance_and_history(api_as, student):
    give_points(student, 70)

    body = api_as(student).get(reverse("api-rewards-balance")).json()

    assert body["balance"] == 70
    assert body["history"][0]["points"] == 70


def test_the_api_needs_authentication(db):
    assert APIClient().get(reverse("api-rewards-balance")).status_code == 403


def test_claiming_through_the_api(api_as, student):
    entry = services.reward_grant(
        user_id=student.pk, points=30, action="x", reason="x", idempotency_key="k"
    ).entry

    body = api_as(student).post(reverse("api-rewards-claim", args=[entry.pk])).json()

    assert body["balance"] == 30 and body["newly_claimed"] is True


def test_claiming_someone_elses_grant_is_a_404_with_a_code(api_as, student, other_student):
    entry = services.reward_grant(
        user_id=student.pk, points=30, action="x", reason="x", idempotency_key="k"
    ).entry

    response = api_as(other_student).post(reverse("api-rewards-claim", args=[entry.pk]))

    assert response.status_code == 404
    assert response.json()["code"] == "grant_not_found"


def test_redeeming_through_the_api(api_as, funded_student):
    reward = RewardFactory(cost_points=100)

    response = api_as(funded_student).post(
        reverse("api-rewards-redeem"), {"reward_code": reward.code, "idempotency_key": "r1"}
    )

    assert response.status_code == 201
    assert response.json()["balance"] == 400


def test_redeeming_an_inactive_reward_is_a_409_with_a_code(api_as, funded_student):
    reward = RewardFactory(is_active=False)

    response = api_as(funded_student).post(
        reverse("api-rewards-redeem"), {"reward_code": reward.code}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "reward_inactive"


def test_redeeming_without_a_code_is_a_400(api_as, funded_student):
    response = api_as(funded_student).post(reverse("api-rewards-redeem"), {})

    assert response.status_code == 400
    assert "reward_code" in response.json()


def test_the_quote_api_returns_points_and_reason(api_as, student):
    body = api_as(student).get(reverse("api-rewards-quote"), {"action": "complete_practice"})

    assert body.json() == {
        "action": "complete_practice",
        "points": 100,
        "reason": "Practice: 100 points",
    }


def test_the_quote_api_refuses_an_unknown_action(api_as, student):
    response = api_as(student).get(reverse("api-rewards-quote"), {"action": "teleport"})

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_action"


def test_the_quote_api_needs_an_action(api_as, student):
    assert api_as(student).get(reverse("api-rewards-quote")).status_code == 400


def test_the_openapi_schema_lists_the_rewards_endpoints(api_as, student):
    schema = api_as(student).get(reverse("api-schema"), {"format": "json"}).json()

    assert {"/api/rewards/balance", "/api/rewards/redeem", "/api/rewards/quote"} <= set(
        schema["paths"]
    )
