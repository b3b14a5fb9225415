import re

from playwright.sync_api import Page, expect

from rewards.models import ReferralReview
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.e2e.test_learning_journeys import answer
from veltutor.learning.models import LearningSession


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def practise(page: Page, username: str, *, correct_answers: int) -> None:
    page.get_by_role("button", name="Practise Arithmetic").click()
    session = LearningSession.objects.filter(user__username=username).latest("started_at")
    for index in range(session.question_count):
        answer(page, session, correct=index < correct_answers)
        if index < session.question_count - 1:
            page.get_by_role("button", name="Next question").click()
    page.get_by_role("link", name="See your results").click()


def play_deck(page: Page, *, correct: bool) -> None:
    while True:
        expect(page.locator(".answer-form")).to_be_visible()
        if page.get_by_label("Your answer").count():
            prompt = page.locator(".question-prompt").inner_text()
            numbers = [int(n) for n in re.findall(r"\d+", prompt)]
            value = sum(numbers) if correct else sum(numbers) + 1
            page.get_by_label("Your answer").fill(str(value))
            page.get_by_role("button", name="Check answer").click()
        else:
            page.locator(".choice").first.click()
        expect(page.locator(".feedback")).to_be_visible()
        next_question = page.get_by_role("button", name="Next question")
        if next_question.count():
            next_question.click()
            continue
        page.get_by_role("link", name="See how you did").click()
        return


def test_a_buddy_opens_the_challenge_plays_signs_up_and_both_are_rewarded(
    page: Page, new_context, live_server, curriculum
):
    UserFactory(username="sam", display_name="Sam")
    log_in(page, live_server.url, "sam")
    practise(page, "sam", correct_answers=4)  # 50%: worth a challenge, not a rally
    page.get_by_role("button", name="Challenge a buddy").click()
    share_url = page.locator("#share-url").input_value()
    assert re.search(r"/challenge/[A-Za-z0-9_-]{32}$", share_url)

    buddy = new_context().new_page()
    buddy.goto(share_url)
    expect(buddy.get_by_role("heading", name="Sam challenged you!")).to_be_visible()
    buddy.get_by_label("Your name").fill("Zoe")
    buddy.get_by_role("button", name="Accept the challenge").click()
    play_deck(buddy, correct=True)
    expect(buddy.get_by_role("heading", name="You beat Sam!")).to_be_visible()
    buddy.get_by_role("link", name="Sign up and keep my score").click()
    buddy.get_by_label("Username").fill("zoe")
    buddy.get_by_label("Email").fill("zoe@example.com")
    buddy.get_by_label("Password").fill("a-long-unusual-passphrase")
    buddy.get_by_role("button", name="Sign up").click()
    expect(buddy.get_by_text("Welcome to Vel Tutor, zoe!")).to_be_visible()
    expect(buddy.locator(".versus-score").first).to_have_text("100%")
    buddy.goto(f"{live_server.url}/rewards/")
    expect(buddy.get_by_role("heading", name="On hold")).to_be_visible()

    page.goto(f"{live_server.url}/rewards/")
    expect(page.locator(".reward-card").first).to_contain_text("Buddy finished your challenge")
    page.goto(f"{live_server.url}/challenges/")
    expect(page.locator(".link-summary")).to_contain_text("Zoe")
    review = ReferralReview.objects.get()
    assert (review.inviter.username, review.invitee.username) == ("sam", "zoe")


def test_friends_join_a_rally_and_climb_its_leaderboard(
    page: Page, new_context, live_server, curriculum
):
    UserFactory(username="ada", display_name="Ada")
    log_in(page, live_server.url, "ada")
    practise(page, "ada", correct_answers=8)
    page.get_by_role("button", name="Start a rally").click()
    rally_url = page.locator("#share-url").input_value()

    for name, correct in (("Kim", True), ("Lou", False)):
        friend = new_context().new_page()
        friend.goto(rally_url)
        expect(friend.get_by_role("heading", name=re.compile("Ada scored 100%"))).to_be_visible()
        friend.get_by_label("Your name").fill(name)
        friend.get_by_role("button", name="Join the rally").click()
        play_deck(friend, correct=correct)
        expect(friend.locator(".leaderboard")).to_contain_text(name)

    visitor = new_context().new_page()
    visitor.goto(rally_url)
    expect(visitor.get_by_text("2 friends joined the rally")).to_be_visible()
    rows = visitor.locator(".leaderboard li")
    expect(rows.first).to_contain_text("Kim")
    expect(rows.last).to_contain_text("Lou")
