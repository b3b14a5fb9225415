from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from attribution.cohorts import amplification, cohorts_rebuild
from attribution.models import Cohort


def cohort(loop: str, week: date = date(2026, 11, 2)) -> Cohort:
    return Cohort.objects.get(week_start=week, loop=loop)


def test_a_loops_k_factor_is_invites_per_member_times_conversion_rate(hand_built_cohort):
    cohorts_rebuild()

    buddy = cohort("buddy_challenge")
    assert (buddy.size, buddy.invites_sent, buddy.invitees_converted) == (3, 6, 2)
    assert buddy.conversion_rate == pytest.approx(2 / 6)
    assert buddy.k_factor == pytest.approx((6 / 3) * (2 / 6))
    assert buddy.amplification == pytest.approx(1 / (1 - 2 / 3))


def test_the_overall_cohort_adds_the_loops_up(hand_built_cohort):
    cohorts_rebuild()

    overall = cohort("all")
    assert (overall.invites_sent, overall.invitees_converted, overall.inviters) == (7, 3, 3)
    assert overall.k_factor == pytest.approx(1.0)
    assert overall.amplification is None  # K ≥ 1: the loop grows without bound


def test_cycle_time_is_the_median_days_from_inviter_to_invitee_sign_up(hand_built_cohort):
    cohorts_rebuild()

    assert cohort("buddy_challenge").cycle_time_days == pytest.approx(5.0)  # median of 4, 6
    assert cohort("results_rally").cycle_time_days == pytest.approx(8.0)
    assert cohort("all").cycle_time_days == pytest.approx(6.0)  # median of 4, 6, 8


def test_invitees_form_the_next_weeks_cohort(hand_built_cohort):
    cohorts_rebuild()

    assert cohort("all", week=date(2026, 11, 2)).size == 3
    assert cohort("all", week=date(2026, 11, 9)).size == 3


def test_the_funnel_counts_opens_of_the_cohorts_invites(hand_built_cohort):
    cohorts_rebuild()

    assert cohort("buddy_challenge").links_opened == 2


def test_rebuilding_twice_gives_the_same_rows(hand_built_cohort):
    cohorts_rebuild()
    first = list(
        Cohort.objects.order_by("week_start", "loop").values_list(
            "week_start", "loop", "size", "invites_sent", "invitees_converted", "k_factor"
        )
    )

    cohorts_rebuild()

    assert (
        list(
            Cohort.objects.order_by("week_start", "loop").values_list(
                "week_start", "loop", "size", "invites_sent", "invitees_converted", "k_factor"
            )
        )
        == first
    )


def test_rebuilding_since_a_date_keeps_older_weeks(hand_built_cohort):
    cohorts_rebuild()
    Cohort.objects.filter(week_start=date(2026, 11, 2)).update(size=999)

    cohorts_rebuild(since=date(2026, 11, 9))

    assert cohort("all").size == 999


def test_amplification_needs_k_below_one():
    assert amplification(0.5) == 2.0
    assert amplification(1.0) is None
    assert amplification(None) is None


def test_the_command_reports_what_it_rebuilt(hand_built_cohort):
    out = StringIO()

    call_command("rebuild_cohorts", "--since", "2026-11-01", stdout=out)

    assert "cohort rows" in out.getvalue()
