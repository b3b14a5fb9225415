from waffle.testutils import override_flag

from agents.models import AgentRun

URL = "/dashboard/phase2"


def test_staff_see_agent_status_activity_and_flags(client_as, staff):
    AgentRun.objects.create(
        agent="Orchestrator",
        operation="route_loop",
        outcome="error",
        latency_ms=3,
        error_type="ZeroDivisionError",
    )

    content = client_as(staff).get(URL).content.decode()

    assert "Agent Status" in content
    for agent in ("Orchestrator", "Personalization", "IncentivesEconomy"):
        assert agent in content
    assert "Loop activity, last 6 hours" in content
    assert "<code>buddy_challenge</code>" in content and "Flip in admin" in content
    assert "ZeroDivisionError" in content
    assert 'hx-trigger="every 5s"' in content


def test_htmx_refreshes_get_only_the_body(client_as, staff):
    response = client_as(staff).get(URL, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert content.lstrip().startswith('<section class="card" id="agent-status">')
    assert "<html" not in content


def test_the_phase2_dashboard_is_staff_only(client, client_as, student, db):
    assert client.get(URL).status_code == 302
    assert client_as(student).get(URL).status_code == 403


def test_with_the_flag_off_the_phase2_dashboard_is_a_404(client_as, staff):
    with override_flag("phase2_dashboard", active=False):
        assert client_as(staff).get(URL).status_code == 404
