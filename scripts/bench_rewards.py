"""Benchmark the points ledger and agent-run recording on PostgreSQL. Prints figures only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veltutor_bench \\
        .venv/bin/python scripts/bench_rewards.py --threads 8 --grants-per-thread 500

Creates the database if it is missing and migrates it. It writes bench students, ledger
rows, balances, economy days and agent runs, and TRUNCATEs those tables (CASCADE) before
and after the run so reruns are comparable; for that reason it refuses to run against a
database whose name does not contain "bench".
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veltutor.settings")

import django

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from psycopg import sql  # noqa: E402

from agents.runs import agent_run  # noqa: E402
from rewards import services  # noqa: E402
from veltutor.accounts.models import User  # noqa: E402

# Every table the benchmark writes; TRUNCATE ... CASCADE empties them (and their dependants).
WRITTEN_TABLES = ("user_rewards", "points_accounts", "economy_days", "agent_runs", "accounts_user")


def database_ensure() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench_rewards needs PostgreSQL: set DATABASE_URL=postgres://...")
    name = db["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to benchmark (and truncate) “{name}”: use a database named *bench*.")
    with psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as maintenance:
        exists = maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    return name


def tables_truncate() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("TRUNCATE {} CASCADE")
            .format(sql.SQL(", ").join(sql.Identifier(t) for t in WRITTEN_TABLES))
            .as_string(cursor.connection)
        )


def students_create(count: int) -> list[int]:
    User.objects.bulk_create(
        User(username=f"bench-{i}", email=f"bench-{i}@example.com", password="!")
        for i in range(count)
    )
    return list(User.objects.filter(username__startswith="bench-").values_list("pk", flat=True))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_threads(threads: int, work: Callable[[int], list[float]]) -> tuple[float, list[float]]:
    """Start `threads` workers together; return wall seconds and every latency they measured."""
    barrier = threading.Barrier(threads + 1)
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            connection.ensure_connection()
            barrier.wait()
            latencies[index] = work(index)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise errors[0]
    return wall, [latency for chunk in latencies for latency in chunk]


def report_throughput(title: str, unit: str, wall: float, latencies: list[float]) -> None:
    count = len(latencies)
    print(f"\n{title}")
    print(f"  {unit}: {count}   wall: {wall:.2f} s   {unit}/s: {count / wall:,.0f}")
    print(
        f"  latency per {unit.rstrip('s')}: p50 {percentile(latencies, 0.5) * 1000:.2f} ms   "
        f"p95 {percentile(latencies, 0.95) * 1000:.2f} ms"
    )


def bench_grants(*, students: list[int], threads: int, per_thread: int, claim: bool) -> None:
    run = "claim" if claim else "grant"

    def work(index: int) -> list[float]:
        rng = random.Random(index)
        timings = []
        for i in range(per_thread):
            user_id = rng.choice(students)
            started = time.perf_counter()
            entry = services.reward_grant(
                user_id=user_id,
                points=rng.randint(1, 100),
                action="bench",
                reason="Benchmark",
                idempotency_key=f"bench:{run}:{index}:{i}",
            ).entry
            if claim:
                services.reward_claim(user_id=user_id, entry_id=entry.pk)
            timings.append(time.perf_counter() - started)
        return timings

    wall, latencies = run_threads(threads, work)
    if claim:
        report_throughput(
            f"{threads} threads, reward_grant + reward_claim", "pairs", wall, latencies
        )
    else:
        report_throughput(f"{threads} threads, reward_grant", "grants", wall, latencies)


def time_calls(block: Callable[[], None], *, calls: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        block()
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        block()
        timings.append(time.perf_counter() - started)
    return timings


def bench_agent_run(*, calls: int = 2000, warmup: int = 100) -> None:
    def recorded() -> None:
        with agent_run("Bench", "noop"):
            pass

    def empty() -> None:
        with nullcontext():
            pass

    def select_one() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    print(f"\nCost of recording one agent call ({calls} calls after {warmup} warm-up)")
    for label, block in (
        ("with agent_run('Bench', 'noop')", recorded),
        ("with nullcontext()", empty),
        ("SELECT 1 round trip", select_one),
    ):
        timings = time_calls(block, calls=calls, warmup=warmup)
        print(
            f"  {label:<34} mean {statistics.fmean(timings) * 1e6:9.1f} µs   "
            f"p95 {percentile(timings, 0.95) * 1e6:9.1f} µs"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--grants-per-thread", type=int, default=500)
    parser.add_argument("--students", type=int, default=200)
    options = parser.parse_args()

    name = database_ensure()
    call_command("migrate", verbosity=0)
    tables_truncate()
    try:
        students = students_create(options.students)
        print(
            f"database {name}: {options.students} students, {options.threads} threads × "
            f"{options.grants_per_thread} operations, {os.cpu_count()} CPUs"
        )
        bench_grants(
            students=students,
            threads=options.threads,
            per_thread=options.grants_per_thread,
            claim=False,
        )
        bench_grants(
            students=students,
            threads=options.threads,
            per_thread=options.grants_per_thread,
            claim=True,
        )
        bench_agent_run()
    finally:
        tables_truncate()
        connection.close()


if __name__ == "__main__":
    main()
