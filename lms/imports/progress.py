"""Import progress, kept in the cache rather than the database.

The import itself runs in one long transaction, so progress written to the
database would stay invisible (or, on SQLite, block) until the end.
"""

import time

from django.core.cache import cache

TIMEOUT = 60 * 60 * 6
# Importers report progress every this many rows.
PROGRESS_EVERY = 250


def _key(job_id: int) -> str:
    return f"lms:import-progress:{job_id}"


def _alive_key(job_id: int) -> str:
    return f"lms:import-alive:{job_id}"


def progress_set(job_id: int, done: int, total: int) -> None:
    cache.set(_key(job_id), (done, total), TIMEOUT)
    progress_touch(job_id)


def progress_touch(job_id: int) -> None:
    """A sign of life from the process working on the job."""
    cache.set(_alive_key(job_id), time.time(), TIMEOUT)


def progress_last_seen(job_id: int) -> float | None:
    """When the job's process last gave a sign of life (a Unix time), if known."""
    return cache.get(_alive_key(job_id))


def progress_get(job_id: int) -> tuple[int, int] | None:
    return cache.get(_key(job_id))


def progress_clear(job_id: int) -> None:
    cache.delete_many([_key(job_id), _alive_key(job_id)])
