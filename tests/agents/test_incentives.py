import random
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from agents.exceptions import UnknownAction, UnknownUser
from agents.incentives import IncentivesEconomy
from agents.models import AgentRun, EconomyPolicy, IncentiveRule, InviterOffer, OfferVariant
from rewards.models import ReferralReview, UserReward
from tests.accounts.factories import UserFactory
from tests.learning.conftest import answer_all
from veltutor.learning import services as learning_services


@pytest.fixture
def agent():
    return IncentivesEconomy(rng=random.Random(7))


def test_complete_practice_earns_100_points_by_default(agent, student):
    quote = agent.calculate_reward(action="complete_practice", user_id=student.pk)

    assert quote.points == 100
    assert "Practice" in quote.reason


def test_calculating_a_reward_writes_no_ledger_row(agent, student):
    agent.calculate_reward(action="complete_practice", user_id=student.pk)

    assert not UserReward.objects.exists()


def test_an_unknown_action_is_refused(agent, student):
    with pytest.raises(UnknownAction, match="bake_cookies"):
        agent.calculate_reward(action="bake_cookies", user_id=student.pk)


def test_an_unknown_user_is_refused(agent, db):
    with pytest.raises(UnknownUser):
        agent.calculate_reward(action="complete_practice", user_id=987654)


def test_grants_past_the_daily_cap_earn_nothing(agent, student):
    IncentiveRule.objects.filter(action="complete_practice").update(
        daily_cap=2, diminish_after=None
    )
    for event in range(2):
        agent.grant(action="complete_practice", user_id=student.pk, event_key=str(event))

    outcome = agent.grant(action="complete_practice", user_id=student.pk, event_key="3")

    assert outcome.entry is None and outcome.quote.points == 0
    assert "Daily limit of 2" in outcome.quote.reason


def test_returns_diminish_after_n_grants_a_day(agent, student):
    IncentiveRule.objects.filter(action="complete_practice").update(
        daily_cap=None, diminish_after=2, diminish_factor="0.5"
    )
    points = [
        agent.grant(action="complete_practice", user_id=student.pk, event_key=str(i)).entry.points
        for i in range(4)
    ]

    assert points == [100, 100, 50, 25]


def test_the_first_time_bonus_is_paid_once(agent, student):
    IncentiveRule.objects.filter(action="complete_practice").update(first_time_bonus=40)

    first = agent.grant(action="complete_practice", user_id=student.pk, event_key="1")
    second = agent.grant(action="complete_practice", user_id=student.pk, event_key="2")

    assert (first.entry.points, second.entry.points) == (140, 100)


def test_a_practice_streak_multiplies_the_reward(agent, student, skill):
    IncentiveRule.objects.filter(action="complete_practice").update(
        streak_bonus_per_day="0.1", streak_max_days=7
    )
    now = timezone.now()
    for days_ago in (2, 1, 0):
        with time_machine.travel(now - timedelta(days=days_ago), tick=False):
            answer_all(
                learning_services.practice_start(user=student, skill=skill, question_count=1)
            )

    quote = agent.calculate_reward(action="complete_practice", user_id=student.pk)

    assert quote.points == 120
    assert "3-day streak" in quote.reason


def test_the_daily_economy_budget_stops_grants(agent, student):
    EconomyPolicy.objects.filter(pk=1).update(daily_points_budget=150)
    agent.grant(action="complete_practice", user_id=student.pk, event_key="1")

    outcome = agent.grant(action="complete_practice", user_id=student.pk, event_key="2")

    assert outcome.entry is None
    assert "budget" in outcome.quote.reason


def test_a_grant_for_the_same_event_pays_once(agent, student):
    first = agent.grant(action="complete_practice", user_id=student.pk, event_key="session:1")
    again = agent.grant(action="complete_practice", user_id=student.pk, event_key="session:1")

    assert again.entry.pk == first.entry.pk and again.created is False


def test_finishing_a_practice_grants_its_reward(
    student, practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(practice)

    entry = UserReward.objects.get(user=student)
    assert entry.idempotency_key == f"complete_practice:session:{practice.pk}"
    assert entry.points == 100 and entry.status == "available"


def test_the_bandit_learns_to_prefer_the_offer_that_converts(agent, db):
    OfferVariant.objects.update(is_active=False)
    weak = OfferVariant.objects.create(
        code="weak", name="Weak", inviter_points=50, invitee_points=50, invites=200, conversions=10
    )
    strong = OfferVariant.objects.create(
        code="strong",
        name="Strong",
        inviter_points=200,
        invitee_points=200,
        invites=200,
        conversions=60,
    )

    picks = [agent.offer_for_inviter(user_id=UserFactory().pk).code for _ in range(40)]

    assert picks.count(strong.code) >= 36
    assert picks.count(weak.code) <= 4


def test_the_bandit_recovers_the_best_offer_from_simulated_conversions(db):
    OfferVariant.objects.update(is_active=False)
    true_rates = {"low": 0.05, "mid": 0.10, "high": 0.25}
    for code in true_rates:
        OfferVariant.objects.create(code=code, name=code, inviter_points=1, invitee_points=1)
    world = random.Random(3)
    agent = IncentivesEconomy(rng=random.Random(4))
    for _ in range(600):
        inviter = UserFactory()
        variant = agent.record_invite_sent(inviter_id=inviter.pk)
        if world.random() < true_rates[variant.code]:
            agent.record_conversion(variant_code=variant.code)

    invites = dict(OfferVariant.objects.filter(code__in=true_rates).values_list("code", "invites"))
    assert max(invites, key=invites.get) == "high"
    assert invites["high"] > 300


def test_an_inviter_keeps_the_offer_first_drawn(agent, student):
    first = agent.offer_for_inviter(user_id=student.pk)
    OfferVariant.objects.filter(pk=first.pk).update(conversions=0, invites=10_000)

    assert all(agent.offer_for_inviter(user_id=student.pk) == first for _ in range(10))
    assert InviterOffer.objects.filter(inviter=student).count() == 1


def test_a_referral_signup_holds_rewards_at_the_inviters_offer_and_counts_a_conversion(
    agent, student, other_student
):
    variant = agent.offer_for_inviter(user_id=student.pk)

    review = agent.referral_signup(inviter_id=student.pk, invitee_id=other_student.pk)

    variant.refresh_from_db()
    assert review.inviter_grant.points == variant.inviter_points
    assert review.invitee_grant.points == variant.invitee_points
    assert review.inviter_grant.status == "pending"
    assert variant.conversions == 1


def test_a_clean_referral_posts_after_the_invitees_first_practice(
    agent, student, skill, django_capture_on_commit_callbacks
):
    invitee = UserFactory(date_joined=timezone.now() - timedelta(days=1))
    agent.referral_signup(
        inviter_id=student.pk, invitee_id=invitee.pk, invitee_ip="10.0.0.2", inviter_ip="10.0.0.1"
    )

    with django_capture_on_commit_callbacks(execute=True):
        answer_all(learning_services.practice_start(user=invitee, skill=skill, question_count=3))

    review = ReferralReview.objects.get(invitee=invitee)
    assert review.status == ReferralReview.Status.RELEASED
    assert UserReward.objects.get(pk=review.inviter_grant_id).status == "available"


def test_a_suspicious_referral_waits_for_review(
    agent, student, skill, django_capture_on_commit_callbacks
):
    invitee = UserFactory()
    agent.referral_signup(
        inviter_id=student.pk,
        invitee_id=invitee.pk,
        inviter_ip="10.0.0.1",
        invitee_ip="10.0.0.1",
        inviter_visitor_id="v-123",
        invitee_visitor_id="v-123",
    )

    with django_capture_on_commit_callbacks(execute=True):
        answer_all(learning_services.practice_start(user=invitee, skill=skill, question_count=3))

    review = ReferralReview.objects.get(invitee=invitee)
    assert review.status == ReferralReview.Status.FLAGGED
    assert {signal["code"] for signal in review.fraud_signals} >= {"same_ip", "same_visitor"}
    assert UserReward.objects.get(pk=review.invitee_grant_id).status == "pending"


def test_every_agent_call_is_recorded_with_its_outcome(agent, student):
    agent.calculate_reward(action="complete_practice", user_id=student.pk)
    with pytest.raises(UnknownAction):
        agent.calculate_reward(action="nope", user_id=student.pk)

    runs = list(AgentRun.objects.order_by("id").values_list("agent", "operation", "outcome"))
    assert runs == [
        ("IncentivesEconomy", "calculate_reward", "ok"),
        ("IncentivesEconomy", "calculate_reward", "refused"),
    ]


def test_a_past_event_is_capped_and_dated_on_its_own_day(agent, student):
    IncentiveRule.objects.filter(action="complete_practice").update(
        daily_cap=1, diminish_after=None
    )
    last_week = timezone.now() - timedelta(days=7)
    agent.grant(
        action="complete_practice", user_id=student.pk, event_key="old", occurred_at=last_week
    )

    today = agent.grant(action="complete_practice", user_id=student.pk, event_key="new")

    assert today.entry.points == 100
    assert UserReward.objects.get(idempotency_key="complete_practice:old").inserted_at == last_week
