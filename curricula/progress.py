"""Progress of an assignment's synchronisation, in the cache (as imports do).

The synchronisation runs in one transaction, so progress written to the
database would stay invisible until the end.
"""

from django.core.cache import cache

TIMEOUT = 60 * 60


def _key(assignment_id: int) -> str:
    return f"curricula:sync-progress:{assignment_id}"


def progress_set(assignment_id: int, done: int, total: int) -> None:
    cache.set(_key(assignment_id), (done, total), TIMEOUT)


def progress_get(assignment_id: int) -> tuple[int, int] | None:
    return cache.get(_key(assignment_id))


def progress_clear(assignment_id: int) -> None:
    cache.delete(_key(assignment_id))
