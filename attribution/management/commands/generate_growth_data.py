import json

from django.core.management.base import BaseCommand, CommandError

from attribution.growth_data import GrowthSummary, generate_growth_history, username_prefix


def _per_loop(values: dict, digits: int | None = None) -> str:
    def shown(value) -> str:
        if value is None:
            return "–"
        return f"{value:.{digits}f}" if digits is not None else f"{value:,}"

    return " · ".join(f"{loop} {shown(value)}" for loop, value in values.items())


class Command(BaseCommand):
    help = """Generate a synthetic growth history for demos and benchmarks: --users new users
    (usernames gen<seed>_0, gen<seed>_1, …, unusable passwords, joined over the last --days
    days) and up to --touchpoints rows in attribution_touchpoints (organic signups, buddy
    challenge and results rally invites with their funnels and stitched signups, first
    practices, and noise: repeat opens, visitors who leave, bot bursts). Only inserts users
    and touchpoints, in one transaction; changes and deletes nothing. Deterministic for a
    --seed; when that seed's users exist already it creates nothing (pick another --seed).
    The generated rows are the users gen<seed>_* and the touchpoints naming them as user or
    inviter."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=1000, help="Users to create.")
        parser.add_argument(
            "--touchpoints", type=int, default=10000, help="Touchpoints to create, at most."
        )
        parser.add_argument("--days", type=int, default=84, help="Days of history up to now.")
        parser.add_argument("--seed", type=int, default=42, help="Random seed (and username).")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the summary as JSON."
        )

    def handle(
        self, *args, users: int, touchpoints: int, days: int, seed: int, as_json: bool, **options
    ) -> None:
        if users < 0 or touchpoints < 0:
            raise CommandError("--users and --touchpoints must be 0 or more.")
        if days < 1:
            raise CommandError("--days must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must be 0 or more (it is part of the usernames).")
        summary = generate_growth_history(
            users=users, touchpoints=touchpoints, days=days, seed=seed
        )
        if as_json:
            self._print_json(summary)
        elif summary.already_generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Users {username_prefix(seed=seed)}* exist already: nothing created. "
                    "Pick another --seed."
                )
            )
        else:
            self._print(summary)

    def _print(self, summary: GrowthSummary) -> None:
        self.stdout.write(
            f"Created {summary.users_created:,} users and {summary.touchpoints_created:,} "
            f"touchpoints in {summary.seconds:.1f} s ({summary.rows_per_second:,.0f} rows/s)."
        )
        self.stdout.write(f"Signups: {_per_loop(summary.signups_by_loop)}")
        self.stdout.write(
            f"K-factor (invitees signed up per user): {_per_loop(summary.k_factor_by_loop, 2)}"
        )
        self.stdout.write(
            f"Invitees signed up per inviter: {_per_loop(summary.signups_per_inviter_by_loop, 2)}"
        )
        if summary.users_created < summary.users_requested:
            self.stdout.write(
                self.style.WARNING(
                    f"Only {summary.users_created:,} of {summary.users_requested:,} users: "
                    "the touchpoint budget ran out first (raise --touchpoints)."
                )
            )

    def _print_json(self, summary: GrowthSummary) -> None:
        self.stdout.write(
            json.dumps(
                {
                    "users_requested": summary.users_requested,
                    "users_created": summary.users_created,
                    "touchpoints_created": summary.touchpoints_created,
                    "signups_by_loop": summary.signups_by_loop,
                    "inviters_by_loop": summary.inviters_by_loop,
                    "k_factor_by_loop": summary.k_factor_by_loop,
                    "seconds": round(summary.seconds, 3),
                    "rows_per_second": round(summary.rows_per_second),
                    "already_generated": summary.already_generated,
                }
            )
        )
