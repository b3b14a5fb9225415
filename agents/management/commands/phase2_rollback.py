import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from agents.rollback import PHASE2_APPS, RollbackRefused, rollback_apply, rollback_plan


class Command(BaseCommand):
    help = f"""Roll Phase 2 back (the checklist's `mix ecto.rollback --step=6`).

    Unapplies exactly the migrations of the Phase 2 apps ({", ".join(PHASE2_APPS)}), newest
    first in dependency order, which drops every Phase 2 table and its rows (rewards ledger,
    agent runs, challenges, touchpoints, cohorts) and deletes the loop feature flags.
    Phase 1 (accounts, learning) and waffle are not touched; the command refuses if the
    plan would unapply anything else. Take a backup first (deploy/backup.sh).

    Dry run by default: lists the migrations and the tables with their row counts.
    With --yes it rolls back, checks no Phase 2 table remains and that the Phase 1 row
    counts are unchanged. `manage.py migrate` brings Phase 2 back."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--yes", action="store_true", help="Really roll back.")
        parser.add_argument("--json", action="store_true", help="Machine-readable output.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, yes: bool, json: bool, database: str, **options) -> None:
        as_json = json
        try:
            plan = rollback_plan(using=database)
        except RollbackRefused as error:
            raise CommandError(str(error)) from error

        if not yes:
            self._print_plan(plan, as_json=as_json)
            return

        try:
            result = rollback_apply(plan, using=database)
        except RollbackRefused as error:
            raise CommandError(str(error)) from error

        if as_json:
            self.stdout.write(
                _dumps(
                    {
                        "dry_run": False,
                        "unapplied": result.unapplied,
                        "dropped_tables": plan.tables,
                        "remaining_phase2_tables": result.remaining_tables,
                        "phase1_before": result.phase1_before,
                        "phase1_after": result.phase1_after,
                        "ok": result.ok,
                    }
                )
            )
        else:
            if not result.unapplied:
                self.stdout.write("Phase 2 is not applied: nothing to roll back.")
            for number, name in enumerate(result.unapplied, start=1):
                self.stdout.write(f"  {number:>2}. unapplied {name}")
            self.stdout.write("Phase 1 row counts (before -> after):")
            for name, before in result.phase1_before.items():
                self.stdout.write(f"  {name:<18} {before} -> {result.phase1_after[name]}")
        if result.remaining_tables:
            raise CommandError(
                "Phase 2 tables still exist after the rollback: "
                + ", ".join(result.remaining_tables)
            )
        if result.phase1_before != result.phase1_after:
            raise CommandError("Phase 1 row counts changed during the rollback.")
        if not as_json:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Rolled back {len(result.unapplied)} Phase 2 migrations; Phase 1 intact. "
                    "Run `manage.py migrate` to bring Phase 2 back."
                )
            )

    def _print_plan(self, plan, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(
                _dumps({"dry_run": True, "migrations": plan.migrations, "tables": plan.tables})
            )
            return
        if not plan.migrations:
            self.stdout.write("Phase 2 is not applied: nothing to roll back.")
        else:
            self.stdout.write(f"Would unapply {len(plan.migrations)} migrations, in order:")
            for number, name in enumerate(plan.migrations, start=1):
                self.stdout.write(f"  {number:>2}. {name}")
            self.stdout.write("Would drop these Phase 2 tables (rows):")
            for table, rows in plan.tables.items():
                self.stdout.write(f"  {table:<32} {rows}")
        self.stdout.write("Dry run: nothing changed. Run with --yes to roll back.")


def _dumps(data) -> str:
    return json.dumps(data, indent=2)
