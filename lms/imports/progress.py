"""Import progress, kept in the cache rather than the database.

The import itself runs in one long transaction, so progress written to the
database would stay invisible (or, on SQLite, block) until the end.
"""

from django.core.cache import cache

TIMEOUT = 60 * 60 * 6


def _key(job_id: int) -> str:
    return f"lms:import-progress:{job_id}"


def progress_set(job_id: int, done: int, total: int) -> None:
    cache.set(_key(job_id), (done, total), TIMEOUT)


def progress_get(job_id: int) -> tuple[int, int] | None:
    return cache.get(_key(job_id))


def progress_clear(job_id: int) -> None:
    cache.delete(_key(job_id))
