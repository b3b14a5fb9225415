from django.urls import reverse

from attribution.models import Touchpoint
from tests.attribution.factories import TouchpointFactory

CHANGELIST = reverse("admin:attribution_touchpoint_changelist")


def test_staff_can_search_and_filter_the_touchpoint_log(client_as, staff, student):
    TouchpointFactory(
        user=student, loop=Touchpoint.Loop.BUDDY_CHALLENGE, token="findme-token", channel="email"
    )
    TouchpointFactory(user=student, loop=Touchpoint.Loop.ORGANIC, token="other-token")

    response = client_as(staff).get(CHANGELIST, {"q": "findme", "loop__exact": "buddy_challenge"})

    assert response.status_code == 200
    assert [touchpoint.token for touchpoint in response.context["cl"].result_list] == [
        "findme-token"
    ]


def test_staff_can_search_touchpoints_by_the_users_email(client_as, staff, student):
    TouchpointFactory(user=student, token="sams-token")
    TouchpointFactory(token="anonymous-token")

    response = client_as(staff).get(CHANGELIST, {"q": "sam@example.com"})

    assert [touchpoint.token for touchpoint in response.context["cl"].result_list] == ["sams-token"]


def test_staff_can_open_a_touchpoint_read_only(client_as, staff):
    touchpoint = TouchpointFactory(token="read-only-token")

    response = client_as(staff).get(
        reverse("admin:attribution_touchpoint_change", args=[touchpoint.pk])
    )

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


def test_touchpoints_cannot_be_added_in_admin(client_as, staff):
    response = client_as(staff).get(reverse("admin:attribution_touchpoint_add"))

    assert response.status_code == 403


def test_a_student_is_sent_to_the_admin_login(client_as, student):
    response = client_as(student).get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
