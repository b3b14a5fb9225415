import csv
import io
import math
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from attribution.analytics import (
    MODELS,
    CreditRow,
    attribution_report,
    credit_weights,
    report_csv_rows,
)
from attribution.models import Touchpoint
from tests.accounts.factories import UserFactory
from tests.attribution.factories import TouchpointFactory

Loop = Touchpoint.Loop
Event = Touchpoint.Event

CONVERTED_AT = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)
HALF_LIFE = 7.0


def _days_before(*days: float) -> list[datetime]:
    return [CONVERTED_AT - timedelta(days=day) for day in days]


ONE = _days_before(3)
TWO = _days_before(10, 2)
FIVE = _days_before(20, 14, 7, 3, 0.5)


def _weights(model: str, touch_times: list[datetime]) -> list[float]:
    return credit_weights(
        model=model, touch_times=touch_times, converted_at=CONVERTED_AT, half_life_days=HALF_LIFE
    )


# --- credit_weights: hand-worked examples ------------------------------------------------


@pytest.mark.parametrize(
    ("model", "touch_times", "expected"),
    [
        ("first_touch", ONE, [1.0]),
        ("first_touch", TWO, [1.0, 0.0]),
        ("first_touch", FIVE, [1.0, 0.0, 0.0, 0.0, 0.0]),
        ("last_touch", ONE, [1.0]),
        ("last_touch", TWO, [0.0, 1.0]),
        ("last_touch", FIVE, [0.0, 0.0, 0.0, 0.0, 1.0]),
        ("linear", ONE, [1.0]),
        ("linear", TWO, [0.5, 0.5]),
        ("linear", FIVE, [0.2, 0.2, 0.2, 0.2, 0.2]),
        ("position_based", ONE, [1.0]),
        ("position_based", TWO, [0.5, 0.5]),
        ("position_based", FIVE, [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]),
        ("time_decay", ONE, [1.0]),
    ],
)
def test_credit_weights_match_the_hand_worked_example(model, touch_times, expected):
    assert _weights(model, touch_times) == pytest.approx(expected, abs=1e-12)


def test_position_based_gives_the_middle_of_five_touchpoints_a_fifteenth_each():
    assert _weights("position_based", FIVE) == pytest.approx(
        [0.4, 0.0667, 0.0667, 0.0667, 0.4], abs=5e-5
    )


def test_time_decay_halves_the_weight_every_half_life_before_normalising():
    # Δt = 14, 7 and 0 days with a 7-day half-life: raw 0.25, 0.5 and 1, total 1.75.
    weights = _weights("time_decay", _days_before(14, 7, 0))

    assert weights == pytest.approx([0.25 / 1.75, 0.5 / 1.75, 1 / 1.75], abs=1e-12)


def test_time_decay_weights_two_touchpoints_by_two_to_the_minus_age_over_half_life():
    # Δt = 10 and 2 days: raw 2^(-10/7) and 2^(-2/7), normalised.
    raw = [2 ** (-10 / 7), 2 ** (-2 / 7)]

    assert _weights("time_decay", TWO) == pytest.approx(
        [raw[0] / sum(raw), raw[1] / sum(raw)], abs=1e-12
    )


def test_time_decay_weights_five_touchpoints_by_two_to_the_minus_age_over_half_life():
    raw = [2 ** (-age / 7) for age in (20, 14, 7, 3, 0.5)]

    assert _weights("time_decay", FIVE) == pytest.approx(
        [weight / sum(raw) for weight in raw], abs=1e-12
    )


def test_time_decay_survives_a_long_window_with_a_tiny_half_life():
    # Raw 2^(-365000) and 2^(-364000) both underflow to 0.0; their ratio is 2^(-1000).
    weights = credit_weights(
        model="time_decay",
        touch_times=_days_before(365, 364),
        converted_at=CONVERTED_AT,
        half_life_days=0.001,
    )

    assert weights == pytest.approx([2**-1000, 1.0], rel=1e-9)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("touch_times", [ONE, TWO, FIVE, _days_before(29, 28, 27, 1)])
def test_credit_weights_sum_to_one_under_every_model(model, touch_times):
    assert math.fsum(_weights(model, touch_times)) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("model", MODELS)
def test_credit_weights_are_empty_without_touchpoints(model):
    assert _weights(model, []) == []


def test_credit_weights_reject_an_unknown_model():
    with pytest.raises(ValueError, match="Unknown attribution model"):
        _weights("u_shaped", TWO)


def test_credit_weights_reject_touch_times_out_of_order():
    with pytest.raises(ValueError, match="sorted oldest first"):
        _weights("first_touch", list(reversed(TWO)))


# --- attribution_report -------------------------------------------------------------------

MARCH = {"start": date(2025, 3, 1), "end": date(2025, 3, 31)}


def _at(day: int, month: int = 3, hour: int = 12) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def history(db):
    """Two attributed March signups, one organic one, and one in April.

    cleo (signup 20 Mar): ada's buddy link 1 Mar (link) and ben's rally 10 Mar (share) count;
    ada's link 10 Feb (38 days before), an organic visit 15 Mar and ben's rally join after
    the signup (25 Mar) do not. dan (signup 22 Mar): ada's challenge 21 Mar, no channel.
    fay (signup 5 Mar): nothing. erin (signup 2 Apr, outside March): ben's rally 1 Apr.
    """
    ada, ben = UserFactory(username="ada"), UserFactory(username="ben")
    cleo, dan = UserFactory(username="cleo"), UserFactory(username="dan")
    fay, erin = UserFactory(username="fay"), UserFactory(username="erin")

    def touch(user, when, event, loop=Loop.ORGANIC, inviter=None, channel=""):
        TouchpointFactory(
            user=user, inserted_at=when, event=event, loop=loop, inviter=inviter, channel=channel
        )

    touch(cleo, _at(10, month=2), Event.LINK_OPENED, Loop.BUDDY_CHALLENGE, ada, "link")
    touch(cleo, _at(1), Event.LINK_OPENED, Loop.BUDDY_CHALLENGE, ada, "link")
    touch(cleo, _at(10), Event.RALLY_VIEWED, Loop.RESULTS_RALLY, ben, "share")
    touch(cleo, _at(15), Event.LINK_OPENED)
    touch(cleo, _at(20), Event.SIGNUP, Loop.RESULTS_RALLY, ben, "share")
    touch(cleo, _at(25), Event.RALLY_JOINED, Loop.RESULTS_RALLY, ben, "share")
    touch(dan, _at(21), Event.CHALLENGE_COMPLETED, Loop.BUDDY_CHALLENGE, ada)
    touch(dan, _at(22), Event.SIGNUP, Loop.BUDDY_CHALLENGE, ada)
    touch(fay, _at(5), Event.SIGNUP)
    touch(erin, _at(1, month=4), Event.RALLY_VIEWED, Loop.RESULTS_RALLY, ben, "share")
    touch(erin, _at(2, month=4), Event.SIGNUP, Loop.RESULTS_RALLY, ben, "share")


def test_report_counts_conversions_in_range_and_those_with_touchpoints(history):
    report = attribution_report(model="linear", **MARCH)

    assert (report.conversions, report.attributed) == (3, 2)


def test_first_touch_credits_the_earliest_touchpoint_inside_the_window(history):
    report = attribution_report(model="first_touch", **MARCH)

    assert report.by_loop == [CreditRow("loop", "buddy_challenge", 2.0, 2)]
    assert report.by_inviter == [CreditRow("inviter", "ada", 2.0, 2)]
    assert report.by_channel == [
        CreditRow("channel", "link", 1.0, 1),
        CreditRow("channel", "—", 1.0, 1),
    ]


def test_linear_splits_each_signup_evenly_across_its_touchpoints(history):
    report = attribution_report(model="linear", **MARCH)

    assert report.by_loop == [
        CreditRow("loop", "buddy_challenge", 1.5, 2),
        CreditRow("loop", "results_rally", 0.5, 1),
    ]
    assert report.by_inviter == [
        CreditRow("inviter", "ada", 1.5, 2),
        CreditRow("inviter", "ben", 0.5, 1),
    ]
    assert report.by_channel == [
        CreditRow("channel", "—", 1.0, 1),
        CreditRow("channel", "link", 0.5, 1),
        CreditRow("channel", "share", 0.5, 1),
    ]


@pytest.mark.parametrize("model", MODELS)
def test_total_credit_equals_the_attributed_conversions_under_every_model(history, model):
    report = attribution_report(model=model, **MARCH)

    assert report.total_credit == pytest.approx(report.attributed, abs=1e-12)


@pytest.mark.parametrize("model", MODELS)
def test_every_dimension_hands_out_the_total_credit(history, model):
    report = attribution_report(model=model, **MARCH)

    assert [
        math.fsum(row.credit for row in rows)
        for rows in (report.by_loop, report.by_inviter, report.by_channel)
    ] == pytest.approx([2.0, 2.0, 2.0], abs=1e-12)


def test_the_date_range_filters_conversions_by_their_day(history):
    report = attribution_report(model="linear", start=date(2025, 3, 20), end=date(2025, 3, 21))

    assert (report.conversions, report.attributed, report.by_inviter) == (
        1,
        1,
        [CreditRow("inviter", "ada", 0.5, 1), CreditRow("inviter", "ben", 0.5, 1)],
    )


def test_a_shorter_lookback_drops_the_older_touchpoints(history):
    report = attribution_report(model="linear", lookback_days=15, **MARCH)

    assert report.by_loop == [
        CreditRow("loop", "buddy_challenge", 1.0, 1),
        CreditRow("loop", "results_rally", 1.0, 1),
    ]


def test_a_report_without_conversions_is_empty(history):
    report = attribution_report(model="linear", start=date(2025, 1, 1), end=date(2025, 1, 31))

    assert (report.conversions, report.attributed, report.total_credit, report.by_loop) == (
        0,
        0,
        0.0,
        [],
    )


def test_the_report_runs_in_two_queries(history, django_assert_num_queries):
    with django_assert_num_queries(2):
        attribution_report(model="time_decay", **MARCH)


def test_the_window_includes_its_first_instant_and_excludes_the_conversion_instant(db):
    user, inviter = UserFactory(username="gus"), UserFactory(username="hal")
    TouchpointFactory(
        user=user,
        inserted_at=_at(20) - timedelta(days=30),
        event=Event.LINK_OPENED,
        loop=Loop.BUDDY_CHALLENGE,
        inviter=inviter,
    )
    TouchpointFactory(
        user=user, inserted_at=_at(20), event=Event.RALLY_VIEWED, loop=Loop.RESULTS_RALLY
    )
    TouchpointFactory(user=user, inserted_at=_at(20), event=Event.SIGNUP)

    report = attribution_report(model="last_touch", **MARCH)

    assert report.by_loop == [CreditRow("loop", "buddy_challenge", 1.0, 1)]


def test_first_practice_conversions_are_credited_to_touchpoints_before_them(db):
    user, inviter = UserFactory(username="ivy"), UserFactory(username="jo")
    TouchpointFactory(
        user=user,
        inserted_at=_at(3),
        event=Event.RALLY_JOINED,
        loop=Loop.RESULTS_RALLY,
        inviter=inviter,
        channel="copy",
    )
    TouchpointFactory(user=user, inserted_at=_at(4), event=Event.SIGNUP, loop=Loop.RESULTS_RALLY)
    TouchpointFactory(
        user=user, inserted_at=_at(6), event=Event.FIRST_PRACTICE, loop=Loop.RESULTS_RALLY
    )

    report = attribution_report(model="position_based", kind="first_practice", **MARCH)

    assert (report.conversions, report.by_channel) == (1, [CreditRow("channel", "copy", 1.0, 1)])


def test_the_database_refuses_a_second_signup_for_one_user(db):
    user = UserFactory(username="kit")
    TouchpointFactory(user=user, inserted_at=_at(3), event=Event.SIGNUP)

    with pytest.raises(IntegrityError), transaction.atomic():
        TouchpointFactory(user=user, inserted_at=_at(5), event=Event.SIGNUP)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"model": "u_shaped"}, "Unknown attribution model"),
        ({"kind": "purchase"}, "Unknown conversion kind"),
        ({"start": date(2025, 4, 1), "end": date(2025, 3, 1)}, "start must be on or before end"),
        ({"lookback_days": 0}, "lookback_days must be between 1 and 365"),
        ({"lookback_days": 366}, "lookback_days must be between 1 and 365"),
        ({"half_life_days": 0}, "half_life_days must be greater than 0"),
        ({"half_life_days": -1.0}, "half_life_days must be greater than 0"),
        ({"half_life_days": 365.5}, "half_life_days must be greater than 0 and at most 365"),
        ({"half_life_days": float("nan")}, "half_life_days must be greater than 0"),
    ],
)
def test_the_report_rejects_bad_input_before_querying(
    kwargs, message, db, django_assert_num_queries
):
    arguments = {"model": "linear", **MARCH, **kwargs}

    with django_assert_num_queries(0), pytest.raises(ValueError, match=message):
        attribution_report(**arguments)


def test_the_csv_rows_list_loops_inviters_and_channels_with_four_decimals(history):
    report = attribution_report(model="linear", **MARCH)

    assert list(report_csv_rows(report)) == [
        ["dimension", "key", "credit", "conversions"],
        ["loop", "buddy_challenge", "1.5000", "2"],
        ["loop", "results_rally", "0.5000", "1"],
        ["inviter", "ada", "1.5000", "2"],
        ["inviter", "ben", "0.5000", "1"],
        ["channel", "—", "1.0000", "1"],
        ["channel", "link", "0.5000", "1"],
        ["channel", "share", "0.5000", "1"],
    ]


def test_the_csv_rows_write_through_the_csv_module(history):
    report = attribution_report(model="first_touch", **MARCH)
    buffer = io.StringIO()

    csv.writer(buffer).writerows(report_csv_rows(report))

    assert buffer.getvalue().splitlines()[:2] == [
        "dimension,key,credit,conversions",
        "loop,buddy_challenge,2.0000,2",
    ]
