import logging

from django.utils import timezone
from django_tasks import task

from lms.imports.runs import import_job_execute
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
