import re

from playwright.sync_api import Page, expect

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from veltutor.learning.models import LearningSession, SkillMastery


def current_question(session: LearningSession):
    return session.items.select_related("question").filter(answered_at__isnull=True).first()


def answer(page: Page, session: LearningSession, *, correct: bool) -> None:
    item = current_question(session)
    question = item.question
    if question.kind == "multiple_choice":
        right = question.choices.index(question.correct_answer)
        choice = right if correct else (right + 1) % len(question.choices)
        page.get_by_role("button", name=question.choices[choice], exact=False).first.click()
    else:
        value = question.correct_answer if correct else str(int(question.correct_answer) + 1)
        page.get_by_label("Your answer").fill(value)
        page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback-title")).to_have_text("Correct!" if correct else "Not quite.")


def test_a_newcomer_signs_up_practises_and_sees_mastery_change(page: Page, live_server, curriculum):
    page.goto(live_server.url)
    page.get_by_role("link", name="Start practising free").click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Display name").fill("Ada")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome to Vel Tutor, Ada!")).to_be_visible()
    expect(page.get_by_text("Not started yet").first).to_be_visible()

    page.get_by_role("button", name="Practise Arithmetic").click()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))
    session = LearningSession.objects.get(user__username="ada")

    page.get_by_label("Your answer").fill("twelve and a bit")
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("alert")).to_contain_text("is not a number")

    for index in range(session.question_count):
        answer(page, session, correct=index != 1)
        if index < session.question_count - 1:
            page.get_by_role("button", name="Next question").click()
    page.get_by_role("link", name="See your results").click()

    expect(page.locator(".score-value")).to_have_text(
        f"{round(100 * (session.question_count - 1) / session.question_count)}%"
    )
    expect(page.locator(".review-item")).to_have_count(session.question_count)
    expect(page.locator("#phase2-slot")).to_be_attached()

    page.get_by_role("link", name="Back to my learning").click()
    mastery = SkillMastery.objects.get(user__username="ada", skill__slug="arithmetic")
    expect(page.get_by_text(f"{mastery.percent}% mastery")).to_be_visible()
    assert mastery.rating > 1000


def test_a_student_takes_a_diagnostic_and_gets_a_level_per_skill(
    page: Page, live_server, curriculum
):
    UserFactory(username="grace", display_name="Grace")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("button", name="Take diagnostic").click()
    session = LearningSession.objects.get(user__username="grace", kind="diagnostic")
    for index in range(session.question_count):
        answer(page, session, correct=index % 2 == 0)
        if index < session.question_count - 1:
            page.get_by_role("button", name="Next question").click()
    page.get_by_role("link", name="See your results").click()

    expect(page.get_by_role("heading", name="Your level in each skill")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Arithmetic")
    expect(rows.last).to_contain_text("Word problems")
