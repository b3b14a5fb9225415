from django.conf import settings
from django.core.management.base import BaseCommand
from waffle.models import Flag

from challenges.flags import SETTINGS_FOR_FLAG


class Command(BaseCommand):
    help = """Set the Phase 2 feature flags (django-waffle) from FEATURE_BUDDY_CHALLENGE,
    FEATURE_RESULTS_RALLY and FEATURE_PHASE2_DASHBOARD: each flag is on for everyone or off
    for everyone. Creates a missing flag. Touches only those three flags."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print, change nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        for name, setting in SETTINGS_FOR_FLAG.items():
            wanted = bool(getattr(settings, setting))
            flag = Flag.objects.filter(name=name).first()
            before = "missing" if flag is None else ("on" if flag.everyone else "off")
            after = "on" if wanted else "off"
            if not dry_run:
                Flag.objects.update_or_create(name=name, defaults={"everyone": wanted})
            self.stdout.write(f"{name:<18} {before:>7} → {after}   ({setting})")
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
