"""Benchmark the growth analytics at scale on PostgreSQL.

    .venv/bin/python scripts/bench_kfactor.py [--users 100000] [--touchpoints 1000000]

Creates a scratch database `veltutor_kbench` (dropped at the end unless --keep), fills it
with `generate_growth_data`, then times `rebuild_cohorts`, the /dashboard/k-factor page,
the attribution API for each model, and a plain SELECT COUNT(*) over the touchpoints in
the same run (the floor), and prints the figures with their ratio to the floor.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "veltutor_kbench"
SERVER = "postgres://postgres@127.0.0.1:5432"


def timed(call, runs: int) -> tuple[float, float]:
    """Median and best of `runs` calls, in milliseconds (after one warm-up call)."""
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--touchpoints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per measurement.")
    parser.add_argument("--keep", action="store_true", help="Keep the scratch database.")
    args = parser.parse_args()

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        DJANGO_SETTINGS_MODULE="veltutor.settings",
        DEBUG="false",
        SECRET_KEY_BASE="bench-only-" + "x" * 50,
        PHX_HOST="testserver",
        SECURE_SSL_REDIRECT="false",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from attribution.analytics import MODELS
    from attribution.cohorts import cohorts_rebuild
    from attribution.growth_data import generate_growth_history
    from veltutor.accounts.models import User

    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        summary = generate_growth_history(users=args.users, touchpoints=args.touchpoints)
        generated = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

        def count_touchpoints() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM attribution_touchpoints")
                cursor.fetchone()

        floor, floor_best = timed(count_touchpoints, args.runs)
        rebuild, rebuild_best = timed(lambda: cohorts_rebuild(), max(1, args.runs // 2))

        staff = User.objects.create(username="bench-staff", is_staff=True, is_superuser=True)
        client = Client()
        client.force_login(staff)
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            page, page_best = timed(lambda: _ok(client.get("/dashboard/k-factor")), args.runs)
            models = {
                model: timed(
                    lambda model=model: _ok(
                        client.get("/api/analytics/attribution", {"model": model})
                    ),
                    args.runs,
                )
                for model in MODELS
            }
    finally:
        connection.close()
        if not args.keep:
            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")

    print(
        f"\nGrowth analytics on PostgreSQL: {summary.users_created:,} users, "
        f"{summary.touchpoints_created:,} touchpoints (generated in {generated:.1f} s)"
    )
    print(f"{'measurement':<38}{'median ms':>11}{'best ms':>10}{'× floor':>9}")
    rows = [("SELECT COUNT(*) touchpoints (floor)", floor, floor_best)]
    rows += [("rebuild_cohorts (all weeks)", rebuild, rebuild_best)]
    rows += [("GET /dashboard/k-factor", page, page_best)]
    rows += [(f"attribution API, {model}", *models[model]) for model in MODELS]
    for label, median, best in rows:
        print(f"{label:<38}{median:>11.1f}{best:>10.1f}{median / floor:>9.1f}")
    print(
        f"\nTargets: page < 1000 ms: {'ok' if page < 1000 else 'MISS'}; "
        f"rebuild < 30 s: {'ok' if rebuild < 30_000 else 'MISS'}"
    )
    return 0


def _ok(response):
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.content[:300]!r}")
    return response


if __name__ == "__main__":
    sys.exit(main())
