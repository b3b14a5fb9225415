"""Recommendation latency without AI, with a (mocked) Claude call, and on a cache hit.

    .venv/bin/python scripts/bench_recommendation_latency.py [--calls 300]

Runs on a throw-away SQLite copy of the demo (seed_demo), never the network: the real
anthropic SDK talks to an in-process httpx MockTransport that answers instantly, so the
"Claude" row measures our side of a call (prompt, SDK, parsing, cost recording).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(samples: list[float], share: float) -> float:
    return statistics.quantiles(sorted(samples), n=100, method="inclusive")[round(share * 100) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="veltutor.settings"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import httpx2
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command

    from agents import llm
    from agents.personalization import Personalization
    from veltutor.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--sessions", "12", stdout=open(os.devnull, "w"))  # noqa: SIM115
    student = User.objects.get(username="demo")
    agent = Personalization()

    def reply(request: httpx2.Request) -> httpx2.Response:
        items = json.loads(request.content)["messages"][0]["content"].count('"skill"')
        text = json.dumps([f"Reason {n}" for n in range(max(items, 1))])
        body = {
            "id": "msg_bench",
            "type": "message",
            "role": "assistant",
            "model": settings.AI_MODEL,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 400, "output_tokens": 120},
        }
        return httpx2.Response(200, json=body)

    llm._http_client = lambda: httpx2.Client(transport=httpx2.MockTransport(reply))

    def measure(**kwargs) -> list[float]:
        samples = []
        for _ in range(args.calls):
            started = time.perf_counter()
            agent.get_recommendations(user_id=student.pk, subject_id="math", **kwargs)
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    rows = [("rules only (use_ai=False)", measure(use_ai=False))]
    settings.ANTHROPIC_API_KEY = "bench-key"
    settings.AI_CACHE_ENABLED = False
    rows.append(("Claude call, mocked transport", measure()))
    settings.AI_CACHE_ENABLED = True
    cache.clear()
    agent.get_recommendations(user_id=student.pk, subject_id="math")  # fills the cache
    rows.append(("Claude wording, cache hit", measure()))
    worded = agent.get_recommendations(user_id=student.pk, subject_id="math")
    print(f"Recommendation latency, {args.calls} calls each (demo student, math)")
    print(f"{'path':<32}{'p50 ms':>9}{'p95 ms':>9}")
    for label, samples in rows:
        print(f"{label:<32}{percentile(samples, 0.5):>9.2f}{percentile(samples, 0.95):>9.2f}")
    print(f"cache-hit answer worded by: {worded[0].worded_by if worded else 'n/a'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
