"""Load on the public token pages, and on the floor they are measured against.

Pick the user class on the command line:

    locust -f tests/load/locustfile.py --host http://127.0.0.1:8000 PageVisitor   # pages
    locust -f tests/load/locustfile.py --host http://127.0.0.1:8000 FloorVisitor  # /api/ping

PageVisitor reads real tokens from the JSON file named by env LOAD_TOKENS
(`{"challenge": [...], "rally": [...]}`) and opens /challenge/<token> and /rally/<token>
in proportion to how many of each there are. FloorVisitor GETs /api/ping: the whole
middleware stack with no view work and no database, i.e. the best this server can do.

Closed loop: each user sends its next request as soon as the last one is answered, plus a
random pause of up to env LOAD_WAIT_MAX seconds (default 0).
"""

import json
import os
import random
from functools import cache

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

WAIT_MAX = float(os.environ.get("LOAD_WAIT_MAX", "0"))


@cache
def token_paths() -> list[tuple[str, str]]:
    """(path, stats name) of every token page in the LOAD_TOKENS file."""
    source = os.environ.get("LOAD_TOKENS")
    if not source:
        raise RuntimeError("Set LOAD_TOKENS to a JSON file of challenge and rally tokens.")
    with open(source, encoding="utf-8") as handle:
        tokens = json.load(handle)
    paths = [
        (f"/{loop}/{token}", f"/{loop}/[token]")
        for loop in ("challenge", "rally")
        for token in tokens.get(loop, [])
    ]
    if not paths:
        raise RuntimeError(f"{source} holds no tokens.")
    return paths


class PageVisitor(FastHttpUser):
    """A friend opening a shared challenge or rally link."""

    wait_time = between(0, WAIT_MAX)

    def on_start(self) -> None:
        self.paths = token_paths()

    @task
    def open_link(self) -> None:
        path, name = random.choice(self.paths)
        self.client.get(path, name=name)


class FloorVisitor(FastHttpUser):
    """The floor: same server, same middleware, no view work and no database."""

    wait_time = between(0, WAIT_MAX)

    @task
    def ping(self) -> None:
        self.client.get("/api/ping")
