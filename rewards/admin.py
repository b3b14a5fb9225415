from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse

from rewards import services
from rewards.models import (
    EconomyDay,
    PointsAccount,
    ReferralReview,
    Reward,
    StudentPoints,
    UserReward,
)
from veltutor.admin_mixins import AuditRowsAdminMixin, ViewOnlyAdminMixin
from veltutor.errors import DomainError


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=255, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class BonusForm(ReasonForm):
    points = forms.IntegerField(min_value=1, max_value=100_000)
    field_order = ("points", "reason")


def run_reason_action(
    modeladmin: admin.ModelAdmin,
    request,
    queryset,
    *,
    title: str,
    action: str,
    apply: Callable[[object, dict], None],
    form_class: type[forms.Form] = ReasonForm,
):
    """An admin action that asks for a reason (and more) on an intermediate page."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        done, failures = 0, []
        for obj in queryset:
            try:
                apply(obj, form.cleaned_data)
                done += 1
            except DomainError as error:
                failures.append(f"{obj}: {error.message}")
        if done:
            modeladmin.message_user(request, f"{title}: {done} done.", messages.SUCCESS)
        for failure in failures:
            modeladmin.message_user(request, failure, messages.ERROR)
        return None
    return TemplateResponse(
        request,
        "admin/reason_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "objects": list(queryset),
            "form": form,
            "action": action,
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(Reward)
class RewardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "cost_points", "stock_display", "is_active")
    list_filter = ("kind", "is_active")
    list_editable = ("cost_points", "is_active")
    search_fields = ("name", "code", "description")
    prepopulated_fields = {"code": ("name",)}

    @admin.display(description="Stock")
    def stock_display(self, reward: Reward) -> str:
        return "unlimited" if reward.is_unlimited else str(reward.stock)


@admin.register(UserReward)
class UserRewardAdmin(AuditRowsAdminMixin, admin.ModelAdmin):
    """The ledger: read-only rows; revoking adds an audit row."""

    list_display = (
        "id",
        "user",
        "signed_points",
        "action",
        "status",
        "reason",
        "inserted_at",
        "revoked_at",
    )
    list_filter = ("action", "status", "inserted_at", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("user__username", "user__email", "idempotency_key", "reason")
    list_select_related = ("user", "reward")
    date_hierarchy = "inserted_at"
    actions = ("revoke",)

    @admin.display(description="Points", ordering="points")
    def signed_points(self, entry: UserReward) -> str:
        return f"{entry.points:+d}"

    @admin.action(description="Revoke selected grants (with a reason)")
    def revoke(self, request, queryset):
        return run_reason_action(
            self,
            request,
            queryset,
            title="Revoke grants",
            action="revoke",
            apply=lambda entry, data: services.reward_revoke(
                entry_id=entry.pk, revoked_by=request.user, reason=data["reason"]
            ),
        )


@admin.register(StudentPoints)
class StudentPointsAdmin(admin.ModelAdmin):
    list_display = ("username", "display_name", "email", "balance", "date_joined")
    search_fields = ("username", "email", "display_name")
    list_filter = ("is_staff",)
    actions = ("grant_bonus",)
    fields = ("username", "display_name", "email")
    readonly_fields = fields

    def get_queryset(self, request):
        balance = PointsAccount.objects.filter(user=OuterRef("pk")).values("balance")[:1]
        return super().get_queryset(request).annotate(points=Subquery(balance))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Balance", ordering="points")
    def balance(self, student: StudentPoints) -> int:
        return student.points or 0

    @admin.action(description="Grant bonus points to selected students")
    def grant_bonus(self, request, queryset):
        return run_reason_action(
            self,
            request,
            queryset,
            title="Grant bonus points",
            action="grant_bonus",
            form_class=BonusForm,
            apply=lambda student, data: services.manual_bonus_grant(
                user_id=student.pk,
                points=data["points"],
                reason=data["reason"],
                granted_by=request.user,
            ),
        )


@admin.register(ReferralReview)
class ReferralReviewAdmin(admin.ModelAdmin):
    """The fraud review queue: flagged referrals wait here for approve or reject."""

    list_display = (
        "invitee",
        "inviter",
        "status",
        "fraud_score",
        "signal_codes",
        "offer_code",
        "invitee_ip",
        "inserted_at",
    )
    list_filter = ("status", "inserted_at")
    search_fields = ("inviter__username", "invitee__username", "invitee_ip", "invitee_visitor_id")
    list_select_related = ("inviter", "invitee")
    readonly_fields = [field.name for field in ReferralReview._meta.fields]
    actions = ("approve", "reject")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Signals")
    def signal_codes(self, review: ReferralReview) -> str:
        return ", ".join(signal["code"] for signal in review.fraud_signals) or "–"

    @admin.action(description="Approve selected referrals (rewards become claimable)")
    def approve(self, request, queryset):
        done, failures = 0, []
        for review in queryset:
            try:
                services.referral_review_decide(
                    review_id=review.pk, approve=True, decided_by=request.user
                )
                done += 1
            except DomainError as error:
                failures.append(f"{review}: {error.message}")
        if done:
            self.message_user(request, f"{done} referral(s) approved.", messages.SUCCESS)
        for failure in failures:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description="Reject selected referrals (with a reason)")
    def reject(self, request, queryset):
        return run_reason_action(
            self,
            request,
            queryset,
            title="Reject referrals",
            action="reject",
            apply=lambda review, data: services.referral_review_decide(
                review_id=review.pk, approve=False, decided_by=request.user, reason=data["reason"]
            ),
        )


@admin.register(EconomyDay)
class EconomyDayAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("day", "points_granted", "grants")
    date_hierarchy = "day"
