"""Claude, through the anthropic SDK: the only module that imports `anthropic`.

Agents ask Claude to word their reasons when `ANTHROPIC_API_KEY` is set. Every request is
answered within 2 s (see `_DEADLINE_SECONDS`), cached, priced and recorded as one `AICall`
row; any failure raises `AIFallback` so the caller keeps its deterministic reasons.
"""

import hashlib
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime
from datetime import time as dt_time
from decimal import ROUND_UP, Decimal

import anthropic
import httpx2
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Q, Sum
from django.utils import timezone

from agents.models import AICall
from veltutor.db import telemetry_write

logger = logging.getLogger("veltutor.agents.llm")

REWORD_OPERATION = "reword_reasons"
FALLBACK_REASONS = frozenset(
    {
        "no_key",
        "budget_spent",
        "auth_error",
        "rate_limited",
        "server_error",
        "timeout",
        "malformed_reply",
        "connection_error",
    }
)

# Latency budget. The SDK's own bounds are: each attempt's connect/write/read operations time
# out after AI_TIMEOUT_SECONDS (connect after at most _CONNECT_SECONDS), AI_MAX_RETRIES
# retries follow and the wait before each retry is capped at _MAX_RETRY_WAIT_SECONDS, even
# when the API sends a longer `retry-after`. With the defaults that is 0.8 s × 2 attempts +
# 0.2 s = 1.8 s. Because httpx timeouts apply per I/O operation rather than per request, the
# call also runs under a hard wall-clock deadline: past _DEADLINE_SECONDS the caller gets a
# "timeout" fallback at once while the worker thread finishes within the SDK's bounds.
_CONNECT_SECONDS = 0.5
_MAX_RETRY_WAIT_SECONDS = 0.2
_DEADLINE_SECONDS = 1.9
_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="claude")

_MILLION = Decimal(1_000_000)
_MICRODOLLAR = Decimal("0.000001")


class AIFallback(Exception):
    """Claude gave no usable answer; `reason` says why (one of FALLBACK_REASONS)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _BoundedRetryAnthropic(anthropic.Anthropic):
    """The SDK client, except that no retry waits longer than _MAX_RETRY_WAIT_SECONDS."""

    def _calculate_retry_timeout(self, *args, **kwargs) -> float:
        return min(super()._calculate_retry_timeout(*args, **kwargs), _MAX_RETRY_WAIT_SECONDS)

    @property
    def user_agent(self) -> str:
        return f"Anthropic/Python {self._version}"


def _http_client() -> httpx2.Client | None:
    """The HTTP client for the SDK: None (the SDK's own) except in tests."""
    return None


def anthropic_client() -> anthropic.Anthropic:
    return _BoundedRetryAnthropic(
        api_key=settings.ANTHROPIC_API_KEY,
        timeout=httpx2.Timeout(
            settings.AI_TIMEOUT_SECONDS,
            connect=min(_CONNECT_SECONDS, settings.AI_TIMEOUT_SECONDS),
        ),
        max_retries=settings.AI_MAX_RETRIES,
        http_client=_http_client(),
    )


# Prices and spend


def _price(model: str) -> dict[str, Decimal]:
    prices = {
        name: {kind: Decimal(value) for kind, value in price.items()}
        for name, price in settings.AI_PRICES_PER_MTOK.items()
    }
    if model in prices:
        return prices[model]
    logger.warning("ai_price_unknown", extra={"ai_model": model})
    return max(prices.values(), key=lambda price: (price["output"], price["input"]))


def call_cost(*, model: str, input_tokens: int, output_tokens: int) -> Decimal:
    """Dollars for one call: tokens × the model's price per million tokens, exactly."""
    price = _price(model)
    return input_tokens * price["input"] / _MILLION + output_tokens * price["output"] / _MILLION


def _today_calls():
    start = timezone.make_aware(datetime.combine(timezone.localdate(), dt_time.min))
    return AICall.objects.filter(inserted_at__gte=start)


def spend_today() -> Decimal:
    total = _today_calls().aggregate(total=Sum("cost"))["total"]
    return total if total is not None else Decimal(0)


def ai_usage_today() -> dict:
    """Today's Claude usage for the dashboard. `cache_hit_rate` is cache hits / calls."""
    totals = _today_calls().aggregate(
        spend=Sum("cost"),
        calls=Count("id"),
        cache_hits=Count("id", filter=Q(outcome=AICall.Outcome.CACHE_HIT)),
        fallbacks=Count("id", filter=Q(outcome=AICall.Outcome.FALLBACK)),
    )
    calls = totals["calls"]
    return {
        "spend": totals["spend"] if totals["spend"] is not None else Decimal(0),
        "budget": Decimal(str(settings.AI_DAILY_BUDGET)),
        "calls": calls,
        "cache_hits": totals["cache_hits"],
        "cache_hit_rate": totals["cache_hits"] / calls if calls else None,
        "fallbacks": totals["fallbacks"],
    }


# Recording


def _record(
    *,
    model: str,
    outcome: str,
    started: float,
    reason: str = "",
    input_tokens: int = 0,
    output_tokens: int = 0,
    cost: Decimal = Decimal(0),
) -> None:
    latency_ms = (time.perf_counter() - started) * 1000
    extra = {
        "ai_model": model,
        "operation": REWORD_OPERATION,
        "outcome": outcome,
        "reason": reason,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cost": str(cost),
        "latency_ms": round(latency_ms, 1),
    }
    if outcome == AICall.Outcome.FALLBACK:
        logger.warning("ai_call_fallback", extra=extra)
    else:
        logger.info("ai_call_done", extra=extra)
    call = AICall(
        model=model,
        operation=REWORD_OPERATION,
        outcome=outcome,
        fallback_reason=reason,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost=cost.quantize(_MICRODOLLAR, rounding=ROUND_UP),
        latency_ms=latency_ms,
    )
    try:
        with telemetry_write():
            call.save(force_insert=True)
    except DatabaseError:
        logger.exception("ai_call_not_recorded", extra={"ai_model": model})


# Calling Claude

_SYSTEM_PROMPT = (
    "You word practice recommendations for a student on a tutoring site. For each "
    "recommendation you are given, write one short, warm, concrete reason (at most 20 words) "
    "addressed to the student as 'you'. Keep the facts of the original reason; invent nothing. "
    "Answer with a JSON array of strings only, one string per recommendation, in the same "
    "order, and nothing else."
)


def _reword_prompt(*, items: list[dict], student_summary: str) -> str:
    recommendations = [{"skill": str(item["skill"]), "reason": item["reason"]} for item in items]
    return (
        f"Student: {student_summary}\n"
        f"Recommendations ({len(items)}):\n"
        f"{json.dumps(recommendations, ensure_ascii=False, indent=1)}"
    )


def _cache_key(model: str, prompt: str) -> str:
    digest = hashlib.sha256(json.dumps([model, _SYSTEM_PROMPT, prompt]).encode()).hexdigest()
    return f"veltutor:ai:{REWORD_OPERATION}:{digest}"


def _parse_reasons(text: str, *, count: int) -> list[str]:
    try:
        reasons = json.loads(text)
    except ValueError:
        raise AIFallback("malformed_reply") from None
    if (
        not isinstance(reasons, list)
        or len(reasons) != count
        or not all(isinstance(reason, str) and reason.strip() for reason in reasons)
    ):
        raise AIFallback("malformed_reply")
    return [reason.strip() for reason in reasons]


def _fallback_reason(error: anthropic.APIError) -> str:
    if isinstance(error, anthropic.APITimeoutError):
        return "timeout"
    if isinstance(error, anthropic.APIConnectionError):
        return "connection_error"
    if isinstance(error, anthropic.AuthenticationError | anthropic.PermissionDeniedError):
        return "auth_error"
    if isinstance(error, anthropic.RateLimitError):
        return "rate_limited"
    if isinstance(error, anthropic.APIResponseValidationError):
        return "malformed_reply"
    # 5xx and 529 overloaded; any other status (400, 404, 413 ...) is also the API refusing.
    return "server_error"


def _create_message(client: anthropic.Anthropic, *, model: str, prompt: str, max_tokens: int):
    with client:
        return client.messages.create(
            model=model,
            max_tokens=max_tokens,
            system=_SYSTEM_PROMPT,
            messages=[{"role": "user", "content": prompt}],
        )


def _ask_claude(*, model: str, prompt: str, count: int) -> tuple[str, int, int]:
    """(reply text, input tokens, output tokens), or AIFallback; never past the deadline."""
    future = _executor.submit(
        _create_message,
        anthropic_client(),
        model=model,
        prompt=prompt,
        max_tokens=min(60 * count + 100, 2048),
    )
    try:
        message = future.result(timeout=_DEADLINE_SECONDS)
    except FutureTimeout:
        future.cancel()
        raise AIFallback("timeout") from None
    except anthropic.APIError as error:
        raise AIFallback(_fallback_reason(error)) from error
    try:
        input_tokens = int(message.usage.input_tokens)
        output_tokens = int(message.usage.output_tokens)
    except (AttributeError, TypeError, ValueError):
        raise AIFallback("malformed_reply") from None
    blocks = getattr(message, "content", None) or [None]
    return getattr(blocks[0], "text", ""), input_tokens, output_tokens


def reword_reasons(*, items: list[dict], student_summary: str) -> list[str]:
    """One short student-friendly reason per item (same order), or AIFallback.

    Records exactly one AICall row per call. An empty `items` asks nothing and records nothing.
    """
    if not items:
        return []
    model = settings.AI_MODEL
    started = time.perf_counter()
    input_tokens = output_tokens = 0
    try:
        if not settings.ANTHROPIC_API_KEY:
            raise AIFallback("no_key")
        prompt = _reword_prompt(items=items, student_summary=student_summary)
        key = _cache_key(model, prompt)
        if settings.AI_CACHE_ENABLED:
            cached = cache.get(key)
            if cached is not None:
                _record(model=model, outcome=AICall.Outcome.CACHE_HIT, started=started)
                return list(cached)
        if spend_today() >= Decimal(str(settings.AI_DAILY_BUDGET)):
            raise AIFallback("budget_spent")
        text, input_tokens, output_tokens = _ask_claude(
            model=model, prompt=prompt, count=len(items)
        )
        reasons = _parse_reasons(text, count=len(items))
    except AIFallback as fallback:
        # A malformed reply was still paid for: its tokens count towards the budget.
        _record(
            model=model,
            outcome=AICall.Outcome.FALLBACK,
            started=started,
            reason=fallback.reason,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cost=call_cost(model=model, input_tokens=input_tokens, output_tokens=output_tokens)
            if input_tokens or output_tokens
            else Decimal(0),
        )
        raise
    cost = call_cost(model=model, input_tokens=input_tokens, output_tokens=output_tokens)
    _record(
        model=model,
        outcome=AICall.Outcome.OK,
        started=started,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost=cost,
    )
    if settings.AI_CACHE_ENABLED:
        cache.set(key, reasons, timeout=settings.AI_CACHE_TTL)
    return reasons
