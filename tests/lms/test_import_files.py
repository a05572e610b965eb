"""Import files are private: stored outside MEDIA_ROOT under random names, only
.xlsx/.csv, downloaded through a permission-checked view, pruned after the
retention period. Wagtail documents go through Wagtail's view."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import Resolver404, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone
from wagtail.documents.models import Document

from lms.imports.readers import FileRejected
from lms.imports.services import import_job_start
from lms.models import ImportJob
from lms.settings.base import storages_for
from lms.urls import dev_media_urls
from people.permissions import COORDINATOR, MANAGER
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "email;first_name;last_name;organisation_code;job_title;language\n"
    "anna@example.lv;Anna;Bērziņa;90000000010;;lv\n"
)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = storages_for(tmp_path / "private")
    # A FileField resolves its storage callable once, when the model loads.
    monkeypatch.setattr(
        ImportJob._meta.get_field("file"), "storage", storages["imports"]
    )
    return tmp_path


@pytest.fixture
def agency():
    return OrganisationFactory(code="90000000010", name_lv="Reģionālā aģentūra")


@pytest.fixture
def coordinator(agency, make_member):
    return make_member(agency, [COORDINATOR])


def upload(client, content, filename="Darbinieki ģimenē.csv"):
    return client.post(
        reverse("lms_imports:upload", args=["people"]),
        {"file": SimpleUploadedFile(filename, content)},
    )


def test_upload_is_stored_privately_under_a_random_name(
    client, coordinator, private_storage
):
    client.force_login(coordinator)
    upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    assert job.file_name == "Darbinieki ģimenē.csv"
    assert "Darbinieki" not in job.file.name
    assert job.file.name.endswith(".csv")
    path = (private_storage / "private" / "imports" / job.file.name).resolve()
    assert path.read_bytes() == GOOD.encode()
    assert not (private_storage / "media").exists()
    assert client.get(f"/media/{job.file.name}").status_code == 404
    assert client.get(f"/media/imports/{job.file.name}").status_code == 404


@pytest.mark.parametrize("name", ["page.html", "x.js", "staff.csv.html", "noext"])
def test_other_types_are_refused_before_anything_is_stored(
    client, coordinator, private_storage, name
):
    client.force_login(coordinator)
    response = upload(client, b"<script>alert(1)</script>", filename=name)
    assert response.status_code == 200
    assert "xlsx" in response.content.decode()  # the form says what is allowed
    assert not ImportJob.objects.exists()
    assert not (private_storage / "private").exists()
    with pytest.raises(FileRejected):
        import_job_start(
            importer_name="people",
            file_name=name,
            data=b"<script></script>",
            user=coordinator,
            language="lv",
        )
    assert not ImportJob.objects.exists()


def test_the_command_refuses_other_types(tmp_path):
    path = tmp_path / "people.html"
    path.write_text(GOOD)
    with pytest.raises(CommandError, match="xlsx"):
        call_command("import", "people", str(path), "--no-progress")
    assert not ImportJob.objects.exists()


def test_download_is_an_attachment_for_the_uploader(client, coordinator):
    client.force_login(coordinator)
    upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    response = client.get(reverse("lms_imports:file", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == GOOD.encode()
    # Linked from the job page and the list of recent imports.
    link = reverse("lms_imports:file", args=[job.pk])
    assert (
        link in client.get(reverse("lms_imports:job", args=[job.pk])).content.decode()
    )
    assert link in client.get(reverse("lms_imports:index")).content.decode()


def test_download_by_colleagues_admins_and_nobody_else(
    client, coordinator, agency, make_member
):
    client.force_login(coordinator)
    upload(client, GOOD.encode())
    url = reverse("lms_imports:file", args=[ImportJob.objects.get().pk])
    other = OrganisationFactory(code="90000000099", name_lv="Cita iestāde")
    allowed = [
        make_member(agency, [COORDINATOR]),
        UserFactory(is_superuser=True, is_staff=True),
    ]
    refused = [
        make_member(other, [COORDINATOR]),
        make_member(agency, [MANAGER]),  # a manager of the same institution
    ]
    for user in allowed:
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in refused:
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login


def _old_job(user, days: int, status=ImportJob.Status.SUCCEEDED) -> ImportJob:
    job = ImportJob.objects.create(
        importer="people",
        file=ContentFile(GOOD.encode(), name="vecs.csv"),
        file_name="vecs.csv",
        created_by=user,
        status=status,
    )
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    job.refresh_from_db()
    return job


def test_prune_imports_deletes_old_files_and_keeps_the_jobs(
    client, coordinator, settings, capsys
):
    old = _old_job(coordinator, 91)
    recent = _old_job(coordinator, 89)
    running = _old_job(coordinator, 200, status=ImportJob.Status.RUNNING)
    storage = storages["imports"]

    call_command("prune_imports", "--dry-run")
    assert "1" in capsys.readouterr().out
    assert storage.exists(old.file.name)

    call_command("prune_imports")
    assert not storage.exists(old.file.name)
    assert storage.exists(recent.file.name)
    assert storage.exists(running.file.name)
    old.refresh_from_db()
    assert old.file_pruned_at is not None and not old.has_file

    client.force_login(coordinator)
    assert client.get(reverse("lms_imports:file", args=[old.pk])).status_code == 404
    page = client.get(reverse("lms_imports:job", args=[old.pk])).content.decode()
    assert "dzēsts" in page  # "the uploaded file was deleted", in Latvian

    settings.IMPORT_FILE_RETENTION_DAYS = 80  # the setting, not the default 90
    call_command("prune_imports")
    assert not storage.exists(recent.file.name)
    younger = _old_job(coordinator, 20)
    call_command("prune_imports")
    assert storage.exists(younger.file.name)
    call_command("prune_imports", "--days", "10")
    assert not storage.exists(younger.file.name)
    assert ImportJob.objects.count() == 4  # the records stay


def test_a_pruned_job_cannot_be_confirmed(client, coordinator):
    client.force_login(coordinator)
    upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    call_command("prune_imports", "--days", "0")
    job.refresh_from_db()
    assert not job.can_confirm
    client.post(reverse("lms_imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_existing_public_files_are_moved_by_the_migration(private_storage):
    public = storages["default"]
    name = public.save("imports/2026/01/Darbinieki.html", ContentFile(b"<p>x</p>"))
    moved = ImportJob.objects.create(importer="people", file_name="Darbinieki.html")
    lost = ImportJob.objects.create(importer="people", file_name="pazudis.csv")
    ImportJob.objects.filter(pk=moved.pk).update(file=name)
    ImportJob.objects.filter(pk=lost.pk).update(file="imports/2026/01/pazudis.csv")
    migration = importlib.import_module("lms.migrations.0003_import_files_private")

    migration.move_import_files(apps, None)

    moved.refresh_from_db()
    lost.refresh_from_db()
    assert not public.exists(name)
    assert not moved.file.name.startswith("imports/")
    assert "Darbinieki" not in moved.file.name
    assert storages["imports"].open(moved.file.name).read() == b"<p>x</p>"
    assert lost.file_pruned_at is not None and not lost.has_file


def test_documents_are_served_by_wagtails_view_not_from_media(client, settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    document = Document.objects.create(
        title="Metodika", file=ContentFile(b"%PDF-1.4 saturs", name="metodika.pdf")
    )
    assert document.file.name.startswith("documents/")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 saturs"


def test_development_server_does_not_serve_documents_or_imports():
    resolver = URLResolver(RegexPattern(r"^/"), dev_media_urls())
    assert resolver.resolve("/media/images/foto.png").kwargs["path"] == (
        "images/foto.png"
    )
    for path in ("/media/documents/metodika.pdf", "/media/imports/2026/01/x.csv"):
        with pytest.raises(Resolver404):
            resolver.resolve(path)
    # And with DEBUG off (tests, production) Django serves no media at all.
    with pytest.raises(Resolver404):
        get_resolver().resolve("/media/images/foto.png")
