"""Running callables at the same moment in threads, for race tests on PostgreSQL."""

import threading

from django.db import connection


def run_together(*calls) -> list:
    """Start every call at once (a barrier); return each one's result or raised exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
