from django.conf import settings
from django.db import models
from django.utils import timezone


class Deployment(models.Model):
    """One run of deploy/deploy.sh or deploy/rollback.sh: the checklist's sign-off sheet."""

    class Kind(models.TextChoices):
        DEPLOY = "deploy", "Deploy"
        ROLLBACK = "rollback", "Rollback"

    class Smoke(models.TextChoices):
        PASSED = "passed", "Passed"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not run"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    succeeded = models.BooleanField()
    failed_step = models.CharField(max_length=40, blank=True)
    started_at = models.DateTimeField()
    duration_seconds = models.FloatField()
    run_by = models.CharField(max_length=80, help_text="Who ran the script (OS user).")
    host = models.CharField(max_length=120, blank=True)
    commit = models.CharField(max_length=64)
    previous_commit = models.CharField(max_length=64, blank=True)
    migrations_applied = models.TextField(blank=True, help_text="One migration per line.")
    smoke_result = models.CharField(max_length=10, choices=Smoke.choices)
    smoke_output = models.TextField(blank=True)
    rolled_back = models.BooleanField(default=False)
    review_24h = models.TextField(
        "24-hour review", blank=True, help_text="Hour 0–24 monitoring notes and sign-off."
    )
    post_mortem = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    inserted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "deployments"
        ordering = ("-started_at",)

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else f"failed at {self.failed_step or '?'}"
        return f"{self.get_kind_display()} {self.commit[:10]} ({outcome})"
