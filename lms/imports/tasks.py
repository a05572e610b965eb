import logging

from django.apps import apps
from django.utils import timezone
from django_tasks import task
from wagtail.search.backends import get_search_backends
from wagtail.search.index import class_is_indexed

from lms.imports.services import import_job_execute
from lms.models import ImportJob

logger = logging.getLogger(__name__)


@task()
def import_job_task(job_id: int, dry_run: bool) -> str:
    """Check or apply a large import in the worker; returns the final status."""
    job = ImportJob.objects.get(pk=job_id)
    if not job.is_running:
        # Marked failed by the sweep while it waited in the queue: a retry
        # enqueues it afresh, so this stale task does nothing.
        return job.status
    try:
        return import_job_execute(job=job, dry_run=dry_run).status
    except Exception:
        # Never leave a job "running" for ever: the admin would poll it forever.
        logger.exception("Import job %s crashed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now()
        )
        raise


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
