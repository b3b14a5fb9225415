"""Pages of both loops. One set of views serves buddy challenges and rallies (`Loop`)."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from agents.incentives import IncentivesEconomy
from agents.orchestrator import Orchestrator, Refused
from attribution.services import request_client_ip, touchpoint_record_for_request
from challenges import flags, selectors, services
from challenges.forms import PlayAnswerForm, PlayStartForm
from challenges.models import BuddyChallenge, Rally
from veltutor.learning import selectors as learning_selectors
from veltutor.learning.models import Question


@dataclass(frozen=True)
class Loop:
    name: str
    model: type
    slug: str  # the URL prefix: "challenge" or "rally"
    opened_event: str
    started_event: str
    completed_event: str


CHALLENGE = Loop(
    name=flags.BUDDY_CHALLENGE,
    model=BuddyChallenge,
    slug="challenge",
    opened_event="link_opened",
    started_event="challenge_started",
    completed_event="challenge_completed",
)
RALLY = Loop(
    name=flags.RESULTS_RALLY,
    model=Rally,
    slug="rally",
    opened_event="rally_viewed",
    started_event="rally_joined",
    completed_event="rally_completed",
)
LOOPS = {loop.slug: loop for loop in (CHALLENGE, RALLY)}


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"status": 429, "message": "Too many requests from your network. Wait a minute."},
        status=429,
    )


def _require_flag(request: HttpRequest, loop: Loop) -> None:
    if not flags.flag_enabled(loop.name, request=request):
        raise Http404("This feature is switched off.")


def _user(request: HttpRequest):
    return request.user if request.user.is_authenticated else None


def _owner_id(link) -> int:
    return link.challenger_id if isinstance(link, BuddyChallenge) else link.owner_id


def public_link_view(method_check):
    """A token page: rate-limited per IP, behind its loop's flag, for an open link only.

    The view receives `(request, config, link)`.
    """

    def decorate(view):
        @ratelimit(key="ip", rate=lambda group, request: settings.LOOP_TOKEN_RATE, block=True)
        @method_check
        @functools.wraps(view)
        def wrapper(request: HttpRequest, loop: str, token: str) -> HttpResponse:
            config = LOOPS[loop]
            _require_flag(request, config)
            return view(request, config, selectors.link_get(model=config.model, token=token))

        return wrapper

    return decorate


def _record(request: HttpRequest, config: Loop, link, event: str, **extra) -> None:
    touchpoint_record_for_request(
        request=request,
        loop=config.name,
        event=event,
        token=link.token,
        inviter_id=_owner_id(link),
        **extra,
    )


# Creating and sharing (the student who invites) --------------------------------------------


@login_required
@require_GET
def result_prompt(request: HttpRequest, session_id: int) -> HttpResponse:
    """The result page's loop prompt (htmx fragment), chosen by the Orchestrator."""
    session = learning_selectors.learning_session_get_for_user(
        user=request.user, session_id=session_id
    )
    existing = [
        (
            loop,
            selectors.link_for_session(model=loop.model, user=request.user, session_id=session.pk),
        )
        for loop in (CHALLENGE, RALLY)
        if flags.flag_enabled(loop.name, request=request)
    ]
    shared = [(loop, link) for loop, link in existing if link is not None]
    if shared:
        return render(request, "challenges/partials/_already_shared.html", {"shared": shared})
    prompt = Orchestrator().result_prompt(user=request.user, session=session, request=request)
    if prompt is None:
        return HttpResponse("")
    return render(
        request,
        "challenges/partials/_prompt.html",
        {
            "prompt": prompt,
            "loop": LOOPS["rally" if prompt.loop == RALLY.name else "challenge"],
            "session": session,
        },
    )


@login_required
@require_POST
def link_create(request: HttpRequest, loop: str) -> HttpResponse:
    config = LOOPS[loop]
    _require_flag(request, config)
    try:
        session_id = int(request.POST.get("session", ""))
    except ValueError as error:
        raise Http404("No such session.") from error
    outcome = Orchestrator().invite_create(
        loop_name=config.name,
        user=request.user,
        session_id=session_id,
        visitor_id=request.visitor_id,
        ip=request_client_ip(request),
        request=request,
    )
    if isinstance(outcome, Refused):
        status = 429 if outcome.reason == "rate_limited" else 400
        return render(
            request, "error.html", {"status": status, "message": outcome.detail}, status=status
        )
    return redirect(f"challenges:{loop}_share", token=outcome.token)


@login_required
@require_GET
def link_share(request: HttpRequest, loop: str, token: str) -> HttpResponse:
    """The owner's share page: the link, copy and share buttons, the offer, friends' results."""
    config = LOOPS[loop]
    _require_flag(request, config)
    link = selectors.link_get_for_owner(model=config.model, token=token, user=request.user)
    offer = IncentivesEconomy().offer_for_inviter(user_id=request.user.pk)
    share_url = request.build_absolute_uri(reverse(f"challenges:{loop}_landing", args=[token]))
    return render(
        request,
        "challenges/share.html",
        {
            "link": link,
            "loop": config,
            "share_url": share_url,
            "offer": offer,
            "plays": link.plays.order_by("-inserted_at"),
        },
    )


@login_required
@require_GET
def my_links(request: HttpRequest) -> HttpResponse:
    challenges, rallies = selectors.link_list_for_owner(user=request.user)
    return render(
        request,
        "challenges/my_links.html",
        {
            "challenges": challenges if flags.flag_enabled(CHALLENGE.name, request=request) else [],
            "rallies": rallies if flags.flag_enabled(RALLY.name, request=request) else [],
        },
    )


# Playing (the friend who was invited; no account needed) -----------------------------------


def _public_context(request: HttpRequest, config: Loop, link) -> dict:
    user = _user(request)
    return {
        "link": link,
        "loop": config,
        "summary": selectors.public_summary_get(link=link),
        # A browser we have never seen, signed out, cannot have played yet: skip the lookup.
        "play": None
        if user is None and getattr(request, "visitor_is_new", False)
        else services.play_get(link=link, visitor_id=request.visitor_id, user=user),
        "is_owner": user is not None and user.pk == _owner_id(link),
        "start_form": PlayStartForm(),
    }


@public_link_view(require_GET)
def link_landing(request: HttpRequest, config: Loop, link) -> HttpResponse:
    _record(request, config, link, config.opened_event, channel=request.GET.get("via", "link"))
    return render(request, "challenges/landing.html", _public_context(request, config, link))


@public_link_view(require_POST)
def play_start(request: HttpRequest, config: Loop, link) -> HttpResponse:
    form = PlayStartForm(request.POST)
    if not form.is_valid():
        context = {**_public_context(request, config, link), "start_form": form}
        return render(request, "challenges/landing.html", context, status=400)
    existing = services.play_get(link=link, visitor_id=request.visitor_id, user=_user(request))
    play = services.play_start(
        link=link,
        visitor_id=request.visitor_id,
        user=_user(request),
        display_name=form.cleaned_data["display_name"],
        ip=request_client_ip(request),
    )
    if existing is None:
        _record(request, config, link, config.started_event, metadata={"play_id": play.pk})
    target = "result" if play.is_completed else "play"
    return redirect(f"challenges:{config.slug}_{target}", token=link.token)


def _question_context(config: Loop, link, play, form=None) -> dict:
    position = play.answered_count + 1
    questions = link.deck.question_ids
    question = None
    if position <= len(questions):
        question = Question.objects.filter(pk=questions[position - 1]).first()
    return {
        "loop": config,
        "link": link,
        "play": play,
        "position": position,
        "question": question,
        "form": form or PlayAnswerForm(question=question),
    }


@public_link_view(require_GET)
def play_page(request: HttpRequest, config: Loop, link) -> HttpResponse:
    play = services.play_get(link=link, visitor_id=request.visitor_id, user=_user(request))
    if play is None or play.is_completed:
        target = "landing" if play is None else "result"
        return redirect(f"challenges:{config.slug}_{target}", token=link.token)
    template = "challenges/partials/_question.html" if request.htmx else "challenges/play.html"
    return render(request, template, _question_context(config, link, play))


@public_link_view(require_POST)
def play_answer(request: HttpRequest, config: Loop, link) -> HttpResponse:
    play = services.play_get(link=link, visitor_id=request.visitor_id, user=_user(request))
    if play is None:
        return redirect(f"challenges:{config.slug}_landing", token=link.token)
    form = PlayAnswerForm(request.POST)
    error_template = (
        "challenges/partials/_question.html" if request.htmx else "challenges/play.html"
    )
    if not form.is_valid():
        return render(
            request, error_template, _question_context(config, link, play, form), status=400
        )
    try:
        outcome = services.play_answer(
            link=link,
            visitor_id=request.visitor_id,
            user=_user(request),
            position=form.cleaned_data["position"],
            response=form.cleaned_data["response"],
        )
    except ValidationError as error:
        form.add_error("response", error)
        return render(
            request, error_template, _question_context(config, link, play, form), status=400
        )
    if outcome.play.is_completed and not outcome.already_answered:
        metadata = {"play_id": play.pk, "score": outcome.play.score}
        _record(request, config, link, config.completed_event, metadata=metadata)
    if not request.htmx:
        target = "result" if outcome.play.is_completed else "play"
        return redirect(f"challenges:{config.slug}_{target}", token=link.token)
    return render(
        request,
        "challenges/partials/_feedback.html",
        {"loop": config, "link": link, "outcome": outcome},
    )


@public_link_view(require_GET)
def play_result(request: HttpRequest, config: Loop, link) -> HttpResponse:
    context = _public_context(request, config, link)
    if context["play"] is None or not context["play"].is_completed:
        return redirect(f"challenges:{config.slug}_landing", token=link.token)
    result_url = reverse(f"challenges:{config.slug}_result", args=[link.token])
    context["signup_url"] = f"{reverse('accounts:signup')}?next={result_url}"
    return render(request, "challenges/result.html", context)
