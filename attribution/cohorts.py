"""Rebuilding the `cohorts` rollup in a few set-based queries (no loops over touchpoints)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from attribution.aggregates import DaysBetween, Median
from attribution.models import Cohort, Touchpoint
from veltutor.accounts.models import User

INVITE_LOOPS = ("buddy_challenge", "results_rally")
OPENED_EVENTS = ("link_opened", "rally_viewed")
COMPLETED_EVENTS = ("challenge_completed", "rally_completed")
REBUILD_LOCK_KEY = 7_305_202  # pg advisory lock: one rebuild at a time across app nodes


class RebuildAlreadyRunning(Exception):
    pass


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _since_datetime(since: date) -> datetime:
    return timezone.make_aware(datetime.combine(week_start(since), time.min))


def _by_week(rows, key: str) -> dict:
    weekly: dict = {}
    for row in rows:
        week = week_start(row.pop(key))
        bucket = weekly.setdefault((week, row.pop("loop", Cohort.ALL)), {})
        for name, value in row.items():
            bucket[name] = bucket.get(name, 0) + (value or 0)
    return weekly


@dataclass(frozen=True)
class RebuildResult:
    weeks: int
    rows: int
    seconds: float


def k_factor(*, size: int, invitees_converted: int) -> float | None:
    """Invites per user × conversion rate, which is converted invitees per cohort member."""
    return invitees_converted / size if size else None


def amplification(k: float | None) -> float | None:
    """Total users per seed user, 1 / (1 − K), when the loop does not explode (K < 1)."""
    return 1 / (1 - k) if k is not None and k < 1 else None


@transaction.atomic
def cohorts_rebuild(*, since: date | None = None) -> RebuildResult:
    """Recompute every cohort from `since`'s week on (all weeks without it); idempotent."""
    started = timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [REBUILD_LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise RebuildAlreadyRunning("Another rebuild_cohorts is running.")
    members = User.objects.filter(is_staff=False)
    touchpoints = Touchpoint.objects.all()
    if since is not None:
        members = members.filter(date_joined__gte=_since_datetime(since))
        touchpoints = touchpoints.filter(inviter__date_joined__gte=_since_datetime(since))

    # Days, not weeks, come back from the database (TruncWeek differs between backends);
    # the few hundred day rows fold into weeks here.
    sizes = _by_week(
        members.annotate(day=TruncDate("date_joined")).values("day").annotate(size=Count("id")),
        "day",
    )
    by_inviter_week = touchpoints.filter(inviter__isnull=False, loop__in=INVITE_LOOPS).annotate(
        day=TruncDate("inviter__date_joined")
    )
    activity = _by_week(
        by_inviter_week.values("day", "loop").annotate(
            invites_sent=Count("id", filter=Q(event="invite_sent")),
            links_opened=Count("id", filter=Q(event__in=OPENED_EVENTS)),
            plays_completed=Count("id", filter=Q(event__in=COMPLETED_EVENTS)),
            invitees_converted=Count("user", filter=Q(event="signup"), distinct=True),
            inviters=Count("inviter", filter=Q(event="invite_sent"), distinct=True),
        ),
        "day",
    )
    weeks = sorted({week for week, _ in sizes} | {week for week, _ in activity})
    cycle_times = _cycle_times(
        by_inviter_week.filter(event="signup", user__isnull=False), weeks=weeks
    )

    rows = []
    for week in weeks:
        size = sizes.get((week, Cohort.ALL), {}).get("size", 0)
        per_loop = {loop: activity.get((week, loop), {}) for loop in INVITE_LOOPS}
        overall = {
            name: sum(values.get(name, 0) for values in per_loop.values())
            for name in ("invites_sent", "links_opened", "plays_completed", "invitees_converted")
        }
        overall["inviters"] = sum(values.get("inviters", 0) for values in per_loop.values())
        for loop, values in [(Cohort.ALL, overall), *per_loop.items()]:
            invites = values.get("invites_sent", 0)
            converted = values.get("invitees_converted", 0)
            k = k_factor(size=size, invitees_converted=converted)
            rows.append(
                Cohort(
                    week_start=week,
                    loop=loop,
                    size=size,
                    inviters=values.get("inviters", 0),
                    invites_sent=invites,
                    links_opened=values.get("links_opened", 0),
                    plays_completed=values.get("plays_completed", 0),
                    invitees_converted=converted,
                    conversion_rate=converted / invites if invites else None,
                    k_factor=k,
                    cycle_time_days=cycle_times.get((week, loop)),
                    amplification=amplification(k),
                    computed_at=started,
                )
            )
    stale = Cohort.objects.all()
    if since is not None:
        stale = stale.filter(week_start__gte=week_start(since))
    stale.delete()
    Cohort.objects.bulk_create(rows, batch_size=1000)
    return RebuildResult(
        weeks=len(weeks), rows=len(rows), seconds=(timezone.now() - started).total_seconds()
    )


def _cycle_times(signups, *, weeks: list[date]) -> dict:
    """Median days from the inviter's sign-up to the invitee's, per cohort week and loop.

    Medians do not add up across days, so each week is its own grouped query (a query per
    cohort week, never per touchpoint).
    """
    delay = DaysBetween(F("inserted_at"), F("inviter__date_joined"))
    medians: dict = {}
    for week in weeks:
        in_week = signups.filter(
            inviter__date_joined__gte=timezone.make_aware(datetime.combine(week, time.min)),
            inviter__date_joined__lt=timezone.make_aware(
                datetime.combine(week + timedelta(days=7), time.min)
            ),
        )
        for row in in_week.values("loop").annotate(median=Median(delay)):
            medians[(week, row["loop"])] = row["median"]
        overall = in_week.aggregate(median=Median(delay))["median"]
        if overall is not None:
            medians[(week, Cohort.ALL)] = overall
    return medians
