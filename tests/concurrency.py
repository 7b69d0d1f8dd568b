"""Run requests truly at the same time, for races that only a real database shows."""

import threading

from django.db import connection


def at_once(count, request):
    """Run `request(n)` in `count` threads released together; returns their results."""
    barrier = threading.Barrier(count)
    results = [None] * count
    errors = []

    def run(n):
        try:
            barrier.wait(timeout=10)
            results[n] = request(n)
        except Exception as error:  # reported below, with the thread's number
            errors.append((n, error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results
