"""Run one function in two threads at the same moment (PostgreSQL races)."""

import threading

from django.db import connection


def run_together(function, times: int = 2) -> tuple[list, list]:
    """Call `function()` in `times` threads released together by a barrier;
    return (the results, the exceptions raised). Each thread closes its own
    database connection."""
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
