from playwright.sync_api import Page, expect

from rewards.models import Reward
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.e2e.test_learning_journeys import answer
from veltutor.learning.models import LearningSession


def test_a_student_practises_claims_the_reward_and_redeems_it(page: Page, live_server, curriculum):
    Reward.objects.create(code="gold-star", name="Gold star", kind="badge", cost_points=60)
    Reward.objects.create(code="moon", name="Trip to the Moon", kind="badge", cost_points=9000)
    UserFactory(username="lin", display_name="Lin")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("lin")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#nav-points")).to_have_text("★ 0")

    page.get_by_role("button", name="Practise Arithmetic").click()
    session = LearningSession.objects.get(user__username="lin")
    for index in range(session.question_count):
        answer(page, session, correct=True)
        if index < session.question_count - 1:
            page.get_by_role("button", name="Next question").click()
    page.get_by_role("link", name="See your results").click()

    slot = page.locator("#phase2-slot")
    expect(slot).to_contain_text("+100 points")
    slot.get_by_role("button", name="Claim").click()
    expect(slot).to_contain_text("Claimed! Balance 100")
    expect(page.locator("#nav-points")).to_have_text("★ 100")

    page.locator("#nav-points").click()
    expect(page.get_by_role("button", name="Redeem Trip to the Moon")).to_be_disabled()
    expect(page.get_by_text("You need 8900 more points")).to_be_visible()
    page.get_by_role("button", name="Redeem Gold star").click()

    expect(page.get_by_text("You redeemed Gold star. 40 points left.")).to_be_visible()
    expect(page.locator("#nav-points")).to_have_text("★ 40")
    expect(page.locator(".ledger")).to_contain_text("Redeemed Gold star")
