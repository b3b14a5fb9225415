import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from rewards import selectors, services
from rewards.exceptions import RewardNotFound
from veltutor.errors import DomainError
from veltutor.learning import selectors as learning_selectors

SESSION_ACTIONS = {"practice": "complete_practice", "diagnostic": "complete_diagnostic"}


@login_required
@require_GET
def result_slot(request: HttpRequest, session_id: int) -> HttpResponse:
    """The reward notification on a finished session's result page (htmx fragment)."""
    session = learning_selectors.learning_session_get_for_user(
        user=request.user, session_id=session_id
    )
    grant = selectors.grant_get_by_key(
        idempotency_key=f"{SESSION_ACTIONS[session.kind]}:session:{session.pk}"
    )
    if grant is None or grant.user_id != request.user.pk:
        return HttpResponse("")
    return render(request, "rewards/partials/_grant_card.html", {"grant": grant})


@login_required
@require_POST
def claim(request: HttpRequest, entry_id: int) -> HttpResponse:
    result = services.reward_claim(user_id=request.user.pk, entry_id=entry_id)
    if request.htmx:
        return render(
            request,
            "rewards/partials/_grant_card.html",
            {"grant": result.entry, "points_balance": result.balance, "just_claimed": True},
        )
    messages.success(request, f"+{result.entry.points} points claimed.")
    return redirect("rewards:index")


@login_required
@require_POST
def claim_all(request: HttpRequest) -> HttpResponse:
    result = services.reward_claim_all(user_id=request.user.pk)
    if result.claimed:
        messages.success(request, f"Claimed {result.claimed} rewards: +{result.points} points.")
    return redirect("rewards:index")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user_id = request.user.pk
    return render(
        request,
        "rewards/index.html",
        {
            "available": selectors.grant_list_available_for_user(user_id=user_id),
            "on_hold": selectors.grant_list_pending_for_user(user_id=user_id),
            "history": selectors.ledger_list_for_user(user_id=user_id, limit=30),
            "catalog": selectors.catalog_list_for_user(user_id=user_id),
            "redeem_key": uuid.uuid4().hex,
        },
    )


@login_required
@require_POST
def redeem(request: HttpRequest, reward_code: str) -> HttpResponse:
    try:
        result = services.reward_redeem(
            user_id=request.user.pk,
            reward_code=reward_code,
            idempotency_key=request.POST.get("idempotency_key", "")[:64] or None,
        )
    except RewardNotFound:
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("rewards:index")
    if result.created:
        messages.success(
            request,
            f"You redeemed {result.entry.reward.name}. {result.balance} points left.",
        )
    return redirect("rewards:index")
