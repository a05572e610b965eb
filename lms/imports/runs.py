"""One run of an importer: over a table, or over a job's stored file.

Shared by the request (small files) and the task worker (large ones); the
job's life around it (upload, confirm, retry, expiry) is lms.imports.services.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from wagtail.log_actions import log

from lms.imports import registry
from lms.imports.progress import progress_clear, progress_set, progress_touch
from lms.imports.readers import FileRejected, Table, read_table
from lms.imports.report import ImportReport, RowError
from lms.imports.signals import import_applied
from lms.models import ImportJob


def inline_max_rows() -> int:
    return getattr(settings, "IMPORT_INLINE_MAX_ROWS", 2000)


def _read(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        return read_table(handle.read(), job.file_name)


def import_run(
    *, importer_name: str, table: Table, dry_run: bool, user=None, progress=None
) -> ImportReport:
    """Run one importer over a table: every error collected, nothing half-written."""
    importer = registry.get(importer_name)
    report = importer.run(table, dry_run=dry_run, user=user, progress=progress)
    if not report.ok:
        # One invalid row means nothing is written, so a failed check or import
        # has no new, updated or unchanged rows to announce.
        report.new = report.updated = report.skipped = 0
    elif not dry_run and (report.new or report.updated):
        transaction.on_commit(
            lambda: import_applied.send(sender=importer_name, report=report)
        )
    return report


def import_job_execute(*, job: ImportJob, dry_run: bool, progress=None) -> ImportJob:
    """Check or apply a job's file now, in the job's language, and store the report."""
    progress_touch(job.pk)
    with translation.override(job.language):
        try:
            table = _read(job)
        except FileRejected as error:
            report = ImportReport(errors=[RowError(0, "", str(error))], dry_run=dry_run)
        else:
            total = len(table.rows)
            progress_set(job.pk, 0, total)

            def report_progress(done: int) -> None:
                progress_set(job.pk, min(done, total), total)
                if progress:
                    progress(min(done, total), total)

            report = import_run(
                importer_name=job.importer,
                table=table,
                dry_run=dry_run,
                user=job.created_by,
                progress=report_progress,
            )
    progress_clear(job.pk)
    job.total_rows = report.total
    job.new_count = report.new
    job.updated_count = report.updated
    job.skipped_count = report.skipped
    job.error_count = len(report.errors)
    job.report = report.as_dict()
    if dry_run:
        job.status = ImportJob.Status.PREVIEWED
    else:
        job.status = (
            ImportJob.Status.SUCCEEDED if report.ok else ImportJob.Status.FAILED
        )
        job.finished_at = timezone.now()
    job.save()
    log(
        instance=job,
        action="lms.import_check" if dry_run else "lms.import",
        user=job.created_by,
        data={
            "importer": job.importer,
            "file_name": job.file_name,
            "rows": report.total,
            "new": report.new,
            "updated": report.updated,
            "unchanged": report.skipped,
            "errors": len(report.errors),
            "status": job.status,
        },
    )
    return job
