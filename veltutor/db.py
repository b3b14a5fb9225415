from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def telemetry_write() -> Iterator[None]:
    """Wrap one best-effort telemetry INSERT (touchpoints, agent runs).

    Inside the caller's transaction: a savepoint, so a failed INSERT cannot abort it. On its
    own on PostgreSQL: a transaction with `synchronous_commit` off, so the request does not
    wait for the WAL flush; a crash may lose the last few milliseconds of telemetry, never
    a ledger row (those commit synchronously as usual).
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            yield
    else:
        yield
