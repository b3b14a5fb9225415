"""Shared admin behaviour for rows that code writes and staff only read."""


class ViewOnlyAdminMixin:
    """Staff can look (and delete where the admin allows it), never add or edit."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AuditRowsAdminMixin(ViewOnlyAdminMixin):
    """Audit rows: read-only and never deleted."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
