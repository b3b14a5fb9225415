from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet, Sum

from attribution.models import Cohort, Touchpoint


def touchpoint_list_for_visitor(*, visitor_id: str) -> QuerySet[Touchpoint]:
    return Touchpoint.objects.filter(visitor_id=visitor_id).select_related("user", "inviter")


def touchpoint_list_for_user(*, user_id: int) -> QuerySet[Touchpoint]:
    return Touchpoint.objects.filter(user_id=user_id).select_related("user", "inviter")


def last_invite_touchpoint_for_visitor(*, visitor_id: str) -> Touchpoint | None:
    """The visitor's most recent loop touchpoint that names an inviter."""
    if not visitor_id:
        return None
    return (
        Touchpoint.objects.filter(visitor_id=visitor_id, inviter__isnull=False)
        .exclude(loop=Touchpoint.Loop.ORGANIC)
        .order_by("-inserted_at", "-id")
        .first()
    )


def touchpoint_count_since(*, since: datetime) -> int:
    return Touchpoint.objects.filter(inserted_at__gt=since).count()


def touchpoints_by_event_since(*, since: datetime) -> dict[str, int]:
    """Touchpoints per event after `since`; every event is a key, in the choices' order."""
    counts = dict(
        Touchpoint.objects.filter(inserted_at__gt=since)
        .order_by()
        .values_list("event")
        .annotate(total=Count("id"))
    )
    return {event: counts.get(event, 0) for event in Touchpoint.Event.values}


@dataclass(frozen=True)
class LoopVirality:
    """A loop's virality over a range of weekly cohorts, read from the `cohorts` rollup."""

    loop: str
    label: str
    members: int
    invites_sent: int
    links_opened: int
    plays_completed: int
    invitees_converted: int
    k_factor: float | None
    cycle_time_days: float | None

    @property
    def conversion_rate(self) -> float | None:
        return self.invitees_converted / self.invites_sent if self.invites_sent else None

    @property
    def amplification(self) -> float | None:
        k = self.k_factor
        return 1 / (1 - k) if k is not None and k < 1 else None


def cohort_list(*, start: date, end: date, loop: str | None = None) -> QuerySet:
    cohorts = Cohort.objects.filter(week_start__gte=start, week_start__lte=end)
    return (cohorts.filter(loop=loop) if loop else cohorts).order_by("week_start", "loop")


def loop_virality_list(*, start: date, end: date) -> list[LoopVirality]:
    """Per loop (and all loops): K = converted invitees per cohort member over the range; cycle
    time = the member-weighted mean of the weekly medians."""
    rows = (
        Cohort.objects.filter(week_start__gte=start, week_start__lte=end)
        .values("loop")
        .annotate(
            members=Sum("size"),
            invites=Sum("invites_sent"),
            opened=Sum("links_opened"),
            completed=Sum("plays_completed"),
            converted=Sum("invitees_converted"),
            weighted_cycle=Sum(F("cycle_time_days") * F("invitees_converted")),
            cycle_weight=Sum("invitees_converted", filter=Q(cycle_time_days__isnull=False)),
        )
    )
    labels = dict(Cohort.LOOP_CHOICES)
    result = []
    for row in sorted(rows, key=lambda row: list(labels).index(row["loop"])):
        members = row["members"] or 0
        result.append(
            LoopVirality(
                loop=row["loop"],
                label=labels[row["loop"]],
                members=members,
                invites_sent=row["invites"] or 0,
                links_opened=row["opened"] or 0,
                plays_completed=row["completed"] or 0,
                invitees_converted=row["converted"] or 0,
                k_factor=(row["converted"] or 0) / members if members else None,
                cycle_time_days=(row["weighted_cycle"] / row["cycle_weight"])
                if row["cycle_weight"]
                else None,
            )
        )
    return result


def projected_growth(
    *, seed_users: int, k: float, cycle_days: float, horizon_days: int = 90, step_days: int = 5
) -> list[tuple[int, float]]:
    """U(t) = U0·(K^(t/p+1) − 1)/(K − 1): users after t days from U0 seeds, K, cycle time p."""
    points = []
    for t in range(0, horizon_days + 1, step_days):
        generations = t / cycle_days + 1
        if abs(k - 1) < 1e-9:
            users = seed_users * generations
        else:
            users = seed_users * (k**generations - 1) / (k - 1)
        points.append((t, users))
    return points
