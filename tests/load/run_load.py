"""The load test in one command: `.venv/bin/python tests/load/run_load.py` from the repo root.

Builds a scratch PostgreSQL database with the demo data and real challenge and rally links,
serves it with the production gunicorn config, runs locust headless against the token pages
and then against the floor (/api/ping), cleans up and prints RPS and latency percentiles.
Exits 1 when a target misses. See tests/load/README.md.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
DB_NAME = "veltutor_load"
PAGE_P95_TARGET_MS = 100
RPS_RATIO_TARGET = 0.5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="Length of each phase.")
    parser.add_argument("--users", type=int, default=100, help="Concurrent locust users.")
    parser.add_argument("--spawn-rate", type=int, default=50, help="Users started per second.")
    parser.add_argument("--challenges", type=int, default=40, help="Buddy challenges to create.")
    parser.add_argument("--rallies", type=int, default=20, help="Rallies to create.")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="Server URL (no database) where the scratch database is made.",
    )
    parser.add_argument("--keep-files", action="store_true", help="Keep CSVs and logs.")
    # Internal: run inside a Django process to create the links (see tokens_create).
    parser.add_argument("--create-tokens", metavar="PATH", help=argparse.SUPPRESS)
    return parser.parse_args()


# Database -------------------------------------------------------------------------------


def admin_sql(server_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def database_recreate(server_url: str) -> None:
    admin_sql(server_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(server_url, f"CREATE DATABASE {DB_NAME}")


def database_drop(server_url: str) -> None:
    admin_sql(server_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


# Links (runs in a child process with the load environment) ----------------------------


def tokens_create(path: str, challenges: int, rallies: int) -> None:
    """Create links through the real services from the seeded users' finished sessions."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veltutor.settings")
    import django

    django.setup()
    from challenges import services
    from challenges.exceptions import NotEligible
    from veltutor.learning.models import LearningSession

    sessions = list(
        LearningSession.objects.filter(status=LearningSession.Status.COMPLETED)
        .select_related("user")
        .order_by("completed_at", "pk")
    )
    tokens: dict[str, list[str]] = {"challenge": [], "rally": []}
    for loop, create, wanted in (
        ("challenge", services.buddy_challenge_create, challenges),
        ("rally", services.rally_create, rallies),
    ):
        for session in sessions:
            if len(tokens[loop]) >= wanted:
                break
            try:
                created = create(user=session.user, session_id=session.pk)
            except NotEligible:
                continue
            tokens[loop].append(created.link.token)
    Path(path).write_text(json.dumps(tokens), encoding="utf-8")
    print(
        f"Links: {len(tokens['challenge'])} challenges, {len(tokens['rally'])} rallies "
        f"from {len(sessions)} finished sessions."
    )


# Processes -------------------------------------------------------------------------------


def run(command: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=out, check=False)
    if result.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-30:])
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{tail}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(base_url: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{base_url}/api/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{base_url}/api/health did not answer 200 in {timeout:.0f}s")


def server_stop(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class CpuSampler:
    """Core-seconds used while locust ran: by locust, gunicorn, our PostgreSQL backends, and
    the whole machine (the rest is other processes sharing the cores)."""

    def __init__(self, *, locust_pid: int, gunicorn_pid: int) -> None:
        import psutil  # a dependency of locust

        self.psutil = psutil
        self.locust_pid = locust_pid
        self.gunicorn_pid = gunicorn_pid
        # group -> pid -> [cpu at first sight, cpu at last sight]
        self.seen: dict[str, dict[int, list[float]]] = {
            "locust": {},
            "gunicorn": {},
            "postgres": {},
        }
        self._stop = threading.Event()
        self._busy_start = self._busy()
        self._time_start = time.monotonic()
        self._sample(initial=True)
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _busy(self) -> float:
        times = self.psutil.cpu_times()
        return sum(times) - times.idle - getattr(times, "iowait", 0.0)

    def _groups(self) -> dict[str, list]:
        groups = {"locust": [], "gunicorn": [], "postgres": []}
        for pid, group in ((self.locust_pid, "locust"), (self.gunicorn_pid, "gunicorn")):
            try:
                process = self.psutil.Process(pid)
                groups[group] = [process, *process.children(recursive=True)]
            except self.psutil.Error:
                pass
        for process in self.psutil.process_iter(["name", "cmdline"]):
            cmdline = " ".join(process.info["cmdline"] or [])
            if (process.info["name"] or "").startswith("postgres") and f" {DB_NAME} " in cmdline:
                groups["postgres"].append(process)
        return groups

    def _sample(self, initial: bool = False) -> None:
        for group, processes in self._groups().items():
            for process in processes:
                try:
                    times = process.cpu_times()
                except self.psutil.Error:
                    continue
                used = times.user + times.system
                # A process already there at the start counts from then; a new one from 0.
                first = used if initial else 0.0
                self.seen[group].setdefault(process.pid, [first, used])[1] = used

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def stop(self) -> dict[str, float]:
        """Wall seconds, and core-seconds of each group, of the machine and of the rest."""
        self._stop.set()
        self._thread.join()
        used = {
            group: sum(last - first for first, last in pids.values())
            for group, pids in self.seen.items()
        }
        busy = self._busy() - self._busy_start
        return {
            "wall": time.monotonic() - self._time_start,
            "busy": busy,
            **used,
            "others": max(busy - sum(used.values()), 0.0),
        }


@dataclass(frozen=True)
class Phase:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    cpu: dict[str, float]


def locust_run(
    *,
    name: str,
    user_class: str,
    args: argparse.Namespace,
    base_url: str,
    env: dict,
    tmp: Path,
    server: subprocess.Popen,
) -> Phase:
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "tests" / "load" / "locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(args.users),
        "-r",
        str(args.spawn_rate),
        "-t",
        f"{args.seconds}s",
        "--stop-timeout",
        "5",
        "--host",
        base_url,
        "--csv",
        str(tmp / name),
        user_class,
    ]
    print(f"Running {name}: {args.users} users for {args.seconds}s ...", flush=True)
    with (tmp / f"locust-{name}.log").open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        sampler = CpuSampler(locust_pid=process.pid, gunicorn_pid=server.pid)
        # Locust exits 1 when any request failed; the CSV says how many, so read it instead.
        process.wait(timeout=args.seconds + 120)
        cpu = sampler.stop()
    with (tmp / f"{name}_stats.csv").open(encoding="utf-8") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    return Phase(
        name=name,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        rps=float(total["Requests/s"]),
        p50=float(total["50%"]),
        p95=float(total["95%"]),
        p99=float(total["99%"]),
        cpu=cpu,
    )


# Report -----------------------------------------------------------------------------------


def report(pages: Phase, floor: Phase, args: argparse.Namespace, tmp: Path) -> bool:
    cores = os.cpu_count() or 1
    print()
    print(f"Load test: {args.users} users, {args.seconds}s per phase, {cores} CPU cores")
    header = f"{'':<7}{'requests':>10}{'failures':>10}{'RPS':>9}{'p50':>8}{'p95':>8}{'p99':>8}"
    print(header + "  (ms)")
    for phase in (pages, floor):
        print(
            f"{phase.name:<7}{phase.requests:>10}{phase.failures:>10}{phase.rps:>9.1f}"
            f"{phase.p50:>8.0f}{phase.p95:>8.0f}{phase.p99:>8.0f}"
        )
    ratio = pages.rps / floor.rps if floor.rps else 0.0
    print(f"pages RPS / floor RPS = {ratio:.2f}")
    print()
    print(f"CPU while locust ran, in % of {cores} cores (the load generator shares them):")
    print(f"{'':<7}{'locust':>8}{'gunicorn':>10}{'postgres':>10}{'others':>8}{'idle':>6}", end="")
    print("   server CPU ms/request")
    for phase in (pages, floor):
        cpu = phase.cpu
        capacity = cpu["wall"] * cores
        idle = max(capacity - cpu["busy"], 0.0)
        shares = [cpu["locust"], cpu["gunicorn"], cpu["postgres"], cpu["others"]]
        per_request = 1000 * (cpu["gunicorn"] + cpu["postgres"]) / max(phase.requests, 1)
        print(
            f"{phase.name:<7}"
            + "".join(
                f"{100 * share / capacity:>{width}.0f}"
                for share, width in zip(shares, (8, 10, 10, 8), strict=True)
            )
            + f"{100 * idle / capacity:>6.0f}{per_request:>11.2f}"
        )
    print()
    checks = [
        ("0 failures", pages.failures == 0 and floor.failures == 0),
        (f"page p95 < {PAGE_P95_TARGET_MS} ms", pages.p95 < PAGE_P95_TARGET_MS),
        (
            f"page RPS >= {RPS_RATIO_TARGET} x floor RPS",
            ratio >= RPS_RATIO_TARGET,
        ),
    ]
    print("Targets:")
    for label, held in checks:
        print(f"  [{'ok' if held else 'MISS'}] {label}")
    if args.keep_files:
        print(f"\nCSVs and logs kept in {tmp}")
    return all(held for _, held in checks)


# Main -------------------------------------------------------------------------------------


def main() -> int:
    args = parse_args()
    if args.create_tokens:
        tokens_create(args.create_tokens, args.challenges, args.rallies)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="veltutor-load-"))
    setup_log = tmp / "setup.log"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    tokens_path = tmp / "tokens.json"
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.postgres}/{DB_NAME}",
        "DEBUG": "false",
        "SECRET_KEY_BASE": secrets.token_urlsafe(48),
        "PHX_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOOP_TOKEN_RATE": "1000000/m",
        "LOOP_DAILY_INVITE_LIMIT": "1000",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOAD_TOKENS": str(tokens_path),
        "SENTRY_DSN": "",
        "PYTHONUNBUFFERED": "1",
    }
    for unwanted in ("ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"):
        env.pop(unwanted, None)
    python = str(BIN / "python")
    server = None
    try:
        started = time.monotonic()
        print(f"Database {DB_NAME}: migrate, seed_demo, links ...", flush=True)
        database_recreate(args.postgres)
        run([python, "manage.py", "migrate", "--no-input"], env, setup_log)
        run([python, "manage.py", "seed_demo", "--sessions", "6", "--days", "10"], env, setup_log)
        run(
            [
                python,
                str(Path(__file__).resolve()),
                "--create-tokens",
                str(tokens_path),
                "--challenges",
                str(args.challenges),
                "--rallies",
                str(args.rallies),
            ],
            env,
            setup_log,
        )
        print(setup_log.read_text(encoding="utf-8").splitlines()[-1])
        run(
            [python, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env, setup_log
        )
        print(f"Setup took {time.monotonic() - started:.0f}s. Starting gunicorn on {base_url}")
        with (tmp / "gunicorn.log").open("w", encoding="utf-8") as server_log:
            server = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=server_log,
                stderr=server_log,
            )
        wait_healthy(base_url, server)
        phases = {}
        for name, user_class in (("pages", "PageVisitor"), ("floor", "FloorVisitor")):
            phases[name] = locust_run(
                name=name,
                user_class=user_class,
                args=args,
                base_url=base_url,
                env=env,
                tmp=tmp,
                server=server,
            )
        server_stop(server)
        server = None
        return 0 if report(phases["pages"], phases["floor"], args, tmp) else 1
    except BaseException:
        args.keep_files = True
        print(f"\nThe load test failed; logs are in {tmp}", file=sys.stderr)
        raise
    finally:
        server_stop(server)
        try:
            database_drop(args.postgres)
        except Exception as error:
            print(f"Could not drop {DB_NAME}: {error}", file=sys.stderr)
        if not args.keep_files:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
