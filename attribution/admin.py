from django.contrib import admin

from attribution.models import Touchpoint
from veltutor.admin_mixins import AuditRowsAdminMixin


@admin.register(Touchpoint)
class TouchpointAdmin(AuditRowsAdminMixin, admin.ModelAdmin):
    """The raw touchpoint log: read-only, for tracing how a signup was attributed."""

    list_display = (
        "inserted_at",
        "loop",
        "event",
        "user",
        "inviter",
        "token",
        "channel",
        "visitor_id",
    )
    list_filter = ("loop", "event", "inserted_at")
    search_fields = ("token", "visitor_id", "user__username", "user__email", "inviter__username")
    date_hierarchy = "inserted_at"
    list_select_related = ("user", "inviter")
    # The table grows with traffic: skip the unfiltered COUNT(*) on every filtered page.
    show_full_result_count = False
