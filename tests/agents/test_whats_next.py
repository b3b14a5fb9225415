from django.urls import reverse
from rest_framework.test import APIClient

from tests.learning.conftest import answer_all


def test_the_home_page_loads_the_whats_next_card(client_as, student, skill):
    home = client_as(student).get(reverse("learning:home")).content.decode()
    card = client_as(student).get(reverse("agents:home_next")).content.decode()

    assert f'hx-get="{reverse("agents:home_next")}"' in home
    assert "What&#x27;s next in Mathematics" in card or "What's next in Mathematics" in card
    assert "Arithmetic" in card and 'name="skill"' in card


def test_the_result_page_loads_the_whats_next_card(client_as, student, practice):
    answer_all(practice)

    card = client_as(student).get(reverse("agents:result_next", args=[practice.pk]))

    assert card.status_code == 200 and "Go</button>" in card.content.decode()


def test_someone_elses_result_has_no_card(client_as, other_student, practice):
    response = client_as(other_student).get(reverse("agents:result_next", args=[practice.pk]))

    assert response.status_code == 404


def test_the_recommendations_api_lists_ranked_items_with_reasons(student, skill):
    client = APIClient()
    client.force_authenticate(student)

    body = client.get(reverse("api-recommendations"), {"subject": "math"}).json()

    assert body and body[0]["skill"] == "arithmetic" and body[0]["reason"]


def test_an_unknown_subject_is_a_404_with_a_code(student, db):
    client = APIClient()
    client.force_authenticate(student)

    response = client.get(reverse("api-recommendations"), {"subject": "alchemy"})

    assert response.status_code == 404
    assert response.json()["code"] == "unknown_subject"


def test_the_recommendations_api_needs_a_subject_and_a_login(student, db):
    client = APIClient()
    assert client.get(reverse("api-recommendations"), {"subject": "math"}).status_code == 403
    client.force_authenticate(student)
    assert client.get(reverse("api-recommendations")).status_code == 400
