import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Max, Min

from attribution.growth_data import BOT_IPS, GrowthSummary, generate_growth_history
from attribution.models import Touchpoint
from veltutor.accounts.models import User

NOW = datetime(2025, 3, 31, 12, 0, tzinfo=UTC)
Loop, Event = Touchpoint.Loop, Touchpoint.Event
FUNNELS = {
    Loop.BUDDY_CHALLENGE: (Event.LINK_OPENED, Event.CHALLENGE_STARTED, Event.CHALLENGE_COMPLETED),
    Loop.RESULTS_RALLY: (Event.RALLY_VIEWED, Event.RALLY_JOINED, Event.RALLY_COMPLETED),
}


def generate(**options) -> GrowthSummary:
    return generate_growth_history(
        **{"users": 60, "touchpoints": 600, "seed": 7, "now": NOW} | options
    )


@pytest.fixture
def summary(db) -> GrowthSummary:
    return generate()


@pytest.fixture
def invited_signups(summary) -> list[Touchpoint]:
    return list(
        Touchpoint.objects.filter(event=Event.SIGNUP)
        .exclude(loop=Loop.ORGANIC)
        .select_related("user", "inviter")
    )


def snapshot() -> tuple[list, list]:
    users = User.objects.order_by("username").values_list("username", "display_name", "date_joined")
    touchpoints = Touchpoint.objects.order_by("inserted_at", "id").values_list(
        "visitor_id",
        "user__username",
        "loop",
        "event",
        "token",
        "inviter__username",
        "channel",
        "ip",
        "inserted_at",
    )
    return list(users), list(touchpoints)


def test_a_small_run_creates_the_requested_users_and_fills_the_touchpoint_budget(summary):
    assert (summary.users_created, summary.touchpoints_created) == (60, 600)
    assert User.objects.filter(username__startswith="gen7_").count() == 60
    assert Touchpoint.objects.count() == 600


def test_the_summary_counts_the_signups_of_each_loop_and_organic(summary):
    signups = Counter(Touchpoint.objects.filter(event=Event.SIGNUP).values_list("loop", flat=True))

    assert summary.signups_by_loop == dict(signups)
    assert set(signups) == {Loop.ORGANIC, Loop.BUDDY_CHALLENGE, Loop.RESULTS_RALLY}
    assert sum(signups.values()) == 60


def test_every_generated_user_has_exactly_one_signup_at_the_moment_they_joined(summary):
    signups = Touchpoint.objects.filter(event=Event.SIGNUP).select_related("user")

    assert sorted((t.user.username, t.inserted_at) for t in signups) == sorted(
        User.objects.filter(username__startswith="gen7_").values_list("username", "date_joined")
    )


def test_every_invited_signup_is_credited_to_the_invite_that_brought_them(invited_signups):
    invites = {
        t.token: (t.loop, t.inviter_id, t.channel)
        for t in Touchpoint.objects.filter(event=Event.INVITE_SENT)
    }

    assert invited_signups
    assert [
        t.pk for t in invited_signups if invites[t.token] != (t.loop, t.inviter_id, t.channel)
    ] == []


def test_every_invited_signup_has_its_earlier_funnel_stitched_to_the_new_user(invited_signups):
    unstitched = []
    for signup in invited_signups:
        earlier = Touchpoint.objects.filter(
            visitor_id=signup.visitor_id, inserted_at__lt=signup.inserted_at
        )
        missing = set(FUNNELS[signup.loop]) - set(earlier.values_list("event", flat=True))
        if missing or earlier.exclude(user_id=signup.user_id).exists():
            unstitched.append(signup.pk)

    assert invited_signups
    assert unstitched == []


def test_every_invitee_joined_after_their_inviter(invited_signups):
    assert [t.pk for t in invited_signups if not t.inviter.date_joined < t.user.date_joined] == []


def test_the_funnel_narrows_in_each_loop(summary):
    events = Counter(Touchpoint.objects.values_list("loop", "event"))

    for loop, (opened, started, completed) in FUNNELS.items():
        funnel = [events[loop, event] for event in (opened, started, completed, Event.SIGNUP)]
        assert funnel[0] > funnel[1] > funnel[2] >= funnel[3] > 0, (loop, funnel)


def test_first_practice_comes_zero_to_three_days_after_signup_credited_like_it(summary):
    signups = {t.user_id: t for t in Touchpoint.objects.filter(event=Event.SIGNUP)}
    practices = list(Touchpoint.objects.filter(event=Event.FIRST_PRACTICE))

    def credit(touchpoint: Touchpoint) -> tuple:
        return (touchpoint.visitor_id, touchpoint.loop, touchpoint.token, touchpoint.inviter_id)

    assert practices
    assert [t.pk for t in practices if credit(t) != credit(signups[t.user_id])] == []
    assert [
        t.pk
        for t in practices
        if not timedelta(0) < t.inserted_at - signups[t.user_id].inserted_at <= timedelta(days=3)
    ] == []


def test_the_history_lies_within_the_days_before_now(summary):
    span = Touchpoint.objects.aggregate(first=Min("inserted_at"), last=Max("inserted_at"))

    assert NOW - timedelta(days=84) <= span["first"] < span["last"] <= NOW


def test_generated_users_have_unusable_passwords_and_human_display_names(summary):
    users = User.objects.filter(username__startswith="gen7_")

    assert [u.username for u in users if u.has_usable_password()] == []
    assert [u.display_name for u in users if not re.fullmatch(r"\w+ [A-Z]\.", u.display_name)] == []


def test_noise_includes_bot_bursts_of_anonymous_opens_from_one_ip(db):
    generate(users=20, touchpoints=2000)

    bot_opens = Counter(
        Touchpoint.objects.filter(ip__in=BOT_IPS, user__isnull=True).values_list("ip", flat=True)
    )

    assert max(bot_opens.values()) >= 8


def test_a_touchpoint_budget_too_small_for_the_users_creates_fewer_users(db):
    summary = generate(users=60, touchpoints=40)

    assert summary.users_created == User.objects.count() < 60
    assert summary.touchpoints_created == Touchpoint.objects.count() <= 40


def test_the_same_seed_generates_the_same_history(db):
    with transaction.atomic():
        generate(seed=1)
        first = snapshot()
        transaction.set_rollback(True)

    generate(seed=1)

    assert first[0] and snapshot() == first


def test_running_again_with_the_same_seed_creates_nothing(summary):
    before = snapshot()

    again = generate()

    assert (again.already_generated, again.users_created, again.touchpoints_created) == (True, 0, 0)
    assert snapshot() == before


def test_the_command_prints_its_summary(db):
    output = StringIO()

    call_command(
        "generate_growth_data",
        "--users",
        "30",
        "--touchpoints",
        "300",
        "--seed",
        "3",
        stdout=output,
    )

    assert output.getvalue().startswith("Created 30 users and 300 touchpoints in ")
    assert "Signups: organic " in output.getvalue()
    assert "K-factor (invitees signed up per user): buddy_challenge " in output.getvalue()


def test_the_command_prints_json_for_machines(db):
    output = StringIO()

    call_command(
        "generate_growth_data",
        "--users",
        "30",
        "--touchpoints",
        "300",
        "--seed",
        "3",
        "--json",
        stdout=output,
    )

    printed = json.loads(output.getvalue())
    assert (printed["users_created"], printed["touchpoints_created"]) == (30, 300)


def test_the_command_says_when_the_seed_was_generated_already(db):
    call_command("generate_growth_data", "--users", "10", "--touchpoints", "100", stdout=StringIO())
    output = StringIO()

    call_command("generate_growth_data", "--users", "10", "--touchpoints", "100", stdout=output)

    assert "Users gen42_* exist already: nothing created." in output.getvalue()


def test_the_command_rejects_a_negative_user_count(db):
    with pytest.raises(CommandError, match="--users and --touchpoints must be 0 or more"):
        call_command("generate_growth_data", "--users", "-1", stdout=StringIO())
