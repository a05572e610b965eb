import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lms.models import ImportJob
from people.models import Person
from people.permissions import COORDINATOR, MANAGER
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "email;first_name;last_name;organisation_code;job_title;language\n"
    "anna@example.lv;Anna;Bērziņa;90000000010;;lv\n"
    "janis@example.lv;Jānis;Kalniņš;90000000010;;lv\n"
)


@pytest.fixture
def agency():
    return OrganisationFactory(code="90000000010")


@pytest.fixture
def coordinator(agency, make_member):
    return make_member(agency, [COORDINATOR])


def upload(client, name, content, filename="people.csv"):
    return client.post(
        reverse("lms_imports:upload", args=[name]),
        {"file": SimpleUploadedFile(filename, content.encode())},
    )


def test_upload_check_then_confirm(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, "people", GOOD)
    job = ImportJob.objects.get()
    assert response.url == reverse("lms_imports:job", args=[job.pk])
    assert job.status == ImportJob.Status.PREVIEWED
    assert not Person.objects.filter(email="anna@example.lv").exists()
    page = client.get(response.url).content.decode()
    assert "lms_imports" not in page  # rendered, not a template error
    assert reverse("lms_imports:confirm", args=[job.pk]) in page

    response = client.post(reverse("lms_imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.new_count == 2
    assert (
        Person.objects.filter(email__in=["anna@example.lv", "janis@example.lv"]).count()
        == 2
    )
    # A second confirmation does not import twice.
    client.post(reverse("lms_imports:confirm", args=[job.pk]))
    assert ImportJob.objects.get().new_count == 2


def test_errors_are_shown_in_latvian_and_nothing_can_be_confirmed(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, "people", GOOD + "slikts;;X;404;;lv\n")
    job = ImportJob.objects.get()
    assert job.error_count >= 3
    page = client.get(response.url).content.decode()
    assert "Nezināms" in page or "nav derīga" in page  # Latvian messages
    assert reverse("lms_imports:confirm", args=[job.pk]) not in page
    client.post(reverse("lms_imports:confirm", args=[job.pk]))
    assert not Person.objects.exists() or not Person.objects.filter(
        email="anna@example.lv"
    )


def test_unreadable_file_gets_a_message(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, "people", "", filename="empty.csv")
    # Django refuses an empty upload itself, in the form.
    assert response.status_code == 200
    response = upload(client, "people", "not a workbook", filename="people.xlsx")
    job = ImportJob.objects.get()
    assert job.error_count == 1
    assert job.report["errors"][0]["row"] == 0


def test_template_download_has_headers_example_and_bilingual_help(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("lms_imports:template", args=["people"]))
    workbook = load_workbook(io.BytesIO(response.content))
    data, help_sheet = workbook.worksheets
    assert [c.value for c in data[1]] == [
        "email",
        "first_name",
        "last_name",
        "organisation_code",
        "job_title",
        "language",
    ]
    assert data[2][0].value == "anna.berzina@iestade.lv"
    rows = list(help_sheet.iter_rows(values_only=True))
    assert rows[1][0] == "email"
    assert "E-pasts" in rows[1][2] and "E-mail" in rows[1][3]


@pytest.mark.parametrize("name", ["people", "organisations", "services", "roles"])
def test_managers_cannot_import(client, agency, make_member, name):
    client.force_login(make_member(agency, [MANAGER]))
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    for url in (
        reverse("lms_imports:upload", args=[name]),
        reverse("lms_imports:template", args=[name]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")
    response = client.post(
        reverse("lms_imports:upload", args=[name]),
        {"file": SimpleUploadedFile("x.csv", GOOD.encode())},
    )
    assert response.status_code in (302, 403)
    assert not ImportJob.objects.exists()
    # Managers add requirements for the services they manage, in the admin and
    # so by import too; nothing else is offered to them.
    page = client.get(reverse("lms_imports:index")).content.decode()
    assert reverse("lms_imports:upload", args=["requirements"]) in page
    assert reverse("lms_imports:upload", args=[name]) not in page


def test_another_institutions_job_is_404(client, coordinator, make_member):
    client.force_login(coordinator)
    upload(client, "people", GOOD)
    job = ImportJob.objects.get()
    other = OrganisationFactory(code="90000000099", name_lv="Cita iestāde")
    client.force_login(make_member(other, [COORDINATOR]))
    assert client.get(reverse("lms_imports:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("lms_imports:confirm", args=[job.pk])).status_code == 404
    assert client.get(reverse("lms_imports:file", args=[job.pk])).status_code == 404


def test_a_colleague_sees_the_job_but_cannot_confirm_it(
    client, coordinator, agency, make_member
):
    client.force_login(coordinator)
    upload(client, "people", GOOD)
    job = ImportJob.objects.get()
    client.force_login(make_member(agency, [COORDINATOR]))
    page = client.get(reverse("lms_imports:job", args=[job.pk])).content.decode()
    assert reverse("lms_imports:file", args=[job.pk]) in page
    assert reverse("lms_imports:confirm", args=[job.pk]) not in page
    client.post(reverse("lms_imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED
    assert not Person.objects.filter(email="anna@example.lv").exists()


def test_import_is_in_the_audit_log(client, coordinator):
    from wagtail.models import ModelLogEntry

    client.force_login(coordinator)
    upload(client, "people", GOOD)
    job = ImportJob.objects.get()
    client.post(reverse("lms_imports:confirm", args=[job.pk]))
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(job.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["lms.import", "lms.import_check"]
    entry = ModelLogEntry.objects.get(object_id=str(job.pk), action="lms.import")
    assert entry.user == coordinator
    assert entry.data["new"] == 2 and entry.data["file_name"] == "people.csv"


def test_large_file_runs_as_a_background_task_with_progress(
    client, coordinator, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_MAX_ROWS = 10
    seen = []
    monkeypatch.setattr(
        "lms.imports.runs.progress_set",
        lambda job_id, done, total: seen.append((done, total)),
    )
    monkeypatch.setattr("lms.imports.tabular.PROGRESS_EVERY", 5)
    rows = "".join(f"p{i}@example.lv;P;{i};90000000010;;lv\n" for i in range(30))
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        upload(client, "people", GOOD.splitlines(keepends=True)[0] + rows)
    assert callbacks, "the check was not enqueued"
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PREVIEWED
    assert (30, 30) in seen and (5, 30) in seen
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms_imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    assert Person.objects.filter(email__startswith="p").count() == 30


def test_running_job_page_shows_a_progress_bar(client, coordinator):
    from lms.imports.progress import progress_set

    job = ImportJob.objects.create(
        importer="people",
        file_name="big.csv",
        created_by=coordinator,
        status=ImportJob.Status.RUNNING,
    )
    progress_set(job.pk, 1500, 50000)
    client.force_login(coordinator)
    page = client.get(reverse("lms_imports:job", args=[job.pk])).content.decode()
    assert '<progress id="import-progress" max="50000" value="1500">' in page
    assert 'http-equiv="refresh"' in page
    data = client.get(reverse("lms_imports:progress", args=[job.pk])).json()
    assert data == {"status": "running", "done": 1500, "total": 50000, "errors": 0}


def test_fifty_thousand_rows_import_completely_in_the_background(
    client, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    from lms.imports import tasks

    enqueued = []
    real_task = tasks.import_job_task

    class Spy:
        def enqueue(self, **kwargs):
            enqueued.append(kwargs)
            return real_task.enqueue(**kwargs)

    monkeypatch.setattr(tasks, "import_job_task", Spy())
    # Re-indexing 50,000 rows is its own background task (tested on a small
    # file); on PostgreSQL it alone takes about a minute.
    indexed = []
    monkeypatch.setattr(
        "lms.imports.importer.search_index_refresh",
        lambda model, ids: indexed.append(len(ids)),
    )
    header = GOOD.splitlines(keepends=True)[0]
    rows = "".join(
        f"bulk{i}@example.lv;Vārds;Uzvārds{i};90000000010;Referents;lv\n"
        for i in range(50_000)
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "people", header + rows)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PREVIEWED
    assert (job.total_rows, job.new_count, job.error_count) == (50_000, 50_000, 0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lms_imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    assert Person.objects.filter(email__startswith="bulk").count() == 50_000
    # Both the check and the import went through the task queue.
    assert [e["dry_run"] for e in enqueued] == [True, False]
    assert indexed == [50_000]
