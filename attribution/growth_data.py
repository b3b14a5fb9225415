"""A synthetic growth history (users and touchpoints) for demos and benchmarks.

`generate_growth_history` simulates both viral loops in memory (a few seconds for a million
rows), then writes users and touchpoints with `bulk_create` in one transaction: 100,000
users and 1,000,000 touchpoints take about 80 s on PostgreSQL on two cores, half of it in
the database (the touchpoint table's nine indexes and deferred foreign-key checks).

The story, deterministic for a seed and set in the `days` before `now`:

- Seed users sign up organically, more of them as the weeks go by (an `organic` signup).
- A signed-up user may practise (a `first_practice` touchpoint 0–3 days later, credited like
  the signup) and, mostly after practising, invite through one loop or both. Each invite
  is an `invite_sent` touchpoint with its own token and channel.
- Friends open the link (`link_opened` / `rally_viewed`), fewer play (`challenge_started` /
  `rally_joined`), fewer finish (`challenge_completed` / `rally_completed`) and some of those
  sign up a few hours to a few days after the open. The new user is credited to the invite
  (its loop, token, inviter and channel) and their anonymous touchpoints are stitched to
  them (same visitor id, `user` set). Invitees invite in turn, generation by generation.
- The results rally converts better week after week while the buddy challenge slowly
  fades, so weekly cohorts differ; a cycle (signup to invitee's signup) takes a few days.
  When the loops die out before `users` exist, another organic wave starts them again.
- Noise fills the touchpoint budget: repeat opens, friends who open or play and leave,
  and bots that open a link in bursts from one IP.

Users are `gen{seed}_0`, `gen{seed}_1`, … (in sign-up order) with unusable passwords; every
generated touchpoint names one of them as `user` or `inviter`, which is how to find the
rows again. A seed whose users exist already generates nothing.
"""

import base64
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from random import Random
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from attribution.models import Touchpoint
from veltutor.accounts.models import User

BATCH_SIZE = 5000
DAY = 86400.0
HOUR = 3600.0
MINUTE = 60.0

Loop = Touchpoint.Loop
Event = Touchpoint.Event
BUDDY = Loop.BUDDY_CHALLENGE.value
RALLY = Loop.RESULTS_RALLY.value
ORGANIC = Loop.ORGANIC.value
INVITE_SENT = Event.INVITE_SENT.value
SIGNUP = Event.SIGNUP.value
FIRST_PRACTICE = Event.FIRST_PRACTICE.value

ORGANIC_SHARE = 0.2  # of the users, in the first organic wave
TOP_UP_SHARE = 0.25  # of the users still missing, in each later organic wave
PRACTICE_CHANCE = 0.65
INVITE_CHANCE_AFTER_PRACTICE = 0.9
INVITE_CHANCE_WITHOUT_PRACTICE = 0.35
BUDDY_FIRST_CHANCE = 0.6  # an inviter's first loop: buddy challenge 60 %, results rally 40 %
SECOND_LOOP_CHANCE = 0.2
REPEAT_OPEN_CHANCE = 0.1
SAME_IP_AS_INVITER_CHANCE = 0.03  # siblings, one school network, or a referral farm

CHANNELS = ("link", "copy", "share", "whatsapp")
CHANNEL_WEIGHTS = (0.3, 0.2, 0.2, 0.3)
# UTC hour of an organic signup: afternoons and evenings.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 5, 6, 7, 8, 9, 10, 10, 9, 7, 5, 3, 2)
# fmt: off
FIRST_NAMES = (
    "Maya", "Leo", "Aisha", "Tomás", "Priya", "Noah", "Zoe", "Omar", "Chloe", "Mateo",
    "Hana", "Eli", "Sofia", "Kwame", "Ines", "Ravi", "Lena", "Jonas", "Amara", "Yuki",
    "Felix", "Nadia", "Arjun", "Mia", "Diego", "Sara", "Ethan", "Leila", "Max", "Ana",
)
# fmt: on
INITIALS = "ABCDEFGHJKLMNPRSTVWZ"
BOT_IPS = ("203.0.113.66", "203.0.113.67", "198.51.100.23", "198.51.100.99", "192.0.2.150")
# Noise kinds, weighted so that bot bursts bring about a fifth of the noise rows.
NOISE_KINDS = ("stray", "repeat", "bot")
NOISE_WEIGHTS = (0.55, 0.44, 0.01)


@dataclass(frozen=True)
class _LoopModel:
    funnel: tuple[str, str, str]  # opened, started, completed
    friends_weights: tuple[float, ...]  # chance of 0, 1, 2, … friends opening one invite
    extra_invites: float  # mean invites after an inviter's first one through this loop
    start: float  # chance an opening friend plays
    complete: float  # chance a player finishes
    signup_first: float  # chance a finisher signs up, for invites at the period's start …
    signup_last: float  # … and at its end


LOOPS = {
    # A buddy challenge goes to one friend, who often plays; it slowly loses its novelty.
    BUDDY: _LoopModel(
        funnel=(
            Event.LINK_OPENED.value,
            Event.CHALLENGE_STARTED.value,
            Event.CHALLENGE_COMPLETED.value,
        ),
        friends_weights=(0.15, 0.75, 0.10),
        extra_invites=1.0,
        start=0.8,
        complete=0.85,
        signup_first=0.76,
        signup_last=0.6,
    ),
    # A rally is shared widely, fewer viewers join; it converts better week after week.
    RALLY: _LoopModel(
        funnel=(Event.RALLY_VIEWED.value, Event.RALLY_JOINED.value, Event.RALLY_COMPLETED.value),
        friends_weights=(0.08, 0.2, 0.2, 0.17, 0.13, 0.09, 0.06, 0.04, 0.03),
        extra_invites=0.5,
        start=0.45,
        complete=0.85,
        signup_first=0.3,
        signup_last=0.8,
    ),
}


@dataclass(frozen=True)
class GrowthSummary:
    users_created: int
    touchpoints_created: int
    signups_by_loop: dict[str, int]  # organic, buddy_challenge, results_rally
    seconds: float
    users_requested: int = 0
    inviters_by_loop: dict[str, int] = field(default_factory=dict)  # users who invited
    already_generated: bool = False  # the seed's users existed: nothing was created

    @property
    def rows_per_second(self) -> float:
        rows = self.users_created + self.touchpoints_created
        return rows / self.seconds if self.seconds > 0 else 0.0

    @property
    def k_factor_by_loop(self) -> dict[str, float | None]:
        """Invitees signed up per user, per loop (the cohorts' K-factor over the whole run)."""
        return {
            loop: self.signups_by_loop.get(loop, 0) / self.users_created
            if self.users_created
            else None
            for loop in LOOPS
        }

    @property
    def signups_per_inviter_by_loop(self) -> dict[str, float | None]:
        return {
            loop: self.signups_by_loop.get(loop, 0) / inviters if inviters else None
            for loop in LOOPS
            for inviters in [self.inviters_by_loop.get(loop, 0)]
        }


class _User(NamedTuple):
    joined: float  # epoch seconds
    visitor_id: str
    ip: str
    loop: str
    practised: float | None  # first practice, epoch seconds


# A touchpoint before it is written: user and inviter are indexes into the users, or -1.
# (joined, visitor_id, user, loop, event, token, inviter, channel, ip)
_Row = tuple[float, str, int, str, str, str, int, str, str | None]


class _Simulation:
    def __init__(self, *, users: int, touchpoints: int, days: int, seed: int, now: datetime):
        self.rng = Random(seed)
        self.max_users = users
        self.max_rows = touchpoints
        self.end = now.timestamp()
        self.start = self.end - days * DAY
        self.days = days
        self.users: list[_User] = []
        self.rows: list[_Row] = []
        self.invites: list[tuple[float, str, str, int, str]] = []  # at, loop, token, inviter…
        self.opens: list[int] = []  # row indexes of the loop funnels' opens
        self.queue: deque[int] = deque()
        self.inviters = {BUDDY: set(), RALLY: set()}
        self.signups = {ORGANIC: 0, BUDDY: 0, RALLY: 0}

    # Random pieces ---------------------------------------------------------------------

    def _room(self) -> int:
        return self.max_rows - len(self.rows)

    def _visitor_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def _token(self) -> str:
        # What `secrets.token_urlsafe(24)` looks like, from the seeded generator.
        raw = self.rng.getrandbits(192).to_bytes(24, "big")
        return base64.urlsafe_b64encode(raw).decode()

    def _ip(self) -> str:
        # Carrier-grade NAT space (100.64.0.0/10): what phones on mobile data look like.
        bits = self.rng.getrandbits(22)
        return f"100.{64 + (bits >> 16)}.{(bits >> 8) & 255}.{bits & 255}"

    def _count(self, mean_extra: float) -> int:
        """1 + a geometric number with mean `mean_extra`."""
        keep_going = mean_extra / (1 + mean_extra)
        count = 1
        while self.rng.random() < keep_going:
            count += 1
        return count

    def _progress(self, at: float) -> float:
        """0 at the start of the period, 1 at its end."""
        return min(max((at - self.start) / (self.end - self.start), 0.0), 1.0)

    # Users ----------------------------------------------------------------------------

    def _user_add(
        self,
        *,
        joined: float,
        visitor_id: str,
        ip: str,
        loop: str,
        token: str,
        inviter: int,
        channel: str,
    ) -> None:
        """A new user, their signup touchpoint, maybe a first practice; queued to invite."""
        rng = self.rng
        index = len(self.users)
        practised = None
        if rng.random() < PRACTICE_CHANCE:
            practised = joined + 5 * MINUTE + 3 * DAY * rng.random() ** 2
        self.users.append(_User(joined, visitor_id, ip, loop, practised))
        self.signups[loop] += 1
        self.rows.append((joined, visitor_id, index, loop, SIGNUP, token, inviter, channel, ip))
        if practised is not None and practised <= self.end and self._room() > 0:
            self.rows.append(
                (practised, visitor_id, index, loop, FIRST_PRACTICE, token, inviter, channel, None)
            )
        self.queue.append(index)

    def _organic_wave(self, count: int) -> None:
        rng = self.rng
        for _ in range(count):
            if len(self.users) >= self.max_users or self._room() < 1:
                return
            while True:
                # More signups as the weeks go by, mostly in the afternoon and evening.
                day = int((self.days + 1) * rng.random() ** 0.8)
                hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
                midnight = self.start - self.start % DAY + day * DAY
                joined = midnight + hour * HOUR + rng.random() * HOUR
                if self.start <= joined <= self.end:
                    break
            self._user_add(
                joined=joined,
                visitor_id=self._visitor_id(),
                ip=self._ip(),
                loop=ORGANIC,
                token="",
                inviter=-1,
                channel="",
            )

    # Loops ----------------------------------------------------------------------------

    def _invite_all(self, index: int) -> None:
        """The user's invites, with every invited friend's funnel."""
        rng = self.rng
        user = self.users[index]
        if user.practised is None:
            if rng.random() >= INVITE_CHANCE_WITHOUT_PRACTICE:
                return
            after = user.joined
        elif rng.random() < INVITE_CHANCE_AFTER_PRACTICE:
            after = user.practised
        else:
            return
        first = BUDDY if rng.random() < BUDDY_FIRST_CHANCE else RALLY
        loops = [first]
        if rng.random() < SECOND_LOOP_CHANCE:
            loops.append(RALLY if first == BUDDY else BUDDY)
        for loop in loops:
            for _ in range(self._count(LOOPS[loop].extra_invites)):
                at = after + 2 * MINUTE + rng.expovariate(1 / (1.2 * DAY))
                if at > self.end or self._room() < 1:
                    continue
                self._invite(user=user, index=index, loop=loop, at=at)

    def _invite(self, *, user: _User, index: int, loop: str, at: float) -> None:
        rng = self.rng
        model = LOOPS[loop]
        token = self._token()
        channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
        self.inviters[loop].add(index)
        self.rows.append(
            (at, user.visitor_id, index, loop, INVITE_SENT, token, index, channel, user.ip)
        )
        self.invites.append((at, loop, token, index, channel))
        friends = rng.choices(range(len(model.friends_weights)), weights=model.friends_weights)[0]
        for _ in range(friends):
            self._friend(
                model=model, loop=loop, invited=at, token=token, inviter=index, channel=channel
            )

    def _friend(
        self,
        *,
        model: _LoopModel,
        loop: str,
        invited: float,
        token: str,
        inviter: int,
        channel: str,
    ) -> None:
        """One invited friend's funnel, ending in a new user when they sign up."""
        rng = self.rng
        opened = invited + MINUTE + rng.expovariate(1 / (6 * HOUR))
        if opened > self.end:
            return
        opened_event, started_event, completed_event = model.funnel
        steps = [(opened, opened_event)]
        joined = None
        if rng.random() < model.start:
            started = opened + 20 + rng.expovariate(1 / (3 * MINUTE))
            steps.append((started, started_event))
            if rng.random() < model.complete:
                completed = started + 2 * MINUTE + rng.expovariate(1 / (5 * MINUTE))
                steps.append((completed, completed_event))
                progress = self._progress(invited)
                chance = model.signup_first + (model.signup_last - model.signup_first) * progress
                if rng.random() < chance:
                    # A few hours to a few days after the open.
                    joined = opened + 2 * HOUR + min(rng.expovariate(1 / DAY), 5 * DAY)
                    joined = max(joined, completed + MINUTE)
        if rng.random() < REPEAT_OPEN_CHANCE:
            steps.append((opened + 5 * MINUTE + rng.expovariate(1 / (8 * HOUR)), opened_event))
        steps = [step for step in steps if step[0] <= self.end]
        room = self._room()
        if joined is not None and (
            joined > self.end or len(self.users) >= self.max_users or len(steps) + 1 > room
        ):
            joined = None
        steps = steps[:room]
        visitor_id = self._visitor_id()
        inviter_ip = self.users[inviter].ip
        ip = inviter_ip if rng.random() < SAME_IP_AS_INVITER_CHANCE else self._ip()
        # Stitched: a friend who signs up owns their earlier touchpoints.
        user = len(self.users) if joined is not None else -1
        for at, event in steps:
            if event == opened_event:
                self.opens.append(len(self.rows))
            self.rows.append((at, visitor_id, user, loop, event, token, inviter, channel, ip))
        if joined is not None:
            self._user_add(
                joined=joined,
                visitor_id=visitor_id,
                ip=ip,
                loop=loop,
                token=token,
                inviter=inviter,
                channel=channel,
            )

    # Noise ----------------------------------------------------------------------------

    def _noise(self) -> None:
        """Fill the rest of the touchpoint budget with visitors who never sign up and bots."""
        rng = self.rng
        attempts = 0
        while self._room() > 0 and self.invites and attempts < 20 * self.max_rows:
            attempts += 1
            kind = rng.choices(NOISE_KINDS, weights=NOISE_WEIGHTS)[0]
            if kind == "repeat" and self.opens:
                self._repeat_open()
            elif kind == "bot":
                self._bot_burst()
            else:
                self._stray_friend()

    def _repeat_open(self) -> None:
        rng = self.rng
        row = self.rows[self.opens[rng.randrange(len(self.opens))]]
        at = row[0] + 10 * MINUTE + rng.expovariate(1 / (2 * DAY))
        if at <= self.end:
            self.rows.append((at, *row[1:]))

    def _stray_friend(self) -> None:
        """Someone the link reached (forwarded, posted) who looks, maybe plays, and leaves."""
        rng = self.rng
        invited, loop, token, inviter, channel = self.invites[rng.randrange(len(self.invites))]
        opened = invited + MINUTE + rng.expovariate(1 / DAY)
        if opened > self.end:
            return
        model = LOOPS[loop]
        visitor_id, ip = self._visitor_id(), self._ip()
        steps = [(opened, model.funnel[0])]
        if rng.random() < model.start * 0.5:
            started = opened + 20 + rng.expovariate(1 / (3 * MINUTE))
            steps.append((started, model.funnel[1]))
            if rng.random() < 0.5:
                steps.append(
                    (started + 2 * MINUTE + rng.expovariate(1 / (5 * MINUTE)), model.funnel[2])
                )
        for at, event in steps[: self._room()]:
            if at <= self.end:
                self.rows.append((at, visitor_id, -1, loop, event, token, inviter, channel, ip))

    def _bot_burst(self) -> None:
        """A crawler or link checker opening one link again and again, a new visitor each time."""
        rng = self.rng
        invited, loop, token, inviter, channel = self.invites[rng.randrange(len(self.invites))]
        ip = BOT_IPS[rng.randrange(len(BOT_IPS))]
        event = LOOPS[loop].funnel[0]
        at = invited + rng.expovariate(1 / (2 * HOUR))
        for _ in range(min(rng.randint(8, 60), self._room())):
            at += rng.uniform(0.2, 10.0)
            if at > self.end:
                return
            self.rows.append((at, self._visitor_id(), -1, loop, event, token, inviter, channel, ip))

    # The whole story ------------------------------------------------------------------

    def run(self) -> None:
        wave = max(1, round(self.max_users * ORGANIC_SHARE))
        while len(self.users) < self.max_users and self._room() > 0:
            before = len(self.users)
            self._organic_wave(wave)
            if len(self.users) == before:
                break
            while self.queue and self._room() > 0:
                self._invite_all(self.queue.popleft())
            wave = max(1, round((self.max_users - len(self.users)) * TOP_UP_SHARE))
        while self.queue and self._room() > 0:
            self._invite_all(self.queue.popleft())
        self._noise()


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def _users_write(simulation: _Simulation, *, prefix: str, seed: int) -> list[int]:
    """Insert the users in sign-up order; returns each simulated user's database id."""
    rng = Random(seed)
    order = sorted(range(len(simulation.users)), key=lambda index: simulation.users[index].joined)
    users = [
        User(
            username=f"{prefix}{position}",
            password="!",  # unusable
            display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(INITIALS)}.",
            date_joined=_moment(simulation.users[index].joined),
        )
        for position, index in enumerate(order)
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    if connection.features.can_return_rows_from_bulk_insert:
        ids = [user.pk for user in users]
    else:
        by_name = dict(
            User.objects.filter(username__startswith=prefix).values_list("username", "pk")
        )
        ids = [by_name[user.username] for user in users]
    user_ids = [0] * len(order)
    for position, index in enumerate(order):
        user_ids[index] = ids[position]
    return user_ids


def _touchpoints_build(rows: list[_Row], user_ids: list[int]) -> list[Touchpoint]:
    return [
        Touchpoint(
            visitor_id=visitor_id,
            user_id=user_ids[user] if user >= 0 else None,
            loop=loop,
            event=event,
            token=token,
            inviter_id=user_ids[inviter] if inviter >= 0 else None,
            channel=channel,
            ip=ip,
            metadata={},
            inserted_at=_moment(at),
        )
        for at, visitor_id, user, loop, event, token, inviter, channel, ip in rows
    ]


def _touchpoints_write(simulation: _Simulation, *, user_ids: list[int]) -> int:
    """Insert the touchpoints oldest first, so that ids follow time as in the real log."""
    rows = simulation.rows
    rows.sort(key=itemgetter(0))
    for first in range(0, len(rows), BATCH_SIZE):
        batch = _touchpoints_build(rows[first : first + BATCH_SIZE], user_ids)
        Touchpoint.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    return len(rows)


def username_prefix(*, seed: int) -> str:
    return f"gen{seed}_"


def generate_growth_history(
    *,
    users: int,
    touchpoints: int,
    days: int = 84,
    seed: int = 42,
    now: datetime | None = None,
) -> GrowthSummary:
    """Create up to `users` users and `touchpoints` touchpoints of simulated loop history.

    Exactly `users` users unless the touchpoint budget runs out first (the summary says how
    many); the touchpoints fill the budget. Nothing is created when the seed's users exist.
    One transaction; `seconds` includes its commit (the deferred foreign-key checks).
    """
    if users < 0 or touchpoints < 0:
        raise ValueError("users and touchpoints must not be negative")
    if days < 1:
        raise ValueError("days must be at least 1")
    started = time.perf_counter()
    prefix = username_prefix(seed=seed)
    with transaction.atomic():
        if User.objects.filter(username__startswith=prefix).exists():
            return GrowthSummary(
                users_created=0,
                touchpoints_created=0,
                signups_by_loop={ORGANIC: 0, BUDDY: 0, RALLY: 0},
                seconds=time.perf_counter() - started,
                users_requested=users,
                already_generated=True,
            )
        simulation = _Simulation(
            users=users, touchpoints=touchpoints, days=days, seed=seed, now=now or timezone.now()
        )
        simulation.run()
        user_ids = _users_write(simulation, prefix=prefix, seed=seed)
        written = _touchpoints_write(simulation, user_ids=user_ids)
    return GrowthSummary(
        users_created=len(user_ids),
        touchpoints_created=written,
        signups_by_loop=dict(simulation.signups),
        seconds=time.perf_counter() - started,
        users_requested=users,
        inviters_by_loop={loop: len(indexes) for loop, indexes in simulation.inviters.items()},
    )
