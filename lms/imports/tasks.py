import logging

from django.utils import timezone
from django_tasks import task

from lms.imports.services import import_job_execute
from lms.models import ImportJob

logger = logging.getLogger(__name__)


@task()
def import_job_task(job_id: int, dry_run: bool) -> str:
    """Check or apply a large import in the worker; returns the final status."""
    job = ImportJob.objects.get(pk=job_id)
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
def search_index_update(model_label: str) -> int:
    """Re-index one model in Wagtail search after a bulk import; returns the count."""
    from django.apps import apps
    from wagtail.search.backends import get_search_backends
    from wagtail.search.index import class_is_indexed

    model = apps.get_model(model_label)
    if not class_is_indexed(model):
        return 0
    count = 0
    for backend in get_search_backends(with_auto_update=True):
        batch = []
        count = 0
        for obj in model._default_manager.all().iterator(chunk_size=2000):
            batch.append(obj)
            if len(batch) == 2000:
                backend.add_bulk(model, batch)
                count += len(batch)
                batch = []
        if batch:
            backend.add_bulk(model, batch)
            count += len(batch)
    return count
