from django.contrib import admin
from django.db.models import Count, Sum, Window

from agents.bandit import probability_best
from agents.models import AgentRun, AICall, EconomyPolicy, IncentiveRule, InviterOffer, OfferVariant
from veltutor.admin_mixins import ViewOnlyAdminMixin


@admin.register(AgentRun)
class AgentRunAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("inserted_at", "agent", "operation", "outcome", "latency", "error_type")
    list_filter = ("agent", "outcome", "operation", "inserted_at")
    search_fields = ("operation", "error_type")
    date_hierarchy = "inserted_at"

    @admin.display(description="Latency", ordering="latency_ms")
    def latency(self, run: AgentRun) -> str:
        return f"{run.latency_ms:.1f} ms"


@admin.register(IncentiveRule)
class IncentiveRuleAdmin(admin.ModelAdmin):
    list_display = (
        "action",
        "label",
        "base_points",
        "daily_cap",
        "diminish_after",
        "diminish_factor",
        "first_time_bonus",
        "streak_bonus_per_day",
        "is_active",
    )
    list_editable = (
        "base_points",
        "daily_cap",
        "diminish_after",
        "diminish_factor",
        "first_time_bonus",
        "streak_bonus_per_day",
        "is_active",
    )
    search_fields = ("action", "label")


@admin.register(EconomyPolicy)
class EconomyPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "daily_points_budget", "referral_flag_threshold", "updated_at")

    def has_add_permission(self, request) -> bool:
        return not EconomyPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OfferVariant)
class OfferVariantAdmin(admin.ModelAdmin):
    """Invite offers and what the bandit has learned about each."""

    list_display = (
        "name",
        "code",
        "inviter_points",
        "invitee_points",
        "is_active",
        "invites",
        "conversions",
        "posterior",
        "traffic_share",
        "inviter_count",
    )
    list_filter = ("is_active",)
    search_fields = ("name", "code")
    readonly_fields = ("invites", "conversions")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(inviter_total=Count("inviters"), all_invites=Window(Sum("invites")))
        )

    def changelist_view(self, request, extra_context=None):
        active = list(OfferVariant.objects.filter(is_active=True))
        chances = probability_best(active)
        summary = [(variant, chances[variant.pk]) for variant in active]
        return super().changelist_view(
            request, {**(extra_context or {}), "bandit_summary": summary}
        )

    @admin.display(description="Posterior conversion (mean)")
    def posterior(self, variant: OfferVariant) -> str:
        alpha, beta = variant.posterior_alpha, variant.posterior_beta
        return f"{variant.posterior_mean:.1%} · Beta({alpha}, {beta})"

    @admin.display(description="Share of invites")
    def traffic_share(self, variant: OfferVariant) -> str:
        return f"{variant.invites / variant.all_invites:.0%}" if variant.all_invites else "–"

    @admin.display(description="Inviters", ordering="inviter_total")
    def inviter_count(self, variant: OfferVariant) -> int:
        return variant.inviter_total


@admin.register(InviterOffer)
class InviterOfferAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("inviter", "variant", "inserted_at")
    list_filter = ("variant",)
    search_fields = ("inviter__username", "inviter__email")
    list_select_related = ("inviter", "variant")


@admin.register(AICall)
class AICallAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Every request for Claude's help: what it cost and how it ended (read-only)."""

    list_display = (
        "inserted_at",
        "model",
        "operation",
        "outcome",
        "fallback_reason",
        "input_tokens",
        "output_tokens",
        "cost",
        "latency",
    )
    list_filter = ("outcome", "model", "fallback_reason", "inserted_at")
    search_fields = ("model", "operation", "fallback_reason")
    date_hierarchy = "inserted_at"

    @admin.display(description="Latency", ordering="latency_ms")
    def latency(self, call: AICall) -> str:
        return f"{call.latency_ms:.1f} ms"
