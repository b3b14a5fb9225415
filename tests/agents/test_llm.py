import json
import time
from decimal import Decimal

import httpx2
import pytest
from django.core.cache import cache
from django.core.checks import run_checks

from agents import llm
from agents.llm import AIFallback, ai_usage_today, call_cost, reword_reasons, spend_today
from agents.models import AICall

ITEMS = [
    {"skill": "Fractions", "reason": "Mastery 40%: below the 60% goal."},
    {"skill": "Ratios", "reason": "Prerequisites done; not started."},
]
SUMMARY = "Grade 6, practised 3 days in a row."
REPLY = ["Fractions are next: you're close to your goal.", "You're ready to start ratios."]


def message(text: str, *, input_tokens: int = 1000, output_tokens: int = 200) -> dict:
    return {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": "claude-haiku-4-5",
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
    }


class FakeAnthropic:
    """The Messages API behind httpx2.MockTransport: counts requests, answers as told."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.answer(request)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def claude(settings, monkeypatch):
    """Configure a key and route the real SDK to a fake transport; set `.answer` per test."""
    settings.ANTHROPIC_API_KEY = "test-key"
    # Not claude-sonnet-4-5: SDK 2.13.0 warns it is deprecated (end of life 2026-11-30).
    settings.AI_MODEL = "claude-haiku-4-5"
    settings.AI_CACHE_ENABLED = True
    settings.AI_DAILY_BUDGET = 50.0
    settings.AI_MAX_RETRIES = 0
    fake = FakeAnthropic(lambda request: httpx2.Response(200, json=message(json.dumps(REPLY))))
    monkeypatch.setattr(
        llm, "_http_client", lambda: httpx2.Client(transport=httpx2.MockTransport(fake))
    )
    return fake


def status(code: int):
    return lambda request: httpx2.Response(
        code, json={"type": "error", "error": {"type": "api_error", "message": "nope"}}
    )


def reply(text: str):
    return lambda request: httpx2.Response(200, json=message(text))


def test_reword_reasons_returns_claudes_reasons_in_order(db, claude):
    assert reword_reasons(items=ITEMS, student_summary=SUMMARY) == REPLY


def test_reword_reasons_sends_the_model_key_and_items_to_the_messages_api(db, claude):
    reword_reasons(items=ITEMS, student_summary=SUMMARY)

    request = claude.requests[0]
    body = json.loads(request.content)
    assert request.url.path == "/v1/messages"
    assert request.headers["authorization"] == "Bearer test-key"
    assert body["model"] == "claude-haiku-4-5"
    assert "Fractions" in body["messages"][0]["content"]


def test_a_call_records_its_tokens_priced_in_exact_dollars(db, claude):
    reword_reasons(items=ITEMS, student_summary=SUMMARY)

    call = AICall.objects.get()
    assert (call.model, call.input_tokens, call.output_tokens) == ("claude-haiku-4-5", 1000, 200)
    assert (call.outcome, call.cost) == ("ok", Decimal("0.002000"))


def test_sonnet_tokens_are_priced_at_three_and_fifteen_dollars_a_million():
    cost = call_cost(model="claude-sonnet-4-5", input_tokens=1000, output_tokens=200)

    assert cost == Decimal("0.006")


def test_an_unknown_model_is_priced_at_the_dearest_known_price(settings):
    settings.AI_PRICES_PER_MTOK = {
        "cheap": {"input": "1.00", "output": "5.00"},
        "dear": {"input": "15.00", "output": "75.00"},
    }

    cost = call_cost(model="claude-future", input_tokens=1_000_000, output_tokens=1_000_000)

    assert cost == Decimal("90.00")


def test_the_same_request_twice_is_answered_from_the_cache_without_http(db, claude):
    reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert reword_reasons(items=ITEMS, student_summary=SUMMARY) == REPLY
    assert len(claude.requests) == 1
    assert list(AICall.objects.order_by("id").values_list("outcome", "cost")) == [
        ("ok", Decimal("0.002000")),
        ("cache_hit", Decimal("0")),
    ]


def test_with_the_cache_disabled_every_request_calls_claude(db, claude, settings):
    settings.AI_CACHE_ENABLED = False

    reword_reasons(items=ITEMS, student_summary=SUMMARY)
    reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert len(claude.requests) == 2


def test_without_a_key_it_falls_back_without_http(db, claude, settings):
    settings.ANTHROPIC_API_KEY = ""

    with pytest.raises(AIFallback) as fallback:
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert fallback.value.reason == "no_key"
    assert claude.requests == []
    assert AICall.objects.get().fallback_reason == "no_key"


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (status(401), "auth_error"),
        (status(429), "rate_limited"),
        (status(500), "server_error"),
        (status(529), "server_error"),
        (reply("Here are your reasons: ..."), "malformed_reply"),
        (reply(json.dumps(REPLY[:1])), "malformed_reply"),
        (reply(json.dumps([REPLY[0], 7])), "malformed_reply"),
        (reply(json.dumps([REPLY[0], " "])), "malformed_reply"),
        (reply(json.dumps({"reasons": REPLY})), "malformed_reply"),
    ],
    ids=[
        "401",
        "429",
        "500",
        "529",
        "not-json",
        "wrong-length",
        "not-a-string",
        "empty-string",
        "not-an-array",
    ],
)
def test_each_failure_falls_back_with_its_reason_and_records_it(db, claude, answer, reason):
    claude.answer = answer

    with pytest.raises(AIFallback) as fallback:
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert fallback.value.reason == reason
    call = AICall.objects.get()
    assert (call.outcome, call.fallback_reason) == ("fallback", reason)


def test_a_transport_timeout_falls_back_as_a_timeout(db, claude):
    def time_out(request):
        raise httpx2.ReadTimeout("slow", request=request)

    claude.answer = time_out

    with pytest.raises(AIFallback) as fallback:
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert fallback.value.reason == "timeout"
    assert AICall.objects.get().fallback_reason == "timeout"


def test_a_refused_connection_falls_back_as_a_connection_error(db, claude):
    def refuse(request):
        raise httpx2.ConnectError("refused", request=request)

    claude.answer = refuse

    with pytest.raises(AIFallback) as fallback:
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert fallback.value.reason == "connection_error"


def test_a_reply_past_the_deadline_is_abandoned_as_a_timeout(db, claude, monkeypatch):
    monkeypatch.setattr(llm, "_DEADLINE_SECONDS", 0.05)

    def dawdle(request):
        time.sleep(0.3)
        return httpx2.Response(200, json=message(json.dumps(REPLY)))

    claude.answer = dawdle
    started = time.perf_counter()

    with pytest.raises(AIFallback) as fallback:
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert fallback.value.reason == "timeout"
    assert time.perf_counter() - started < 0.25


def test_a_malformed_reply_still_counts_its_tokens_towards_the_spend(db, claude):
    claude.answer = reply("not json")

    with pytest.raises(AIFallback):
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert spend_today() == Decimal("0.002000")


def test_server_errors_are_retried_exactly_max_retries_times(db, claude, settings):
    settings.AI_MAX_RETRIES = 1
    claude.answer = status(500)

    with pytest.raises(AIFallback):
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert len(claude.requests) == settings.AI_MAX_RETRIES + 1


def test_a_long_retry_after_does_not_hold_up_the_answer(db, claude, settings):
    settings.AI_MAX_RETRIES = 1
    claude.answer = lambda request: httpx2.Response(
        429, headers={"retry-after": "30"}, json={"type": "error", "error": {"type": "x"}}
    )
    started = time.perf_counter()

    with pytest.raises(AIFallback):
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert time.perf_counter() - started < 2


def test_with_the_budget_spent_it_falls_back_without_http(db, claude, settings):
    settings.AI_DAILY_BUDGET = 0.01
    AICall.objects.create(
        model="claude-sonnet-4-5",
        operation="reword_reasons",
        outcome="ok",
        cost=Decimal("0.006"),
        latency_ms=1,
    )
    AICall.objects.create(
        model="claude-sonnet-4-5",
        operation="reword_reasons",
        outcome="ok",
        cost=Decimal("0.004"),
        latency_ms=1,
    )

    with pytest.raises(AIFallback) as fallback:
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert fallback.value.reason == "budget_spent"
    assert claude.requests == []
    assert AICall.objects.filter(fallback_reason="budget_spent").count() == 1


def test_ai_usage_today_reports_spend_budget_and_cache_hit_rate(db, claude, settings):
    reword_reasons(items=ITEMS, student_summary=SUMMARY)
    reword_reasons(items=ITEMS, student_summary=SUMMARY)
    settings.ANTHROPIC_API_KEY = ""
    with pytest.raises(AIFallback):
        reword_reasons(items=ITEMS, student_summary=SUMMARY)

    assert ai_usage_today() == {
        "spend": Decimal("0.002000"),
        "budget": Decimal("50.0"),
        "calls": 3,
        "cache_hits": 1,
        "cache_hit_rate": pytest.approx(1 / 3),
        "fallbacks": 1,
    }


def test_ai_usage_today_has_no_hit_rate_before_any_call(db):
    assert ai_usage_today()["cache_hit_rate"] is None


def test_the_system_check_warns_without_a_key(settings):
    settings.ANTHROPIC_API_KEY = ""

    assert "veltutor.W001" in [message.id for message in run_checks()]


def test_the_system_check_is_silent_with_a_key(settings):
    settings.ANTHROPIC_API_KEY = "test-key"

    assert "veltutor.W001" not in [message.id for message in run_checks()]
