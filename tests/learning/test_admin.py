import pytest
from django.urls import reverse

from tests.learning.conftest import answer_all
from veltutor.learning.models import Question

CHANGELISTS = [
    "admin:learning_subject_changelist",
    "admin:learning_skill_changelist",
    "admin:learning_question_changelist",
    "admin:learning_learningsession_changelist",
    "admin:learning_skillmastery_changelist",
    "admin:accounts_user_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_can_browse_and_search_every_phase1_model(client_as, staff, practice, name):
    answer_all(practice)
    client = client_as(staff)

    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name), {"q": "sam"}).status_code == 200


def test_staff_can_look_up_a_students_sessions(client_as, staff, student, practice):
    response = client_as(staff).get(
        reverse("admin:learning_learningsession_changelist"), {"q": student.username}
    )

    assert f"Practice #{practice.pk}" in response.content.decode() or str(practice.pk) in (
        response.content.decode()
    )
    assert response.context["cl"].result_count == 1


def test_staff_can_filter_questions_by_skill_and_open_one(client_as, staff, skill):
    client = client_as(staff)
    question = skill.questions.first()

    listing = client.get(
        reverse("admin:learning_question_changelist"), {"skill__id__exact": skill.pk}
    )
    detail = client.get(reverse("admin:learning_question_change", args=[question.pk]))

    assert listing.context["cl"].result_count == 10
    assert detail.status_code == 200


def test_the_deactivate_action_hides_questions(client_as, staff, skill):
    ids = list(skill.questions.values_list("pk", flat=True)[:3])

    client_as(staff).post(
        reverse("admin:learning_question_changelist"),
        {"action": "deactivate", "_selected_action": ids},
    )

    assert Question.objects.filter(pk__in=ids, is_active=False).count() == 3


def test_students_cannot_open_admin(client_as, student):
    response = client_as(student).get(reverse("admin:learning_question_changelist"))

    assert response.status_code == 302
