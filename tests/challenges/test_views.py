import pytest
from django.core.cache import cache
from django.urls import reverse
from waffle.testutils import override_flag

from attribution.models import Touchpoint
from challenges.models import BuddyChallenge, ChallengeSession, Rally
from rewards.models import ReferralReview, UserReward
from tests.challenges.conftest import play_through

SIGNUP = {"username": "zoe", "email": "zoe@example.com", "password": "a-long-unusual-passphrase"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def landing(link) -> str:
    kind = "challenge" if isinstance(link, BuddyChallenge) else "rally"
    return reverse(f"challenges:{kind}_landing", args=[link.token])


def test_the_checklists_test_tokens_are_404_not_500(client, db):
    assert client.get("/challenge/test-token-12345").status_code == 404
    assert client.get("/rally/test-token-67890").status_code == 404


@pytest.mark.parametrize("token", ["short", "x" * 65, "bad token!", "A" * 32])
def test_malformed_or_unknown_tokens_get_a_friendly_404(client, db, token):
    response = client.get(f"/challenge/{token}")

    assert response.status_code == 404
    assert b"Back to my learning" in response.content


def test_an_expired_challenge_is_a_404(client, challenge):
    BuddyChallenge.objects.filter(pk=challenge.pk).update(status="revoked")

    assert client.get(landing(challenge)).status_code == 404


def test_a_buddy_sees_who_challenged_them_and_the_score_to_beat(client, challenge):
    response = client.get(landing(challenge))

    content = response.content.decode()
    assert "Sam challenged you!" in content
    assert "100%" in content
    assert "100 points" in content  # the offer the challenger drew


def test_opening_a_link_records_a_touchpoint_for_the_visitor(client, challenge, student):
    client.get(landing(challenge))

    touchpoint = Touchpoint.objects.get(event="link_opened")
    assert touchpoint.token == challenge.token and touchpoint.inviter == student
    assert touchpoint.visitor_id == client.cookies["vt_visitor"].value


def test_a_buddy_plays_with_htmx_and_sees_the_comparison(client, challenge):
    client.post(
        reverse("challenges:challenge_start", args=[challenge.token]), {"display_name": "Zoe"}
    )
    for position, question in enumerate(challenge.deck.questions(), start=1):
        response = client.post(
            reverse("challenges:challenge_answer", args=[challenge.token]),
            {"position": position, "response": question.correct_answer},
            HTTP_HX_REQUEST="true",
        )
        assert "Correct!" in response.content.decode()

    result = client.get(reverse("challenges:challenge_result", args=[challenge.token]))

    content = result.content.decode()
    assert "It&#x27;s a tie!" in content or "It's a tie!" in content
    assert "Sign up and keep my score" in content


def test_a_malformed_answer_is_a_400_with_the_reason(client, challenge):
    client.post(
        reverse("challenges:challenge_start", args=[challenge.token]), {"display_name": "Zoe"}
    )

    response = client.post(
        reverse("challenges:challenge_answer", args=[challenge.token]),
        {"position": 1, "response": "many"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    assert "is not a number" in response.content.decode()


def test_display_names_are_escaped_on_the_leaderboard(client, rally):
    play_through(rally, name="<script>alert(1)</script>")

    content = client.get(landing(rally)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_the_challenger_sees_their_own_link_but_cannot_play_it(client_as, student, challenge):
    client = client_as(student)

    page = client.get(landing(challenge))
    start = client.post(reverse("challenges:challenge_start", args=[challenge.token]))

    assert "your own challenge" in page.content.decode()
    assert start.status_code == 400
    assert not ChallengeSession.objects.exists()


def test_signing_up_after_playing_keeps_the_play_and_holds_referral_rewards_once(
    client, challenge, student, django_capture_on_commit_callbacks
):
    client.post(
        reverse("challenges:challenge_start", args=[challenge.token]), {"display_name": "Zoe"}
    )
    for position, question in enumerate(challenge.deck.questions(), start=1):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("challenges:challenge_answer", args=[challenge.token]),
                {"position": position, "response": question.correct_answer},
            )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), SIGNUP)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), SIGNUP)  # a double submit changes nothing

    play = ChallengeSession.objects.get()
    review = ReferralReview.objects.get()
    assert play.user.username == "zoe"
    assert (review.inviter, review.invitee.username) == (student, "zoe")
    assert review.offer_code == "invite-100"
    assert UserReward.objects.filter(action="referral_signup").count() == 2
    assert (
        UserReward.objects.filter(action="challenge_completed_by_buddy", user=student).count() == 1
    )
    assert set(Touchpoint.objects.filter(user__username="zoe").values_list("event", flat=True)) == {
        "challenge_started",
        "challenge_completed",
        "signup",
    }


def test_the_share_page_is_only_for_the_owner(client_as, student, other_student, challenge):
    url = reverse("challenges:challenge_share", args=[challenge.token])

    assert client_as(student).get(url).status_code == 200
    assert client_as(other_student).get(url).status_code == 404


def test_creating_a_challenge_from_a_result_opens_the_share_page(
    client_as, student, finished_practice
):
    response = client_as(student).post(
        reverse("challenges:challenge_create"), {"session": finished_practice.pk}
    )

    challenge = BuddyChallenge.objects.get()
    assert response.url == reverse("challenges:challenge_share", args=[challenge.token])
    assert Touchpoint.objects.filter(event="invite_sent", token=challenge.token).exists()
    assert UserReward.objects.filter(action="challenge_sent", user=student).count() == 1


def test_creating_from_someone_elses_session_is_refused(
    client_as, other_student, finished_practice
):
    response = client_as(other_student).post(
        reverse("challenges:challenge_create"), {"session": finished_practice.pk}
    )

    assert response.status_code == 400
    assert not BuddyChallenge.objects.exists()


def test_the_result_page_prompts_a_rally_for_a_strong_score(client_as, student, finished_practice):
    response = client_as(student).get(
        reverse("challenges:result_prompt", args=[finished_practice.pk])
    )

    assert "Start a rally" in response.content.decode()


def test_with_the_rally_flag_off_a_strong_score_prompts_a_challenge(
    client_as, student, finished_practice
):
    with override_flag("results_rally", active=False):
        response = client_as(student).get(
            reverse("challenges:result_prompt", args=[finished_practice.pk])
        )

    assert "Challenge a buddy" in response.content.decode()


def test_with_both_flags_off_the_prompt_vanishes(client_as, student, finished_practice):
    with (
        override_flag("results_rally", active=False),
        override_flag("buddy_challenge", active=False),
    ):
        response = client_as(student).get(
            reverse("challenges:result_prompt", args=[finished_practice.pk])
        )

    assert response.content == b""


def test_with_the_flag_off_the_loops_pages_are_404(client, challenge, rally):
    with override_flag("buddy_challenge", active=False):
        assert client.get(landing(challenge)).status_code == 404
    with override_flag("results_rally", active=False):
        assert client.get(landing(rally)).status_code == 404


def test_token_pages_are_rate_limited_per_ip(client, challenge, settings):
    settings.LOOP_TOKEN_RATE = "3/m"

    statuses = [client.get(landing(challenge)).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]


def test_my_challenges_lists_each_buddys_result(client_as, student, challenge):
    play_through(challenge, name="Zoe")

    response = client_as(student).get(reverse("challenges:mine"))

    assert "Zoe" in response.content.decode() and "100%" in response.content.decode()


def test_a_rally_joiner_appears_on_the_leaderboard(client, rally):
    play_through(rally, name="Kim", correct=False)

    content = client.get(landing(rally)).content.decode()

    assert "1 friend joined the rally" in content
    assert "Kim" in content
    assert Rally.objects.get().plays_count == 1
