"""Phase 2 fragments the learning pages load: the "What's next" card."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agents.personalization import Personalization
from veltutor.learning import selectors as learning_selectors


def _card(request: HttpRequest, *, subject_id: str, title: str) -> HttpResponse:
    recommendations = Personalization().get_recommendations(
        user_id=request.user.pk, subject_id=subject_id
    )
    if not recommendations:
        return HttpResponse("")
    shown = recommendations[:3]
    skill_ids = learning_selectors.skill_ids_by_slug(
        subject_slug=subject_id, slugs=[item.skill for item in shown]
    )
    return render(
        request,
        "agents/partials/_whats_next.html",
        {"items": [(item, skill_ids.get(item.skill)) for item in shown], "title": title},
    )


@login_required
@require_GET
def home_next(request: HttpRequest) -> HttpResponse:
    """What to practise next, in the subject the student worked on last (or the first)."""
    recent = learning_selectors.learning_session_list_recent_for_user(user=request.user, limit=1)
    subject = recent[0].subject if recent else learning_selectors.subject_list().first()
    if subject is None:
        return HttpResponse("")
    return _card(request, subject_id=subject.slug, title=f"What's next in {subject.name}")


@login_required
@require_GET
def result_next(request: HttpRequest, session_id: int) -> HttpResponse:
    session = learning_selectors.learning_session_get_for_user(
        user=request.user, session_id=session_id
    )
    return _card(request, subject_id=session.subject.slug, title="What's next")
