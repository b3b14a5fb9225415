import getpass
import socket
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.models import Deployment
from operations.services import deployment_record


class Command(BaseCommand):
    help = """Record one deploy.sh or rollback.sh run in the deployments log (admin →
    Operations → Deployments), where staff add the 24-hour review and post-mortem. Writes
    one row. Called by the scripts; --last-commit prints the last successful deploy."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--kind", choices=Deployment.Kind.values)
        parser.add_argument("--status", choices=["succeeded", "failed"])
        parser.add_argument("--failed-step", default="")
        parser.add_argument("--started-at", type=int, help="Unix time the run started.")
        parser.add_argument("--commit", default="")
        parser.add_argument("--previous-commit", default="")
        parser.add_argument("--migrations-file", help="File listing applied migrations.")
        parser.add_argument("--smoke", choices=Deployment.Smoke.values, default="skipped")
        parser.add_argument("--smoke-output-file")
        parser.add_argument("--rolled-back", action="store_true")
        parser.add_argument("--last-commit", action="store_true")

    def handle(self, *args, **options) -> None:
        if options["last_commit"]:
            from operations.services import last_successful_deploy_commit

            self.stdout.write(last_successful_deploy_commit())
            return
        missing = [name for name in ("kind", "status", "started_at") if options[name] is None]
        if missing:
            raise CommandError(f"Missing: {', '.join('--' + m.replace('_', '-') for m in missing)}")
        started = datetime.fromtimestamp(options["started_at"], tz=UTC)
        record = deployment_record(
            kind=options["kind"],
            succeeded=options["status"] == "succeeded",
            failed_step=options["failed_step"],
            started_at=started,
            duration_seconds=(datetime.now(tz=UTC) - started).total_seconds(),
            run_by=getpass.getuser(),
            host=socket.gethostname(),
            commit=options["commit"],
            previous_commit=options["previous_commit"],
            migrations_applied=_lines(options["migrations_file"]),
            smoke_result=options["smoke"],
            smoke_output="\n".join(_lines(options["smoke_output_file"])),
            rolled_back=options["rolled_back"],
        )
        self.stdout.write(f"Recorded {record} in {record.duration_seconds:.0f} s (#{record.pk}).")


def _lines(path: str | None) -> list[str]:
    if not path or not Path(path).exists():
        return []
    return [line for line in Path(path).read_text().splitlines() if line.strip()]
