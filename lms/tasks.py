from django.apps import apps
from django.utils import timezone
from django_tasks import task
from wagtail.search.backends import get_search_backends
from wagtail.search.index import class_is_indexed


@task()
def tasks_ping() -> str:
    """A task with no side effects: proves a worker is consuming the queue."""
    return timezone.now().isoformat()


@task()
def search_index_update(model_label: str, ids: list | None = None) -> int:
    """Re-index rows of one model (all, or `ids`) in Wagtail search; returns the
    count. Imports call it for the rows they wrote."""
    model = apps.get_model(model_label)
    if not class_is_indexed(model):
        return 0
    count = 0
    for backend in get_search_backends(with_auto_update=True):
        count = 0
        for batch in _batches(model, ids):
            backend.add_bulk(model, batch)
            count += len(batch)
    return count


def _batches(model, ids, size: int = 2000):
    """Rows in lists of `size`; ids are chunked too (SQLite caps parameters)."""
    rows = model._default_manager.all()
    if ids is None:
        batch = []
        for obj in rows.iterator(chunk_size=size):
            batch.append(obj)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch
        return
    for start in range(0, len(ids), size):
        yield list(rows.filter(pk__in=ids[start : start + size]))
