import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from waffle.testutils import override_flag

from attribution.cohorts import cohorts_rebuild

URL = "/dashboard/k-factor"


@pytest.fixture
def rebuilt(hand_built_cohort):
    cohorts_rebuild()


def test_staff_see_k_factor_funnel_and_projection_then_attribution_loads(client_as, staff, rebuilt):
    response = client_as(staff).get(URL, {"start": "2026-10-26", "end": "2026-11-22"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "K = 0.50" in content  # all loops: 3 sign-ups from 6 members over two weeks
    assert "Projected growth" in content and 'id="projection-chart"' in content
    assert 'id="trend-data"' in content
    assert '<td>Buddy Challenge</td><td class="right">6</td>' in content  # funnel invites
    assert "buddy_challenge" in content and "results_rally" in content  # attribution rows


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_students_are_forbidden(client_as, student):
    assert client_as(student).get(URL).status_code == 403


def test_with_the_flag_off_the_dashboard_is_a_404(client_as, staff):
    with override_flag("phase2_dashboard", active=False):
        assert client_as(staff).get(URL).status_code == 404


def test_an_empty_range_explains_what_to_do(client_as, staff, db):
    content = client_as(staff).get(URL).content.decode()

    assert "No cohorts in this range" in content and "rebuild_cohorts" in content


def test_bad_filters_are_a_400_with_the_reason(client_as, staff, db):
    response = client_as(staff).get(URL, {"start": "2026-11-20", "end": "2026-11-01"})

    assert response.status_code == 400
    assert "start date must be on or before" in response.content.decode()


def test_the_model_switcher_returns_only_the_attribution_table(client_as, staff, rebuilt):
    response = client_as(staff).get(
        reverse("dashboard:attribution"),
        {"start": "2026-10-26", "end": "2026-11-22", "model": "first_touch"},
        HTTP_HX_REQUEST="true",
    )

    content = response.content.decode()
    assert content.startswith('<div id="attribution-table">')
    assert "First touch" in content and "3 sign-ups" in content


def test_the_csv_export_has_a_row_per_key(client_as, staff, rebuilt):
    response = client_as(staff).get(
        reverse("dashboard:attribution_csv"),
        {"start": "2026-10-26", "end": "2026-11-22", "model": "linear"},
    )

    lines = response.content.decode().strip().splitlines()
    assert response["Content-Type"] == "text/csv"
    assert "loop,buddy_challenge,2.0000,2" in lines
    assert "loop,results_rally,1.0000,1" in lines


@pytest.fixture
def staff_api(staff):
    client = APIClient()
    client.force_authenticate(staff)
    return client


def test_the_k_factor_api_lists_cohorts_by_loop(staff_api, rebuilt):
    body = staff_api.get(
        "/api/analytics/k-factor", {"start": "2026-11-02", "end": "2026-11-02", "loop": "all"}
    ).json()

    assert [(row["week_start"], row["k_factor"]) for row in body] == [("2026-11-02", 1.0)]


def test_the_attribution_api_credits_loops(staff_api, rebuilt):
    body = staff_api.get(
        "/api/analytics/attribution",
        {"model": "position_based", "start": "2026-11-01", "end": "2026-11-30"},
    ).json()

    assert body["conversions"] == 3 and body["total_credit"] == pytest.approx(3)
    assert {row["key"]: row["credit"] for row in body["by_loop"]} == {
        "buddy_challenge": pytest.approx(2),
        "results_rally": pytest.approx(1),
    }


@pytest.mark.parametrize(
    "params",
    [
        {"model": "magic"},
        {"model": "linear", "start": "yesterday"},
        {"model": "linear", "start": "2026-11-20", "end": "2026-11-01"},
        {"model": "linear", "lookback_days": "0"},
        {},
    ],
)
def test_the_attribution_api_rejects_bad_parameters_with_a_message(staff_api, db, params):
    response = staff_api.get("/api/analytics/attribution", params)

    assert response.status_code == 400
    assert response.json()


def test_the_analytics_api_is_staff_only(client_as, student, db):
    client = APIClient()
    client.force_authenticate(student)

    assert client.get("/api/analytics/k-factor").status_code == 403


def test_staff_find_the_dashboard_in_the_navigation(client_as, staff):
    assert 'href="/dashboard/k-factor"' in client_as(staff).get("/").content.decode()


def test_students_do_not_see_the_dashboard_link(client_as, student):
    assert "/dashboard/k-factor" not in client_as(student).get("/").content.decode()
