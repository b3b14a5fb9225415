"""Recording agent calls: one INSERT per call, never breaking the call it records."""

import functools
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError

from agents.models import AgentRun
from veltutor.db import telemetry_write
from veltutor.errors import DomainError
from veltutor.metrics import record_agent_call

logger = logging.getLogger(__name__)


class RunRecord:
    """Yielded to the block being recorded, which may mark the outcome as a fallback."""

    __slots__ = ("error_type", "outcome")

    def __init__(self) -> None:
        self.outcome = AgentRun.Outcome.OK
        self.error_type = ""

    def fallback(self, reason: str) -> None:
        self.outcome = AgentRun.Outcome.FALLBACK
        self.error_type = reason[:120]


def _save(*, agent: str, operation: str, outcome: str, started: float, error_type: str) -> None:
    run = AgentRun(
        agent=agent,
        operation=operation,
        outcome=outcome,
        latency_ms=(time.perf_counter() - started) * 1000,
        error_type=error_type,
    )
    record_agent_call(agent, operation, outcome, run.latency_ms / 1000)
    try:
        with telemetry_write():
            run.save(force_insert=True)
    except DatabaseError:
        logger.exception("agent_run_not_recorded", extra={"agent": agent, "op": operation})


@contextmanager
def agent_run(agent: str, operation: str) -> Iterator[RunRecord]:
    record = RunRecord()
    started = time.perf_counter()
    try:
        yield record
    except DomainError as error:
        _save(
            agent=agent,
            operation=operation,
            outcome=AgentRun.Outcome.REFUSED,
            started=started,
            error_type=type(error).__name__,
        )
        raise
    except Exception as error:
        _save(
            agent=agent,
            operation=operation,
            outcome=AgentRun.Outcome.ERROR,
            started=started,
            error_type=type(error).__name__,
        )
        raise
    _save(
        agent=agent,
        operation=operation,
        outcome=record.outcome,
        started=started,
        error_type=record.error_type,
    )


def recorded(operation: str):
    """Decorate an agent method: the call is recorded under the class's `name`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            with agent_run(self.name, operation):
                return method(self, *args, **kwargs)

        return wrapper

    return decorate
