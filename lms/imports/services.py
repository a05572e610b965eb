"""The life of an import: upload and check (dry run), then confirm and apply.

Small files run inline; files over IMPORT_INLINE_MAX_ROWS rows run as a
background task with progress. Either way the work is all-or-nothing and
the ImportJob keeps the report; Wagtail's audit log records each step.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.imports import registry
from lms.imports.base import ImportReport, RowError
from lms.imports.progress import progress_clear, progress_set
from lms.imports.readers import FileRejected, Table, read_table
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
    return report


def import_job_execute(*, job: ImportJob, dry_run: bool, progress=None) -> ImportJob:
    """Check or apply a job's file now, in the job's language, and store the report."""
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
                importer_name=job.resource,
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
            "resource": job.resource,
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


def _dispatch(job: ImportJob, *, dry_run: bool, rows: int) -> None:
    if rows > inline_max_rows():
        # Imported here: the task module imports this one.
        from lms.imports.tasks import import_job_task

        # Enqueued after commit so the worker finds the job row.
        transaction.on_commit(
            lambda: import_job_task.enqueue(job_id=job.pk, dry_run=dry_run)
        )
    else:
        import_job_execute(job=job, dry_run=dry_run)


def import_job_start(
    *, importer_name: str, file_name: str, data: bytes, user, language: str
) -> ImportJob:
    """Store an uploaded file and check it (dry run): inline, or as a task if large."""
    importer = registry.get(importer_name)
    if not importer.can_import(user):
        raise PermissionDenied(_("You may not import this data."))
    job = ImportJob.objects.create(
        resource=importer_name,
        file=ContentFile(data, name=file_name),
        file_name=file_name,
        created_by=user if user and user.is_authenticated else None,
        language=language,
        status=ImportJob.Status.PREVIEWING,
    )
    try:
        rows = len(read_table(data, file_name).rows)
    except FileRejected:
        rows = 0  # the check reports the problem straight away
    _dispatch(job, dry_run=True, rows=rows)
    return job


def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """Apply a checked job whose check found no errors."""
    if not registry.get(job.resource).can_import(user):
        raise PermissionDenied(_("You may not import this data."))
    updated = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.PREVIEWED, error_count=0
    ).update(status=ImportJob.Status.RUNNING)
    # The conditional update makes a double submit apply the file only once.
    if not updated:
        raise PermissionDenied(_("This import cannot be confirmed."))
    job.refresh_from_db()
    _dispatch(job, dry_run=False, rows=job.total_rows)
    return job


def import_file_now(
    *,
    importer_name: str,
    file_name: str,
    data: bytes,
    dry_run: bool,
    user=None,
    language: str = settings.LANGUAGE_CODE,
    progress=None,
) -> ImportJob:
    """Import (or only check) a file synchronously, as the command line does.

    Recorded as an ImportJob like an upload in the admin.
    """
    registry.get(importer_name)  # unknown names fail before anything is stored
    job = ImportJob.objects.create(
        resource=importer_name,
        file=ContentFile(data, name=file_name),
        file_name=file_name,
        created_by=user,
        language=language,
        status=ImportJob.Status.PREVIEWING if dry_run else ImportJob.Status.RUNNING,
    )
    return import_job_execute(job=job, dry_run=dry_run, progress=progress)
