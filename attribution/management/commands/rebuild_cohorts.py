from datetime import date

from django.core.management.base import BaseCommand, CommandError

from attribution.cohorts import RebuildAlreadyRunning, cohorts_rebuild


class Command(BaseCommand):
    help = """Recompute the `cohorts` table (weekly sign-up cohorts, overall and per loop:
    size, invites, opens, completions, converted invitees, conversion rate, K-factor, viral
    cycle time, amplification) from users and attribution touchpoints. With --since DATE,
    only cohorts from that date's week on are replaced. Idempotent; on PostgreSQL an
    advisory lock keeps two runs from overlapping. Writes only the `cohorts` table."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", type=date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args, since: date | None, **options) -> None:
        try:
            result = cohorts_rebuild(since=since)
        except RebuildAlreadyRunning as error:
            raise CommandError(str(error)) from error
        scope = f"since the week of {since}" if since else "all weeks"
        self.stdout.write(
            f"Rebuilt {result.rows} cohort rows for {result.weeks} weeks ({scope}) "
            f"in {result.seconds:.2f} s."
        )
