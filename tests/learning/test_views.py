import pytest
from django.urls import reverse

from tests.learning.conftest import answer_all, right_answer, wrong_answer
from veltutor.learning.models import LearningSession


def test_visitors_see_the_landing_page(client, subject):
    response = client.get(reverse("learning:home"))

    assert response.status_code == 200
    assert b"Start practising free" in response.content
    assert subject.name.encode() in response.content


def test_the_home_page_shows_subjects_mastery_and_recent_sessions(client_as, student, practice):
    answer_all(practice)

    response = client_as(student).get(reverse("learning:home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Mathematics" in content and "Arithmetic" in content
    assert "% mastery" in content
    assert reverse("learning:session_result", args=[practice.pk]) in content


def test_starting_practice_creates_a_session_and_opens_it(client_as, student, skill):
    response = client_as(student).post(reverse("learning:practice_start"), {"skill": skill.pk})

    session = LearningSession.objects.get(user=student)
    assert response.status_code == 302
    assert response.url == reverse("learning:session_play", args=[session.pk])


@pytest.mark.parametrize("payload", [{"skill": 999999}, {"skill": "abc"}, {}])
def test_starting_practice_on_an_unknown_skill_is_a_404(client_as, student, payload):
    response = client_as(student).post(reverse("learning:practice_start"), payload)

    assert response.status_code == 404


def test_starting_practice_needs_a_login(client, skill):
    response = client.post(reverse("learning:practice_start"), {"skill": skill.pk})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_starting_a_diagnostic_opens_it(client_as, student, skill):
    response = client_as(student).post(reverse("learning:diagnostic_start", args=["math"]))

    session = LearningSession.objects.get(user=student)
    assert session.kind == "diagnostic"
    assert response.url == reverse("learning:session_play", args=[session.pk])


def test_the_play_page_shows_the_first_question(client_as, student, practice):
    item = practice.items.get(position=1)

    response = client_as(student).get(reverse("learning:session_play", args=[practice.pk]))

    assert response.status_code == 200
    assert item.question.prompt in response.content.decode()


def test_another_students_session_is_a_404(client_as, other_student, practice):
    client = client_as(other_student)

    assert client.get(reverse("learning:session_play", args=[practice.pk])).status_code == 404
    assert client.get(reverse("learning:session_result", args=[practice.pk])).status_code == 404
    answer = client.post(
        reverse("learning:session_answer", args=[practice.pk]), {"position": 1, "response": "1"}
    )
    assert answer.status_code == 404


def test_an_htmx_answer_returns_instant_feedback(client_as, student, practice, htmx_headers):
    item = practice.items.select_related("question").get(position=1)

    response = client_as(student).post(
        reverse("learning:session_answer", args=[practice.pk]),
        {"position": 1, "response": wrong_answer(item)},
        **htmx_headers,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Not quite." in content
    assert item.question.correct_answer in content
    assert "Next question" in content


def test_a_malformed_answer_is_a_400_with_the_reason(client_as, student, practice, htmx_headers):
    response = client_as(student).post(
        reverse("learning:session_answer", args=[practice.pk]),
        {"position": 1, "response": "twelve"},
        **htmx_headers,
    )

    assert response.status_code == 400
    assert "is not a number" in response.content.decode()
    practice.refresh_from_db()
    assert practice.answered_count == 0


def test_a_missing_position_is_a_400(client_as, student, practice):
    response = client_as(student).post(
        reverse("learning:session_answer", args=[practice.pk]), {"response": "1"}
    )

    assert response.status_code == 400


def test_answering_a_finished_session_is_refused(client_as, student, practice):
    answer_all(practice)
    practice.items.filter(position=4).update(answered_at=None)

    response = client_as(student).post(
        reverse("learning:session_answer", args=[practice.pk]), {"position": 4, "response": "1"}
    )

    assert response.status_code == 409
    assert "finished" in response.content.decode()


def test_a_double_submitted_answer_is_scored_once(client_as, student, practice, htmx_headers):
    item = practice.items.select_related("question").get(position=1)
    client = client_as(student)
    url = reverse("learning:session_answer", args=[practice.pk])

    client.post(url, {"position": 1, "response": right_answer(item)}, **htmx_headers)
    second = client.post(url, {"position": 1, "response": right_answer(item)}, **htmx_headers)

    practice.refresh_from_db()
    assert second.status_code == 200
    assert "already answered" in second.content.decode()
    assert practice.answered_count == 1


def test_the_last_answer_links_to_the_result_page(client_as, student, practice, htmx_headers):
    client = client_as(student)
    items = list(practice.items.select_related("question").order_by("position"))
    for item in items[:-1]:
        client.post(
            reverse("learning:session_answer", args=[practice.pk]),
            {"position": item.position, "response": right_answer(item)},
        )

    response = client.post(
        reverse("learning:session_answer", args=[practice.pk]),
        {"position": items[-1].position, "response": right_answer(items[-1])},
        **htmx_headers,
    )

    assert reverse("learning:session_result", args=[practice.pk]) in response.content.decode()


def test_the_result_page_shows_score_review_and_the_phase2_slot(client_as, student, practice):
    answer_all(practice, correct=False)

    response = client_as(student).get(reverse("learning:session_result", args=[practice.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "0 of 4" in content
    assert content.count("review-item") == 4
    assert 'id="phase2-slot"' in content


def test_the_result_page_loads_configured_phase2_slot_urls(client_as, student, practice, settings):
    settings.LEARNING_RESULT_SLOT_URLS = ["learning:session_play"]
    answer_all(practice)

    response = client_as(student).get(reverse("learning:session_result", args=[practice.pk]))

    assert f'hx-get="{reverse("learning:session_play", args=[practice.pk])}"' in (
        response.content.decode()
    )


def test_an_unfinished_sessions_result_redirects_to_play(client_as, student, practice):
    response = client_as(student).get(reverse("learning:session_result", args=[practice.pk]))

    assert response.url == reverse("learning:session_play", args=[practice.pk])


def test_a_diagnostic_result_lists_a_level_per_skill(client_as, student, skill, second_skill):
    from veltutor.learning import services

    session = services.diagnostic_start(user=student, subject=skill.subject, per_skill=2)
    answer_all(session)

    response = client_as(student).get(reverse("learning:session_result", args=[session.pk]))

    content = response.content.decode()
    assert "Your level in each skill" in content
    assert "Arithmetic" in content and "Vocabulary" in content


def test_an_unknown_subject_is_a_404(client_as, student, db):
    assert client_as(student).get(reverse("learning:subject", args=["nope"])).status_code == 404


def test_the_subject_page_lists_its_skills(client_as, student, skill):
    response = client_as(student).get(reverse("learning:subject", args=["math"]))

    assert response.status_code == 200
    assert "Arithmetic" in response.content.decode()
