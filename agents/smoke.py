"""The deployment checklist's smoke test (steps 4 and 6.1–6.3) as one repeatable run.

Every in-process check runs inside one transaction that is rolled back at the end, so
the agent calls' `agent_runs` rows (and anything else they record) never last. The HTTP
checks run afterwards; the staff session they may create is deleted before returning.
"""

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from waffle.models import Flag

from agents.health import Status, agent_health_list
from agents.incentives import IncentivesEconomy
from agents.orchestrator import LOOPS, Orchestrator, Refused
from agents.personalization import Personalization
from challenges import flags
from veltutor.accounts.models import User
from veltutor.learning.models import Subject

PHASE2_TABLES = (
    "rewards",
    "user_rewards",
    "challenge_decks",
    "challenge_sessions",
    "buddy_challenges",
    "rallies",
    "cohorts",
    "attribution_touchpoints",
    "agent_runs",
    "ai_calls",
)
REQUIRED_INDEXES = {
    "challenge_sessions": (["user_id"],),
    "attribution_touchpoints": (["user_id"], ["inserted_at"]),
}
PHASE2_FLAGS = (flags.BUDDY_CHALLENGE, flags.RESULTS_RALLY, flags.PHASE2_DASHBOARD)
SMOKE_SUBJECT = "math"
ANSWERING_REFUSALS = {"not_eligible", "rate_limited", "loop_disabled"}
HTTP_TIMEOUT = 5.0
CHALLENGE_PATH = "/challenge/test-token-12345"
RALLY_PATH = "/rally/test-token-67890"
DASHBOARD_PATH = "/dashboard/phase2"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


class CheckFailed(Exception):
    """A check's expected failure: its message is the detail, no traceback."""


def _run(name: str, check: Callable[[], str], *, savepoint: bool = False) -> Check:
    started = time.perf_counter()
    try:
        if savepoint:
            # Its own savepoint: a failed query must not abort the other checks (PostgreSQL).
            with transaction.atomic():
                detail = check()
        else:
            detail = check()
        ok = True
    except CheckFailed as failure:
        ok, detail = False, str(failure)
    except Exception as error:
        ok, detail = False, f"{type(error).__name__}: {error}"
    return Check(name=name, ok=ok, detail=detail, seconds=time.perf_counter() - started)


# In-process checks --------------------------------------------------------------------


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    if one != 1:
        raise CheckFailed(f"SELECT 1 returned {one!r}")
    return f"SELECT 1 on {connection.vendor}"


def _tables() -> str:
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        missing = [table for table in PHASE2_TABLES if table not in existing]
        problems = [f"missing table {table}" for table in missing]
        for table, wanted in REQUIRED_INDEXES.items():
            if table in missing:
                continue
            constraints = connection.introspection.get_constraints(cursor, table)
            indexed = [info["columns"] for info in constraints.values() if info.get("index")]
            problems += [
                f"no index on {table}({', '.join(columns)})"
                for columns in wanted
                if list(columns) not in indexed
            ]
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"{len(PHASE2_TABLES)} tables, 3 indexes"


def _migrations() -> str:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        pending = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        more = f" and {len(plan) - 5} more" if len(plan) > 5 else ""
        raise CheckFailed(f"{len(plan)} unapplied: {pending}{more}")
    return "all applied"


def _flags() -> str:
    found = dict(Flag.objects.filter(name__in=PHASE2_FLAGS).values_list("name", "everyone"))
    missing = [name for name in PHASE2_FLAGS if name not in found]
    if missing:
        raise CheckFailed(f"missing flag {', '.join(missing)}")
    return ", ".join(f"{name} {'on' if found[name] else 'off'}" for name in PHASE2_FLAGS)


def _student() -> User | None:
    return User.objects.filter(is_staff=False).order_by("pk").first()


def _personalization() -> str:
    student = _student()
    if student is None or not Subject.objects.filter(slug=SMOKE_SUBJECT).exists():
        return "skipped: no student/subject"
    recommendations = Personalization().get_recommendations(
        user_id=student.pk, subject_id=SMOKE_SUBJECT, use_ai=False
    )
    return f"{len(recommendations)} recommendations for user {student.pk} in {SMOKE_SUBJECT}"


def _incentives() -> str:
    student = _student()
    if student is None:
        return "skipped: no student"
    quote = IncentivesEconomy().calculate_reward(action="complete_practice", user_id=student.pk)
    return f"complete_practice = {quote.points} points for user {student.pk}"


def _orchestrator() -> str:
    student = _student()
    context = {"user_id": student.pk if student else None}
    answers = []
    for loop in LOOPS:
        outcome = Orchestrator().route_loop(loop, context)
        if isinstance(outcome, Refused):
            if outcome.reason not in ANSWERING_REFUSALS:
                raise CheckFailed(f"{loop}: refused {outcome.reason} ({outcome.detail})")
            answers.append(f"{loop} refused {outcome.reason}")
        else:
            answers.append(f"{loop} routed")
    return ", ".join(answers)


def _agent_health() -> str:
    rows = agent_health_list()
    down = [row for row in rows if row.status == Status.DOWN]
    if down:
        raise CheckFailed("; ".join(f"{row.agent} Down: {', '.join(row.problems)}" for row in down))
    return ", ".join(f"{row.agent} {row.status}" for row in rows)


def _in_process_checks() -> list[Check]:
    checks = [_run("database", _database)]
    if not checks[0].ok:
        return checks
    with transaction.atomic():
        checks += [
            _run("tables and indexes", _tables, savepoint=True),
            _run("migrations", _migrations, savepoint=True),
            _run("feature flags", _flags, savepoint=True),
            _run("agent Personalization", _personalization, savepoint=True),
            _run("agent IncentivesEconomy", _incentives, savepoint=True),
            _run("agent Orchestrator", _orchestrator, savepoint=True),
            _run("agent health", _agent_health, savepoint=True),
        ]
        transaction.set_rollback(True)
    return checks


# HTTP checks --------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


_opener = urllib.request.build_opener(_NoRedirects)


def _get(url: str, *, cookie: str | None = None) -> tuple[int, dict, str]:
    """(status, headers, body) without following redirects; CheckFailed when unreachable."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with _opener.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        with error:
            body = error.read().decode(errors="replace") if error.fp else ""
        return error.code, dict(error.headers or {}), body
    except urllib.error.URLError as error:
        raise CheckFailed(f"unreachable: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise CheckFailed(f"unreachable: {error}") from None


def _expect_status(url: str, wanted: int) -> str:
    status, _, _ = _get(url)
    if status != wanted:
        raise CheckFailed(f"GET {url} answered {status}, expected {wanted}")
    return f"{status}"


def _health(base: str) -> str:
    status, _, body = _get(base + "/api/health")
    if status != 200:
        raise CheckFailed(f"answered {status}")
    try:
        payload = json.loads(body)
    except ValueError:
        raise CheckFailed("body is not JSON") from None
    if payload.get("status") != "ok" or payload.get("database") != "connected":
        raise CheckFailed(f"status {payload.get('status')!r}, database {payload.get('database')!r}")
    return "200, status ok, database connected"


def _dashboard_anonymous(base: str) -> str:
    status, headers, _ = _get(base + DASHBOARD_PATH)
    if status != 302:
        raise CheckFailed(f"answered {status} without a session, expected 302 to login")
    return f"302 to {headers.get('Location', '?')}"


def _dashboard_staff(base: str, staff_username: str) -> str:
    user = User.objects.filter(username=staff_username).first()
    if user is None:
        raise CheckFailed(f"no user {staff_username!r}")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    try:
        status, _, body = _get(
            base + DASHBOARD_PATH, cookie=f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
        )
    finally:
        store.delete()
    if status != 200:
        raise CheckFailed(f"answered {status} for {staff_username}, expected 200")
    if "Agent Status" not in body:
        raise CheckFailed("200 but no “Agent Status” in the page")
    return f"200 with Agent Status for {staff_username}"


def _http_checks(base_url: str, staff_username: str | None) -> list[Check]:
    base = base_url.rstrip("/")
    checks = [_run("http /api/health", lambda: _health(base))]
    if not checks[0].ok and checks[0].detail.startswith("unreachable"):
        # One clear failure per check, without waiting out each timeout again.
        names = ["http challenge route", "http rally route", "http dashboard (anonymous)"]
        if staff_username:
            names.append("http dashboard (staff)")
        return checks + [Check(name, False, checks[0].detail, 0.0) for name in names]
    checks += [
        _run("http challenge route", lambda: _expect_status(base + CHALLENGE_PATH, 404)),
        _run("http rally route", lambda: _expect_status(base + RALLY_PATH, 404)),
        _run("http dashboard (anonymous)", lambda: _dashboard_anonymous(base)),
    ]
    if staff_username:
        checks.append(
            _run("http dashboard (staff)", lambda: _dashboard_staff(base, staff_username))
        )
    return checks


def run_smoke_checks(
    *, base_url: str | None = None, staff_username: str | None = None
) -> list[Check]:
    """Run the checklist's smoke checks; nothing they touch lasts."""
    checks = _in_process_checks()
    if base_url:
        checks += _http_checks(base_url, staff_username)
    return checks
