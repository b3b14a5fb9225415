from playwright.sync_api import Page, expect

from agents.models import AgentRun
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory


def test_staff_watch_agent_status_refresh_without_reloading(page: Page, live_server, loop_flags):
    UserFactory(username="ops", is_staff=True)
    page.goto(f"{live_server.url}/accounts/login/?next=/dashboard/phase2")
    page.get_by_label("Username").fill("ops")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    status = page.locator("#agent-status")
    expect(status.get_by_role("heading", name="Agent Status")).to_be_visible()
    for agent in ("Orchestrator", "Personalization", "IncentivesEconomy"):
        expect(status.locator("tr", has_text=agent)).to_contain_text("Running")
    page.evaluate("window.notReloaded = true")

    AgentRun.objects.bulk_create(
        AgentRun(
            agent="IncentivesEconomy",
            operation="grant",
            outcome="error",
            latency_ms=5,
            error_type="OperationalError",
        )
        for _ in range(4)
    )

    expect(status.locator("tr", has_text="IncentivesEconomy")).to_contain_text(
        "Down", timeout=12_000
    )
    assert page.evaluate("window.notReloaded") is True
