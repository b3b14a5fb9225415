from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def telemetry_write() -> Iterator[None]:
    """Wrap one best-effort telemetry INSERT (touchpoints, agent runs).

    Inside the caller's transaction it takes a savepoint, so that a failed INSERT cannot
    abort the caller's work on PostgreSQL; on its own it is a plain autocommit INSERT, one
    round trip. (A `synchronous_commit = off` transaction was measured slower here: the
    extra BEGIN/SET/COMMIT round trips cost more than the WAL flush they save.)
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
    else:
        yield
