"""The life of an import: upload and check (dry run), then confirm and apply.

Small files run inline; files over IMPORT_INLINE_MAX_ROWS rows run as a
background task with progress (the run itself is lms.imports.runs). Either way
the file is checked in full before anything is written, and the ImportJob keeps
the report; Wagtail's audit log records each step. Uploaded files live in the
private "imports" storage.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.imports import registry, tasks
from lms.imports.permissions import can_run_import_job
from lms.imports.progress import progress_clear, progress_last_seen
from lms.imports.readers import FileRejected, check_file_name, count_rows
from lms.imports.report import ImportReport, RowError
from lms.imports.runs import import_job_execute, inline_max_rows
from lms.models import ImportJob


def _dispatch(job: ImportJob, *, dry_run: bool, rows: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now())
    if rows > inline_max_rows():
        # Enqueued after commit so the worker finds the job row.
        transaction.on_commit(
            lambda: tasks.import_job_task.enqueue(job_id=job.pk, dry_run=dry_run)
        )
    else:
        import_job_execute(job=job, dry_run=dry_run)


def import_job_start(
    *, importer_name: str, file_name: str, data: bytes, user, language: str
) -> ImportJob:
    """Store an uploaded file and check it (dry run): inline, or as a task if large.

    Raises FileRejected, before anything is stored, for a file that is not
    .xlsx or .csv.
    """
    importer = registry.get(importer_name)
    if not importer.can_import(user):
        raise PermissionDenied(_("You may not import this data."))
    check_file_name(file_name)
    job = ImportJob.objects.create(
        importer=importer_name,
        file=ContentFile(data, name=file_name),
        file_name=file_name,
        created_by=user if user and user.is_authenticated else None,
        language=language,
        status=ImportJob.Status.PREVIEWING,
    )
    try:
        # Streamed and stopped just past the inline limit: the request only
        # decides where the check runs. The full count, and the refusal of a
        # file over IMPORT_MAX_ROWS, happen as the check reads the rows.
        rows = count_rows(data, file_name, stop_after=inline_max_rows())
    except FileRejected:
        rows = 0  # the check reports the problem straight away
    _dispatch(job, dry_run=True, rows=rows)
    return job


def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """Apply a checked job whose check found no errors."""
    if not (
        can_run_import_job(user, job) and registry.get(job.importer).can_import(user)
    ):
        raise PermissionDenied(_("You may not import this data."))
    if not job.has_file:
        raise PermissionDenied(_("The file of this import has been deleted."))
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
    check_file_name(file_name)
    job = ImportJob.objects.create(
        importer=importer_name,
        file=ContentFile(data, name=file_name),
        file_name=file_name,
        created_by=user,
        language=language,
        status=ImportJob.Status.PREVIEWING if dry_run else ImportJob.Status.RUNNING,
        started_at=timezone.now(),
    )
    return import_job_execute(job=job, dry_run=dry_run, progress=progress)


def _timeout() -> datetime.timedelta:
    return datetime.timedelta(
        minutes=getattr(settings, "IMPORT_JOB_TIMEOUT_MINUTES", 30)
    )


def import_jobs_expire(*, now: datetime.datetime | None = None) -> int:
    """Mark failed every check or import whose process has died; returns the count.

    A job is dead when it has been handed over for longer than
    IMPORT_JOB_TIMEOUT_MINUTES and its process gave no sign of life (progress)
    for as long. Run when the import pages open and by `manage.py expire_imports`.
    """
    now = now or timezone.now()
    cutoff = now - _timeout()
    running = ImportJob.objects.filter(
        status__in=[ImportJob.Status.PREVIEWING, ImportJob.Status.RUNNING]
    )
    stale = running.filter(started_at__lt=cutoff) | running.filter(
        started_at__isnull=True, created_at__lt=cutoff
    )
    expired = 0
    for job in stale.select_related("created_by"):
        seen = progress_last_seen(job.pk)
        if seen is not None and seen >= cutoff.timestamp():
            continue
        with translation.override(job.language):
            message = _(
                "The check or import stopped: the background worker gave no sign "
                "of life for %(minutes)d minutes. Use Retry to run the file again; "
                "any rows the stopped run had written are matched and show as "
                "unchanged."
            ) % {"minutes": _timeout().total_seconds() // 60}
        # Conditional: a job that finished meanwhile keeps its result.
        updated = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ImportJob.Status.FAILED,
            finished_at=now,
            error_count=1,
            report=ImportReport(
                errors=[RowError(0, "", message)],
                dry_run=job.status == ImportJob.Status.PREVIEWING,
            ).as_dict(),
        )
        if updated:
            expired += 1
            progress_clear(job.pk)
            log(
                instance=job,
                action="lms.import_expired",
                user=None,
                data={"importer": job.importer, "file_name": job.file_name},
            )
    return expired


def import_job_retry(*, job: ImportJob, user) -> ImportJob:
    """Run a failed job's file again from the check (dry run).

    The same permission as confirming it, and the same path as an upload: the
    user sees the new check and confirms it again.
    """
    if not (
        can_run_import_job(user, job) and registry.get(job.importer).can_import(user)
    ):
        raise PermissionDenied(_("You may not import this data."))
    if not job.has_file:
        raise PermissionDenied(_("The file of this import has been deleted."))
    updated = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.FAILED
    ).update(
        status=ImportJob.Status.PREVIEWING,
        finished_at=None,
        total_rows=0,
        new_count=0,
        updated_count=0,
        skipped_count=0,
        error_count=0,
        report={},
    )
    # Conditional, like confirming: a double submit runs the file once.
    if not updated:
        raise PermissionDenied(_("Only a failed import can be retried."))
    job.refresh_from_db()
    log(
        instance=job,
        action="lms.import_retry",
        user=user,
        data={"importer": job.importer, "file_name": job.file_name},
    )
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        rows = count_rows(data, job.file_name, stop_after=inline_max_rows())
    except FileRejected:
        rows = 0
    _dispatch(job, dry_run=True, rows=rows)
    return job


def import_files_prune(
    *, older_than_days: int | None = None, dry_run: bool = False
) -> list[ImportJob]:
    """Delete uploaded files older than the retention period; the jobs stay.

    Returns the jobs whose files were (or, with `dry_run`, would be) deleted.
    Running jobs keep their files.
    """
    days = (
        getattr(settings, "IMPORT_FILE_RETENTION_DAYS", 90)
        if older_than_days is None
        else older_than_days
    )
    cutoff = timezone.now() - datetime.timedelta(days=days)
    jobs = list(
        ImportJob.objects.filter(created_at__lt=cutoff, file_pruned_at__isnull=True)
        .exclude(file="")
        .exclude(status__in=[ImportJob.Status.PREVIEWING, ImportJob.Status.RUNNING])
        .order_by("created_at")
    )
    if dry_run:
        return jobs
    now = timezone.now()
    for job in jobs:
        # The record first, then the file: a crash in between leaves a stray
        # private file for the next run, never a job pointing at nothing.
        ImportJob.objects.filter(pk=job.pk).update(file_pruned_at=now)
        job.file.storage.delete(job.file.name)
        job.file_pruned_at = now
    return jobs
