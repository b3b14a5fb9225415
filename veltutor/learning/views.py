from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from veltutor.learning import selectors, services
from veltutor.learning.answers import response_label
from veltutor.learning.forms import AnswerForm, PracticeStartForm
from veltutor.learning.models import LearningSession


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "learning/landing.html", {"subjects": selectors.subject_list()})
    return render(
        request,
        "learning/home.html",
        {
            "progress": selectors.subject_progress_list_for_user(user=request.user),
            "recent_sessions": selectors.learning_session_list_recent_for_user(user=request.user),
            "home_slot_urls": [reverse(name) for name in settings.LEARNING_HOME_SLOT_URLS],
        },
    )


@login_required
@require_GET
def subject_detail(request: HttpRequest, subject_slug: str) -> HttpResponse:
    subject = selectors.subject_get(slug=subject_slug)
    if subject is None:
        raise Http404("No such subject.")
    return render(
        request,
        "learning/subject.html",
        {"progress": selectors.subject_progress_for_user(user=request.user, subject=subject)},
    )


@login_required
@require_POST
def practice_start(request: HttpRequest) -> HttpResponse:
    form = PracticeStartForm(request.POST)
    skill = selectors.skill_get(skill_id=form.cleaned_data["skill"]) if form.is_valid() else None
    if skill is None:
        raise Http404("No such skill.")
    session = services.practice_start(user=request.user, skill=skill)
    return redirect("learning:session_play", session_id=session.pk)


@login_required
@require_POST
def diagnostic_start(request: HttpRequest, subject_slug: str) -> HttpResponse:
    subject = selectors.subject_get(slug=subject_slug)
    if subject is None:
        raise Http404("No such subject.")
    session = services.diagnostic_start(user=request.user, subject=subject)
    return redirect("learning:session_play", session_id=session.pk)


def _question_context(session: LearningSession, form: AnswerForm | None = None) -> dict:
    item = selectors.session_item_current(session=session)
    if form is None and item is not None:
        form = AnswerForm(initial={"position": item.position}, question=item.question)
    return {"session": session, "item": item, "form": form}


@login_required
@require_GET
def session_play(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.learning_session_get_for_user(user=request.user, session_id=session_id)
    if session.is_completed:
        return redirect("learning:session_result", session_id=session.pk)
    context = _question_context(session)
    template = "learning/partials/_question.html" if request.htmx else "learning/play.html"
    return render(request, template, context)


@login_required
@require_POST
def session_answer(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.learning_session_get_for_user(user=request.user, session_id=session_id)
    item = selectors.session_item_current(session=session)
    form = AnswerForm(request.POST, question=item.question if item else None)
    if not form.is_valid():
        return _answer_error(request, session, form)
    try:
        outcome = services.session_answer(
            user=request.user,
            session_id=session.pk,
            position=form.cleaned_data["position"],
            response=form.cleaned_data["response"],
        )
    except ValidationError as error:
        form.add_error("response", error)
        return _answer_error(request, session, form)
    if not request.htmx:
        if outcome.session.is_completed:
            return redirect("learning:session_result", session_id=session.pk)
        return redirect("learning:session_play", session_id=session.pk)
    return render(
        request,
        "learning/partials/_feedback.html",
        {
            "session": outcome.session,
            "item": outcome.item,
            "response_label": response_label(outcome.item.question, outcome.item.response),
            "already_answered": outcome.already_answered,
        },
    )


def _answer_error(request: HttpRequest, session: LearningSession, form: AnswerForm) -> HttpResponse:
    context = _question_context(session, form=form)
    template = "learning/partials/_question.html" if request.htmx else "learning/play.html"
    return render(request, template, context, status=400)


@login_required
@require_GET
def session_result(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.learning_session_get_for_user(user=request.user, session_id=session_id)
    if not session.is_completed:
        return redirect("learning:session_play", session_id=session.pk)
    items = [
        (item, response_label(item.question, item.response))
        for item in selectors.session_item_list(session=session)
    ]
    return render(
        request,
        "learning/result.html",
        {
            "session": session,
            "items": items,
            "skill_results": selectors.diagnostic_result_list(session=session)
            if session.kind == LearningSession.Kind.DIAGNOSTIC
            else [],
            "slot_urls": [
                reverse(name, kwargs={"session_id": session.pk})
                for name in settings.LEARNING_RESULT_SLOT_URLS
            ],
        },
    )
