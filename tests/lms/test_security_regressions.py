"""Issue 6 re-probed after its fixes, with the variations an attacker tries next.

Each test replays one attack as institution A's coordinator (or another group)
against the merged code, through the services or the Django test client.
"""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from catalogue.models import Involvement, Resource, RoleAssignment
from competences.models import Competence
from lms.imports.readers import FileRejected, read_table
from lms.imports.runs import import_run
from lms.models import ImportJob
from people.models import Invitation, Organisation
from people.permissions import COORDINATOR, MANAGER
from people.selectors import person_for_user
from people.services import invitation_send
from tests.factories import (
    PersonFactory,
    ResourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(name, text, user):
    return import_run(
        importer_name=name,
        table=read_table(text.encode(), f"{name}.csv"),
        dry_run=False,
        user=user,
    )


def error_columns(report):
    return {e.column for e in report.errors}


# --- Imports: case variants and references out of scope ----------------------


def test_service_owner_changed_with_a_case_variant_code_is_refused(two_institutions):
    t = two_institutions
    service_b = t["service_b"]
    report = run(
        "services",
        "code;name_lv;name_en;owner_code\n"
        f"{service_b.code.lower()};Pārņemts;;{t['inst_a'].code}\n",
        t["coordinator_a"],
    )
    assert report.errors
    service_b.refresh_from_db()
    assert (service_b.owner, service_b.name_lv) != (t["inst_a"], "Pārņemts")
    assert service_b.owner == t["inst_b"]


def test_resource_handed_to_another_institution_by_owner_code_is_refused(
    two_institutions,
):
    t = two_institutions
    resource_a = ResourceFactory(owner=t["inst_a"], code="RES-ĀBOLS")
    report = run(
        "resources",
        "code;name_lv;name_en;owner_code\n"
        f"{resource_a.code};Atdots;;{t['inst_b'].code}\n",
        t["coordinator_a"],
    )
    assert error_columns(report) == {"owner_code"}
    resource_a.refresh_from_db()
    assert resource_a.owner == t["inst_a"]
    assert not Resource.objects.filter(owner=t["inst_b"]).exists()


def test_service_manager_role_at_another_institutions_service_is_refused(
    two_institutions,
):
    t = two_institutions
    me = person_for_user(user=t["coordinator_a"])
    report = run(
        "roles",
        "person_email;role;scope_code\n"
        f"{me.email.upper()};service_manager;{t['service_b'].code.lower()}\n",
        t["coordinator_a"],
    )
    assert report.errors
    assert not RoleAssignment.objects.filter(person=me).exists()


def test_involvement_of_bs_person_in_bs_service_is_refused(two_institutions):
    t = two_institutions
    before = Involvement.objects.count()
    report = run(
        "involvements",
        "person_email;service_code;resource_code;relation;start_date;end_date\n"
        f"{t['staff_b'].email.upper()};{t['service_b'].code.lower()};;;"
        "01.03.2026;\n",
        t["coordinator_a"],
    )
    assert report.errors
    assert Involvement.objects.count() == before


def test_organisation_import_cannot_put_a_new_unit_under_another_institution(
    two_institutions,
):
    t = two_institutions
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"40000000999;Svešā nodaļa;;unit;{t['inst_b'].code}\n",
        t["coordinator_a"],
    )
    assert error_columns(report) == {"parent_code"}
    assert not Organisation.objects.filter(code="40000000999").exists()


def test_organisation_import_cannot_adopt_a_sibling_institution(two_institutions):
    """Making B a unit of A would widen A's scope to all of B."""
    t = two_institutions
    inst_b = t["inst_b"]
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{inst_b.code};{inst_b.name_lv};;unit;{t['inst_a'].code}\n",
        t["coordinator_a"],
    )
    assert report.errors
    inst_b.refresh_from_db()
    assert (inst_b.parent, inst_b.kind) == (t["ministry"], "state_institution")


def test_organisation_import_cannot_make_own_institution_a_unit_of_a_sibling(
    two_institutions,
):
    t = two_institutions
    inst_a = t["inst_a"]
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{inst_a.code};{inst_a.name_lv};;unit;{t['inst_b'].code}\n",
        t["coordinator_a"],
    )
    assert report.errors
    inst_a.refresh_from_db()
    assert (inst_a.parent, inst_a.kind) == (t["ministry"], "state_institution")


def test_moodle_framework_import_is_not_for_coordinators(client, two_institutions):
    client.force_login(two_institutions["coordinator_a"])
    for name in ("moodle-framework", "competences"):
        url = reverse("lms_imports:upload", args=[name])
        # Wagtail answers PermissionDenied with a redirect to the dashboard.
        assert client.get(url).status_code in (302, 403, 404), name
        upload = SimpleUploadedFile(
            "k.csv",
            b"code;name_lv;obligation\nK03;P\xc4\x81rd\xc4\x93v\xc4\x93ta;delegable\n",
        )
        assert client.post(url, {"file": upload}).status_code in (302, 403, 404)
    assert not ImportJob.objects.exists()
    assert not Competence.objects.filter(name_lv="Pārdēvēta").exists()


# --- Invitations --------------------------------------------------------------


@pytest.mark.parametrize("email", ["  STAFF@example.lv ", "Staff@Example.lv"])
def test_person_with_a_staff_users_email_is_never_invited(two_institutions, email):
    UserFactory(email="staff@example.lv", is_staff=True)
    person = PersonFactory(organisation=two_institutions["unit_a"], email=email)
    with pytest.raises(Exception, match="already exists"):
        invitation_send(person=person, invited_by=two_institutions["coordinator_a"])
    assert not Invitation.objects.filter(person=person).exists()


def test_invitation_is_dead_once_an_administrator_linked_an_account(
    client, two_institutions
):
    person = PersonFactory(organisation=two_institutions["unit_a"])
    invitation = invitation_send(person=person)
    # The token is only in the e-mail: give the invitation a known one.
    token = "žetons-zināms"
    Invitation.objects.filter(pk=invitation.pk).update(
        token_hash=Invitation.hash_token(token)
    )
    person.user = UserFactory(email=person.email)
    person.save(update_fields=["user"])
    url = reverse("invitation_accept", args=[token])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"new_password1": "Ļoti-Laba-Parole-26", "new_password2": "x"}
    )
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


# --- Import jobs and their files ----------------------------------------------


def _admin_job(organisation):
    """An administrator with a person record inside an institution uploads."""
    admin = UserFactory(is_staff=True, is_superuser=True, email="admins@example.lv")
    PersonFactory(organisation=organisation, user=admin, email=admin.email)
    return ImportJob.objects.create(
        importer="people",
        file=ContentFile(b"email\nvisi@example.lv\n", name="visi.csv"),
        file_name="visas-iestades.csv",
        created_by=admin,
    )


@pytest.mark.parametrize("route", ["job", "progress", "file"])
def test_an_administrators_import_is_not_shown_to_the_coordinator_beside_him(
    client, two_institutions, route
):
    t = two_institutions
    job = _admin_job(t["unit_a"])
    client.force_login(t["coordinator_a"])
    response = client.get(reverse(f"lms_imports:{route}", args=[job.pk]))
    assert response.status_code == 404
    index = client.get(reverse("lms_imports:index"))
    assert "visas-iestades.csv" not in index.content.decode()


def test_html_renamed_csv_is_stored_as_csv_and_downloaded_as_attachment(
    client, two_institutions
):
    client.force_login(two_institutions["coordinator_a"])
    html = b"<html><script src='x.js'></script></html>"
    client.post(
        reverse("lms_imports:upload", args=["people"]),
        {"file": SimpleUploadedFile("lapa.html.csv", html, "text/html")},
    )
    job = ImportJob.objects.get()
    assert job.file.name.endswith(".csv") and "lapa" not in job.file.name
    response = client.get(reverse("lms_imports:file", args=[job.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    for path in ("/media/imports/", f"/media/{job.file.name}", "/media/documents/"):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("group", [COORDINATOR, MANAGER])
def test_other_institutions_staff_cannot_download_an_import_file(
    client, two_institutions, make_member, group
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    job = ImportJob.objects.create(
        importer="people",
        file=ContentFile(b"email\nanna@example.lv\n", name="a.csv"),
        file_name="a.csv",
        created_by=t["coordinator_a"],
    )
    client.force_login(make_member(t["inst_b"], [group]))
    assert client.get(reverse("lms_imports:file", args=[job.pk])).status_code == 404


# --- Files that are small on disk and huge in memory ---------------------------


def test_a_csv_header_thousands_of_columns_wide_is_refused():
    """Every row is padded to the header's width: 2,000 one-cell rows under a
    100,000-column header would take gigabytes."""
    data = ("a," * 5000 + "\n" + "x\n" * 3).encode()
    with pytest.raises(FileRejected, match="columns"):
        read_table(data, "plats.csv")


def test_an_xlsx_header_reaching_column_xfd_is_refused():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "email"
    sheet["XFD1"] = "beigas"
    sheet["A2"] = "anna@example.lv"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileRejected, match="columns"):
        read_table(buffer.getvalue(), "plats.xlsx")


def test_a_very_long_csv_cell_is_refused_with_a_message():
    data = b"email;first_name\n" + b"a" * 300_000 + b";Anna\n"
    try:
        table = read_table(data, "gara.csv")
    except FileRejected:
        return
    assert len(table.rows) == 1
