import json

from django.core.management.base import BaseCommand

from agents.smoke import run_smoke_checks


class Command(BaseCommand):
    help = """The deployment checklist's smoke test (steps 4, 6.1–6.3). Writes nothing lasting:
    the in-process checks (database, Phase 2 tables and indexes, migrations, feature flags,
    one console call per agent, agent health) run in a transaction that is rolled back,
    so the agent-run rows they record vanish. With --base-url it also checks over HTTP:
    /api/health, the challenge and rally routes (404 for the checklist's tokens) and
    /dashboard/phase2 (302 to login; with --staff USERNAME, 200 through a temporary
    session that is deleted afterwards). Exits 1 when any check fails."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", help="e.g. https://vel-tutor.com (HTTP checks)")
        parser.add_argument("--staff", metavar="USERNAME", help="staff user for the dashboard")
        parser.add_argument("--json", action="store_true", help="print {ok, checks: [...]}")

    def handle(self, *args, base_url: str | None, staff: str | None, **options) -> None:
        checks = run_smoke_checks(base_url=base_url, staff_username=staff)
        ok = all(check.ok for check in checks)
        if options["json"]:
            self.stdout.write(json.dumps({"ok": ok, "checks": [c.as_dict() for c in checks]}))
        else:
            for check in checks:
                line = f"{'PASS' if check.ok else 'FAIL'}  {check.name}  {check.detail} "
                line += f"({check.seconds:.2f} s)"
                self.stdout.write(self.style.SUCCESS(line) if check.ok else self.style.ERROR(line))
            failed = sum(1 for check in checks if not check.ok)
            summary = f"{len(checks) - failed} passed, {failed} failed"
            self.stdout.write(self.style.SUCCESS(summary) if ok else self.style.ERROR(summary))
        if not ok:
            raise SystemExit(1)
