from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from attribution.cohorts import cohorts_rebuild
from attribution.models import Touchpoint
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory


def test_staff_switch_the_attribution_model_and_the_table_changes(
    page: Page, live_server, loop_flags
):
    now = timezone.now()
    ada = UserFactory(username="ada", date_joined=now - timedelta(days=10))
    ben = UserFactory(username="ben", date_joined=now - timedelta(days=9))
    zoe = UserFactory(username="zoe", date_joined=now - timedelta(days=1))
    for loop, event, inviter, days in (
        ("results_rally", "rally_viewed", ada, 3),
        ("buddy_challenge", "link_opened", ben, 2),
        ("buddy_challenge", "signup", ben, 1),
    ):
        Touchpoint.objects.create(
            visitor_id="zoe",
            user=zoe,
            inviter=inviter,
            loop=loop,
            event=event,
            inserted_at=now - timedelta(days=days),
        )
    cohorts_rebuild()
    UserFactory(username="ops", is_staff=True)
    page.goto(f"{live_server.url}/accounts/login/?next=/dashboard/k-factor")
    page.get_by_label("Username").fill("ops")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    table = page.locator("#attribution-table")
    expect(table).to_contain_text("Linear")
    expect(table.locator("tr", has_text="results_rally")).to_contain_text("0.50")

    page.get_by_role("button", name="First touch").click()
    expect(table).to_contain_text("First touch")
    expect(table.locator("tr", has_text="results_rally")).to_contain_text("1.00")
    expect(table.locator("tr", has_text="buddy_challenge")).to_have_count(0)

    page.get_by_role("button", name="Last touch").click()
    expect(table).to_contain_text("Last touch")
    expect(table.locator("tr", has_text="buddy_challenge")).to_contain_text("1.00")
    expect(table.locator("tr", has_text="results_rally")).to_have_count(0)
