"""A small upload must not take the site down: rows are read as a stream with a
maximum, a declared dimension is not trusted, a dead job is failed and can be
retried, and SQLite is never write-locked for a whole import."""

import datetime
import io
import re
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from lms.imports.progress import progress_touch
from lms.imports.readers import FileRejected, count_rows, read_table
from lms.imports.services import import_file_now, import_job_start, import_jobs_expire
from lms.imports.tasks import import_job_task
from lms.imports.transactions import deferred_transactions, writes_in_batches
from lms.models import ImportJob
from people.models import Person
from people.permissions import COORDINATOR
from people.resources import PersonResource
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "email;first_name;last_name;organisation_code;job_title;language\n"


def people_csv(count: int, start: int = 0) -> bytes:
    rows = "".join(
        f"persona{i}@example.lv;Līga;Bērziņa {i};90000000010;;lv\n"
        for i in range(start, start + count)
    )
    return (HEADER + rows).encode()


@pytest.fixture
def agency():
    return OrganisationFactory(code="90000000010", name_lv="Reģionālā aģentūra")


@pytest.fixture
def coordinator(agency, make_member):
    return make_member(agency, [COORDINATOR])


def lying_workbook(rows: int = 2) -> bytes:
    """A small workbook whose <dimension> claims the whole sheet (XFD1048576)."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    for i in range(rows):
        sheet.append([f"p{i}@example.lv", "Jānis", "Ozols", "90000000010", "", "lv"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="A1:F\d+"\s*/>',
                    b'<dimension ref="A1:XFD1048576"/>',
                    data,
                )
                assert b"XFD1048576" in data
            target.writestr(info, data)
    return out.getvalue()


def test_a_declared_huge_dimension_is_not_trusted():
    data = lying_workbook()
    assert len(data) < 20_000
    tracemalloc.start()
    started = time.monotonic()
    try:
        table = read_table(data, "liels.xlsx")
        counted = count_rows(data, "liels.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 20 * 1024 * 1024  # padded to the claim it would be gigabytes
    assert counted == 2 and len(table.rows) == 2
    assert all(len(row) == 6 for row in table.rows)


def test_more_rows_than_the_maximum_are_refused_while_reading(settings):
    settings.IMPORT_MAX_ROWS = 3
    assert count_rows(people_csv(10), "p.csv") == 4  # stops just past the limit
    with pytest.raises(FileRejected, match="3"):
        read_table(people_csv(4), "p.csv")
    assert len(read_table(people_csv(3), "p.csv").rows) == 3
    with pytest.raises(FileRejected):
        read_table(lying_workbook(rows=4), "p.xlsx")


def test_an_upload_over_the_maximum_is_refused_with_a_message(
    coordinator, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ROWS = 5
    for inline_max in (2000, 2):  # checked inline, and by the worker
        settings.IMPORT_INLINE_MAX_ROWS = inline_max
        with django_capture_on_commit_callbacks(execute=True):
            job = import_job_start(
                importer_name="people",
                file_name="daudz.csv",
                data=people_csv(6),
                user=coordinator,
                language="lv",
            )
        job.refresh_from_db()
        assert job.status == ImportJob.Status.PREVIEWED
        assert not job.can_confirm
        assert "5" in job.report["errors"][0]["message"]
        assert job.report["errors"][0]["row"] == 0
    assert not Person.objects.filter(email__startswith="persona").exists()


def test_a_job_whose_worker_died_is_failed_and_can_be_retried(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_JOB_TIMEOUT_MINUTES = 30
    client.force_login(coordinator)
    job = import_file_now(
        importer_name="people",
        file_name="cilvēki.csv",
        data=people_csv(2),
        dry_run=True,
        user=coordinator,
    )
    # As if the worker had been killed in the middle of the check.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.PREVIEWING,
        started_at=timezone.now() - datetime.timedelta(minutes=31),
    )
    alive = import_file_now(
        importer_name="people",
        file_name="dzīvs.csv",
        data=people_csv(1),
        dry_run=True,
        user=coordinator,
    )
    ImportJob.objects.filter(pk=alive.pk).update(
        status=ImportJob.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=45),
    )
    progress_touch(alive.pk)  # still reporting progress: not dead

    # Opening the import page sweeps.
    client.get(reverse("lms_imports:index"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error_count == 1 and job.report["errors"][0]["row"] == 0
    alive.refresh_from_db()
    assert alive.status == ImportJob.Status.RUNNING

    page = client.get(reverse("lms_imports:job", args=[job.pk])).content.decode()
    assert reverse("lms_imports:retry", args=[job.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms_imports:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED and job.can_confirm
    assert job.total_rows == 2
    # Only a failed job can be retried.
    client.post(reverse("lms_imports:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_the_expire_command_and_a_stale_task(coordinator):
    job = import_file_now(
        importer_name="people",
        file_name="x.csv",
        data=people_csv(1),
        dry_run=True,
        user=coordinator,
    )
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(days=1),
    )
    call_command("expire_imports")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    # The task that was lost in the queue arrives late: it does nothing.
    assert import_job_task.call(job_id=job.pk, dry_run=False) == "failed"
    assert not Person.objects.filter(email="persona0@example.lv").exists()
    assert import_jobs_expire() == 0


def test_retry_is_for_the_uploader_only(client, coordinator, agency, make_member):
    job = import_file_now(
        importer_name="people",
        file_name="x.csv",
        data=people_csv(1),
        dry_run=True,
        user=coordinator,
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED)
    url = reverse("lms_imports:retry", args=[job.pk])
    other = OrganisationFactory(code="90000000099", name_lv="Cita iestāde")
    client.force_login(make_member(other, [COORDINATOR]))
    assert client.post(url).status_code == 404
    colleague = make_member(agency, [COORDINATOR])
    client.force_login(colleague)
    page = client.get(reverse("lms_imports:job", args=[job.pk])).content.decode()
    assert url not in page
    client.post(url)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED


def test_the_check_does_not_take_sqlites_write_lock():
    if connection.vendor != "sqlite":
        assert not writes_in_batches()
        return
    assert writes_in_batches()
    assert connection.transaction_mode == "IMMEDIATE"
    with deferred_transactions():
        assert connection.transaction_mode is None
    assert connection.transaction_mode == "IMMEDIATE"
    options = connection.settings_dict["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 10


def test_data_changed_after_the_check(coordinator, agency, monkeypatch):
    """On SQLite the write is batched: batches before the first row that fails
    only at write time stay written, and the report says so. Elsewhere it is
    one transaction and nothing is written."""
    calls = {"n": 0}
    # SQLite checks every row before writing; elsewhere the one pass writes.
    checked = 1500 if writes_in_batches() else 0
    # The people importer checks its rows itself (the service's scope check).
    original = PersonResource.validate_row

    def flaky(self, instance, row, failed=frozenset()):
        calls["n"] += 1
        # The check pass sees 1,500 good rows; the write pass finds row 1,202
        # (the 1,201st data row) changed underneath it.
        if calls["n"] > checked and row["email"] == "persona1200@example.lv":
            raise ValidationError({"email": "Mainīts pa to laiku."})
        return original(self, instance, row, failed)

    monkeypatch.setattr(PersonResource, "validate_row", flaky)
    job = import_file_now(
        importer_name="people",
        file_name="x.csv",
        data=people_csv(1500),
        dry_run=False,
        user=coordinator,
    )
    assert job.status == ImportJob.Status.FAILED
    assert job.report["errors"][0]["row"] == 1202
    written = Person.objects.filter(email__startswith="persona").count()
    if writes_in_batches():
        assert written == 1000
        assert "1000" in job.report["warnings"][0]
    else:
        assert written == 0
