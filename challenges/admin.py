from django.contrib import admin

from challenges import services
from challenges.models import BuddyChallenge, ChallengeDeck, ChallengeSession, Rally
from veltutor.admin_mixins import ViewOnlyAdminMixin


class PlayInline(admin.TabularInline):
    model = ChallengeSession
    fields = (
        "display_name",
        "user",
        "status",
        "correct_count",
        "question_count",
        "score",
        "ip",
        "inserted_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ChallengeDeck)
class ChallengeDeckAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "subject", "question_total", "inserted_at")
    list_filter = ("subject", "inserted_at")
    search_fields = ("title", "owner__username")
    list_select_related = ("owner", "subject")
    readonly_fields = ("owner", "source_session", "subject", "skill", "question_ids", "inserted_at")

    @admin.display(description="Questions")
    def question_total(self, deck: ChallengeDeck) -> int:
        return deck.question_count


class ShareLinkAdmin(admin.ModelAdmin):
    list_filter = ("status", "inserted_at", "expires_at")
    date_hierarchy = "inserted_at"
    readonly_fields = (
        "token",
        "deck",
        "plays_count",
        "offer_code",
        "creator_visitor_id",
        "creator_ip",
        "inserted_at",
    )
    inlines = (PlayInline,)
    actions = ("expire_now", "revoke")

    @admin.display(description="Open", boolean=True)
    def is_open_now(self, link) -> bool:
        return link.is_open

    @admin.action(description="Expire selected links now")
    def expire_now(self, request, queryset) -> None:
        for link in queryset:
            services.link_expire_now(link=link)
        self.message_user(request, f"{queryset.count()} link(s) expired.")

    @admin.action(description="Revoke selected links")
    def revoke(self, request, queryset) -> None:
        for link in queryset:
            services.link_revoke(link=link)
        self.message_user(request, f"{queryset.count()} link(s) revoked.")


@admin.register(BuddyChallenge)
class BuddyChallengeAdmin(ShareLinkAdmin):
    list_display = (
        "deck",
        "challenger",
        "challenger_score",
        "plays_count",
        "max_plays",
        "status",
        "is_open_now",
        "expires_at",
        "inserted_at",
    )
    search_fields = ("token", "challenger__username", "challenger__email", "deck__title")
    list_select_related = ("deck", "challenger")


@admin.register(Rally)
class RallyAdmin(ShareLinkAdmin):
    list_display = (
        "achievement",
        "owner",
        "plays_count",
        "max_plays",
        "status",
        "is_open_now",
        "expires_at",
        "inserted_at",
    )
    search_fields = ("token", "owner__username", "owner__email", "achievement")
    list_select_related = ("deck", "owner")


@admin.register(ChallengeSession)
class ChallengeSessionAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "display_name",
        "user",
        "challenge",
        "rally",
        "status",
        "score",
        "ip",
        "inserted_at",
    )
    list_filter = ("status", "inserted_at")
    search_fields = (
        "display_name",
        "user__username",
        "visitor_id",
        "challenge__token",
        "rally__token",
    )
    list_select_related = ("user", "challenge__deck", "rally", "challenge__challenger")
    date_hierarchy = "inserted_at"
