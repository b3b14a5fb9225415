"""Multi-touch attribution: how much of each conversion every loop, inviter and channel earned.

A conversion is a `signup` touchpoint (or, as the second kind, a `first_practice` one). Its
candidate touchpoints are the same user's non-organic loop events inside the lookback window
before it: `converted_at - lookback <= inserted_at < converted_at`. Each model splits one unit
of credit between them, so every attributed conversion hands out exactly 1.

`credit_weights` is pure; `attribution_report` reads the log in two queries and does the rest
in Python.
"""

import bisect
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from django.utils import timezone

from attribution.models import Touchpoint

MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based")
KINDS = (Touchpoint.Event.SIGNUP.value, Touchpoint.Event.FIRST_PRACTICE.value)
DIMENSIONS = ("loop", "inviter", "channel")
NO_KEY = "—"

MAX_LOOKBACK_DAYS = 365
MAX_HALF_LIFE_DAYS = 365.0
POSITION_ENDS = 0.4
SECONDS_PER_DAY = 86400


def credit_weights(
    *,
    model: str,
    touch_times: Sequence[datetime],
    converted_at: datetime,
    half_life_days: float,
) -> list[float]:
    """One conversion's credit per touchpoint (`touch_times` oldest first); they sum to 1.

    - first_touch / last_touch: all of it to the first / last touchpoint.
    - linear: an equal share each.
    - time_decay: `2 ** (-(converted_at - t) / half-life)` each, normalised.
    - position_based: 40% first, 40% last, 20% split evenly across the middle; one
      touchpoint takes everything, two take half each.

    No touchpoints → []. An unknown model, touch times out of order or a non-positive
    half-life (for time_decay) raise ValueError.
    """
    if model not in MODELS:
        raise ValueError(f"Unknown attribution model: {model!r}")
    if any(later < earlier for earlier, later in pairwise(touch_times)):
        raise ValueError("touch_times must be sorted oldest first")
    count = len(touch_times)
    if count == 0:
        return []
    if model == "first_touch":
        return [1.0] + [0.0] * (count - 1)
    if model == "last_touch":
        return [0.0] * (count - 1) + [1.0]
    if model == "linear":
        return [1.0 / count] * count
    if model == "time_decay":
        return _time_decay_weights(touch_times, converted_at, half_life_days)
    if count <= 2:
        return [1.0 / count] * count
    middle = (1.0 - 2 * POSITION_ENDS) / (count - 2)
    return [POSITION_ENDS] + [middle] * (count - 2) + [POSITION_ENDS]


def _time_decay_weights(
    touch_times: Sequence[datetime], converted_at: datetime, half_life_days: float
) -> list[float]:
    if not half_life_days > 0:
        raise ValueError("half_life_days must be positive")
    half_life_seconds = half_life_days * SECONDS_PER_DAY
    exponents = [-(converted_at - t).total_seconds() / half_life_seconds for t in touch_times]
    # Normalising cancels any common factor, so measure from the most recent touchpoint:
    # identical weights, and a long window with a short half-life can't underflow to 0/0.
    newest = max(exponents)
    raw = [2.0 ** (exponent - newest) for exponent in exponents]
    total = math.fsum(raw)
    return [weight / total for weight in raw]


@dataclass(frozen=True)
class Conversion:
    user_id: int
    kind: str  # "signup" | "first_practice"
    converted_at: datetime


@dataclass(frozen=True)
class CreditRow:
    dimension: str  # "loop" | "inviter" | "channel"
    key: str  # the loop value, the inviter's username or "—", the channel or "—"
    credit: float
    conversions: int  # conversions that gave this key any credit


@dataclass(frozen=True)
class AttributionReport:
    start: date
    end: date
    model: str
    kind: str
    lookback_days: int
    half_life_days: float
    conversions: int  # conversions of `kind` dated start..end (inclusive)
    attributed: int  # those with at least one touchpoint in the window
    by_loop: list[CreditRow]
    by_inviter: list[CreditRow]
    by_channel: list[CreditRow]
    total_credit: float  # == attributed, up to floating point


@dataclass(frozen=True)
class _Touch:
    inserted_at: datetime
    loop: str
    inviter: str
    channel: str

    def key(self, dimension: str) -> str:
        return getattr(self, dimension)


def _validate(
    *, start: date, end: date, model: str, kind: str, lookback_days: int, half_life_days: float
) -> None:
    if model not in MODELS:
        raise ValueError(f"Unknown attribution model {model!r}; expected one of {MODELS}.")
    if kind not in KINDS:
        raise ValueError(f"Unknown conversion kind {kind!r}; expected one of {KINDS}.")
    if start > end:
        raise ValueError("start must be on or before end.")
    if not 1 <= lookback_days <= MAX_LOOKBACK_DAYS:
        raise ValueError(f"lookback_days must be between 1 and {MAX_LOOKBACK_DAYS}.")
    if not 0 < half_life_days <= MAX_HALF_LIFE_DAYS:
        raise ValueError(
            f"half_life_days must be greater than 0 and at most {MAX_HALF_LIFE_DAYS:g}."
        )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def attribution_report(
    *,
    start: date,
    end: date,
    model: str,
    kind: str = "signup",
    lookback_days: int = 30,
    half_life_days: float = 7.0,
) -> AttributionReport:
    """Credit the `kind` conversions dated start..end (current time zone) under `model`.

    Two queries: the conversions, then the candidate touchpoints of their users. Credit rows
    list only keys that earned credit, highest first. Bad input raises ValueError.
    """
    _validate(
        start=start,
        end=end,
        model=model,
        kind=kind,
        lookback_days=lookback_days,
        half_life_days=half_life_days,
    )
    lookback = timedelta(days=lookback_days)
    converting = Touchpoint.objects.filter(
        event=kind,
        user_id__isnull=False,
        inserted_at__gte=_day_start(start),
        inserted_at__lt=_day_start(end + timedelta(days=1)),
    )
    conversions = [
        Conversion(user_id=user_id, kind=kind, converted_at=converted_at)
        for user_id, converted_at in converting.order_by("inserted_at", "id").values_list(
            "user_id", "inserted_at"
        )
    ]

    touches: dict[int, list[_Touch]] = defaultdict(list)
    if conversions:
        candidates = (
            Touchpoint.objects.filter(
                # A subquery, not a list of ids: no bound-parameter limit on big ranges.
                user_id__in=converting.values("user_id"),
                inserted_at__gte=min(c.converted_at for c in conversions) - lookback,
                inserted_at__lt=max(c.converted_at for c in conversions),
            )
            .exclude(event__in=KINDS)
            .exclude(loop=Touchpoint.Loop.ORGANIC)
            .order_by("user_id", "inserted_at", "id")
            .values_list("user_id", "inserted_at", "loop", "inviter__username", "channel")
        )
        for user_id, inserted_at, loop, inviter, channel in candidates:
            touches[user_id].append(
                _Touch(
                    inserted_at=inserted_at,
                    loop=loop,
                    inviter=inviter or NO_KEY,
                    channel=channel or NO_KEY,
                )
            )

    credits: dict[str, dict[str, list[float]]] = {d: defaultdict(list) for d in DIMENSIONS}
    converted: dict[str, dict[str, int]] = {d: defaultdict(int) for d in DIMENSIONS}
    all_weights: list[float] = []
    attributed = 0
    for conversion in conversions:
        history = touches.get(conversion.user_id, [])
        times = [touch.inserted_at for touch in history]
        first = bisect.bisect_left(times, conversion.converted_at - lookback)
        last = bisect.bisect_left(times, conversion.converted_at)
        window = history[first:last]
        if not window:
            continue
        attributed += 1
        weights = credit_weights(
            model=model,
            touch_times=times[first:last],
            converted_at=conversion.converted_at,
            half_life_days=half_life_days,
        )
        all_weights.extend(weights)
        for dimension in DIMENSIONS:
            credited: set[str] = set()
            for touch, weight in zip(window, weights, strict=True):
                if weight > 0:
                    credits[dimension][touch.key(dimension)].append(weight)
                    credited.add(touch.key(dimension))
            for key in credited:
                converted[dimension][key] += 1

    rows = {
        dimension: sorted(
            (
                CreditRow(
                    dimension=dimension,
                    key=key,
                    credit=math.fsum(weights),
                    conversions=converted[dimension][key],
                )
                for key, weights in credits[dimension].items()
            ),
            key=lambda row: (-row.credit, row.key),
        )
        for dimension in DIMENSIONS
    }
    return AttributionReport(
        start=start,
        end=end,
        model=model,
        kind=kind,
        lookback_days=lookback_days,
        half_life_days=half_life_days,
        conversions=len(conversions),
        attributed=attributed,
        by_loop=rows["loop"],
        by_inviter=rows["inviter"],
        by_channel=rows["channel"],
        total_credit=math.fsum(all_weights),
    )


def report_csv_rows(report: AttributionReport) -> Iterator[list[str]]:
    """The report as CSV rows: a header, then loop, inviter and channel rows."""
    yield ["dimension", "key", "credit", "conversions"]
    for row in (*report.by_loop, *report.by_inviter, *report.by_channel):
        yield [row.dimension, row.key, f"{row.credit:.4f}", str(row.conversions)]
