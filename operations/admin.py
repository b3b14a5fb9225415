from django.contrib import admin
from django.utils import timezone

from operations.models import Deployment


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    """Runs are recorded by the scripts; staff fill in the review and post-mortem."""

    list_display = (
        "started_at",
        "kind",
        "succeeded",
        "failed_step",
        "commit_short",
        "duration",
        "smoke_result",
        "rolled_back",
        "run_by",
        "reviewed",
    )
    list_filter = ("kind", "succeeded", "smoke_result", "rolled_back", "started_at")
    search_fields = ("commit", "previous_commit", "run_by", "host", "failed_step")
    date_hierarchy = "started_at"
    readonly_fields = (
        "kind",
        "succeeded",
        "failed_step",
        "started_at",
        "duration_seconds",
        "run_by",
        "host",
        "commit",
        "previous_commit",
        "migrations_applied",
        "smoke_result",
        "smoke_output",
        "rolled_back",
        "reviewed_by",
        "reviewed_at",
        "inserted_at",
    )
    fieldsets = (
        (
            "Run (recorded by the script)",
            {
                "fields": (
                    ("kind", "succeeded", "failed_step"),
                    ("started_at", "duration_seconds"),
                    ("run_by", "host"),
                    ("commit", "previous_commit"),
                    "migrations_applied",
                    ("smoke_result", "rolled_back"),
                    "smoke_output",
                )
            },
        ),
        (
            "Sign-off (staff)",
            {"fields": ("review_24h", "post_mortem", ("reviewed_by", "reviewed_at"))},
        ),
    )

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if {"review_24h", "post_mortem"} & set(form.changed_data):
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description="Commit")
    def commit_short(self, deployment: Deployment) -> str:
        return deployment.commit[:10]

    @admin.display(description="Duration")
    def duration(self, deployment: Deployment) -> str:
        return f"{deployment.duration_seconds:.0f} s"

    @admin.display(description="Reviewed", boolean=True)
    def reviewed(self, deployment: Deployment) -> bool:
        return bool(deployment.review_24h)
