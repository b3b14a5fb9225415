from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from veltutor.admin_mixins import ViewOnlyAdminMixin
from veltutor.learning.answers import response_label
from veltutor.learning.models import (
    DiagnosticSkillResult,
    LearningSession,
    Question,
    SessionItem,
    Skill,
    SkillMastery,
    Subject,
)


class SkillInline(admin.TabularInline):
    model = Skill
    fields = ("position", "slug", "name", "description")
    extra = 0
    show_change_link = True


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position", "skill_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (SkillInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_total=Count("skills"))

    @admin.display(description="Skills", ordering="skill_total")
    def skill_count(self, subject: Subject) -> int:
        return subject.skill_total


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "subject", "slug", "position", "question_count")
    list_filter = ("subject",)
    search_fields = ("name", "slug", "subject__name")
    list_select_related = ("subject",)
    filter_horizontal = ("prerequisites",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    @admin.display(description="Questions", ordering="question_total")
    def question_count(self, skill: Skill) -> int:
        return skill.question_total


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "short_prompt",
        "skill_name",
        "kind",
        "level",
        "rating",
        "attempts_count",
        "accuracy_percent",
        "is_active",
    )
    list_filter = ("is_active", "kind", "level", "skill__subject", "skill")
    search_fields = ("code", "prompt", "correct_answer", "skill__name")
    list_select_related = ("skill", "skill__subject")
    list_editable = ("is_active",)
    list_per_page = 50
    autocomplete_fields = ("skill",)
    readonly_fields = (
        "difficulty_rating",
        "attempts_count",
        "correct_count",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("skill", "code", "kind", "level", "is_active")}),
        (
            "Content",
            {"fields": ("prompt", "choices", "correct_answer", "tolerance", "explanation")},
        ),
        (
            "Learned from answers",
            {
                "fields": (
                    "difficulty_rating",
                    "attempts_count",
                    "correct_count",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    actions = ("activate", "deactivate")

    @admin.display(description="Prompt")
    def short_prompt(self, question: Question) -> str:
        return question.prompt if len(question.prompt) <= 70 else question.prompt[:67] + "…"

    @admin.display(description="Skill", ordering="skill__name")
    def skill_name(self, question: Question) -> str:
        return question.skill.name

    @admin.display(description="Difficulty", ordering="difficulty_rating")
    def rating(self, question: Question) -> str:
        return f"{question.difficulty_rating:.0f}"

    @admin.display(description="Accuracy")
    def accuracy_percent(self, question: Question) -> str:
        return "–" if question.accuracy is None else f"{question.accuracy:.0%}"

    @admin.action(description="Activate selected questions")
    def activate(self, request, queryset) -> None:
        updated = queryset.update(is_active=True)
        self.message_user(request, f"{updated} question(s) activated.")

    @admin.action(description="Deactivate selected questions (hide from new sessions)")
    def deactivate(self, request, queryset) -> None:
        updated = queryset.update(is_active=False)
        self.message_user(request, f"{updated} question(s) deactivated.")


class SessionItemInline(admin.TabularInline):
    model = SessionItem
    fields = (
        "position",
        "question",
        "prompt",
        "answer_given",
        "is_correct",
        "answered_at",
        "rating_move",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("position",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Prompt")
    def prompt(self, item: SessionItem) -> str:
        return item.question.prompt

    @admin.display(description="Answer given")
    def answer_given(self, item: SessionItem) -> str:
        return response_label(item.question, item.response) if item.is_answered else "–"

    @admin.display(description="Skill rating")
    def rating_move(self, item: SessionItem) -> str:
        if item.rating_before is None or item.rating_after is None:
            return "–"
        return f"{item.rating_before:.0f} → {item.rating_after:.0f}"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question")


class DiagnosticSkillResultInline(admin.TabularInline):
    model = DiagnosticSkillResult
    fields = ("skill", "answered", "correct", "rating_display", "level")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Rating")
    def rating_display(self, result: DiagnosticSkillResult) -> str:
        return f"{result.rating:.0f}"


@admin.register(LearningSession)
class LearningSessionAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "user",
        "kind",
        "subject",
        "skill",
        "status",
        "score",
        "started_at",
        "completed_at",
    )
    list_filter = ("kind", "status", "subject", "started_at")
    search_fields = ("=id", "user__username", "user__email", "user__display_name")
    list_select_related = ("user", "subject", "skill")
    date_hierarchy = "started_at"
    readonly_fields = (
        "user",
        "kind",
        "subject",
        "skill",
        "status",
        "question_count",
        "answered_count",
        "correct_count",
        "started_at",
        "completed_at",
    )
    inlines = (SessionItemInline, DiagnosticSkillResultInline)

    @admin.display(description="Score")
    def score(self, session: LearningSession) -> str:
        return f"{session.correct_count}/{session.question_count} ({session.score_percent}%)"


@admin.register(SkillMastery)
class SkillMasteryAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: ratings only move through answers."""

    list_display = (
        "user",
        "skill",
        "rating_display",
        "mastery",
        "attempts",
        "correct",
        "last_practiced_at",
    )
    list_filter = ("skill__subject", "skill")
    search_fields = ("user__username", "user__email", "skill__name")
    list_select_related = ("user", "skill", "skill__subject")
    readonly_fields = ("user", "skill", "rating", "attempts", "correct", "last_practiced_at")

    @admin.display(description="Rating", ordering="rating")
    def rating_display(self, record: SkillMastery) -> str:
        return f"{record.rating:.0f}"

    @admin.display(description="Mastery")
    def mastery(self, record: SkillMastery) -> str:
        return format_html(
            '<progress max="100" value="{}"></progress> {}% · {}',
            record.percent,
            record.percent,
            record.level,
        )
