"""Issue 6 re-probed after its fixes, with the variations an attacker tries next.

Each test replays one attack as institution A's coordinator (or another group)
against the merged code, through the services or the Django test client.
"""

import io
import json

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from catalogue.models import Involvement, Resource, RoleAssignment, Service
from catalogue.services import involvement_upsert
from competences.models import Competence
from lms.imports.readers import FileRejected, read_table
from lms.imports.runs import import_run
from lms.models import ImportJob
from people.models import Invitation, Organisation, Person
from people.permissions import COORDINATOR, MANAGER, people_visible_to
from people.selectors import person_for_user
from people.services import invitation_send
from tests.factories import (
    OrganisationFactory,
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
        "code;name_lv;name_en;owner_code;manager_email\n"
        f"{service_b.code.lower()};Pārņemts;;{t['inst_a'].code};\n",
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
        "code;name_lv;name_en;owner_code;manager_email\n"
        f"{resource_a.code};Atdots;;{t['inst_b'].code};\n",
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


# --- Wagtail's own reports and logs -------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/reports/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/search/?q=Iestāde",
    ],
)
@pytest.mark.parametrize("group", [COORDINATOR, MANAGER])
def test_wagtails_own_reports_show_nothing_of_another_institution(
    client, two_institutions, group, path
):
    t = two_institutions
    client.force_login(t["coordinator_a"] if group == COORDINATOR else t["manager_a"])
    response = client.get(path)
    assert response.status_code < 500
    if response.status_code == 200:
        body = response.content.decode()
        assert t["staff_b"].email not in body
        assert t["manager_b"].email not in body


def test_history_of_another_institutions_service_is_404(client, two_institutions):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    for view in ("history", "usage", "inspect"):
        url = reverse(
            f"wagtailsnippets_catalogue_service:{view}", args=[t["service_b"].pk]
        )
        assert client.get(url).status_code == 404, view
    involvement_upsert(
        person=t["staff_b"], service=t["service_a"], start_date="2026-02-01"
    )
    assert Service.objects.filter(owner=t["inst_b"]).count() == 1
    assert Person.objects.filter(pk=t["staff_b"].pk).exists()


# --- Accounts in Wagtail's own user admin and bulk actions ----------------------


@pytest.mark.parametrize("action", ["assign_role", "delete", "set_active_state"])
def test_user_bulk_actions_name_and_change_no_other_account(client, world, action):
    from tests.lms.conftest import GROUPS

    for group in GROUPS:
        target = world["south"]["users"][group]
        for actor_group in GROUPS:
            client.force_login(world["north"]["users"][actor_group])
            url = (
                reverse("wagtail_bulk_action", args=["people", "user", action])
                + f"?id={target.pk}"
            )
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (actor_group, url)
            client.post(url, {"role": "1", "mark_as_active": ""})
            target.refresh_from_db()
            assert target.is_active and not target.is_superuser
    assert all(u.groups.count() == 1 for u in world["south"]["users"].values())


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_wagtails_user_views_are_closed_to_every_group(client, world, view):
    from tests.lms.conftest import GROUPS

    target = world["south"]["users"][MANAGER]
    for group in GROUPS:
        client.force_login(world["north"]["users"][group])
        try:
            url = reverse(f"wagtailusers_users:{view}", args=[target.pk])
        except Exception:
            pytest.skip(f"no user {view} view")
        assert client.get(url).status_code in (302, 403, 404), (group, url)


@pytest.mark.parametrize("query", ["Dienvidu", "dienvidu.example.lv"])
def test_chooser_search_finds_nothing_of_another_institution(client, world, query):
    from wagtail.snippets.models import get_snippet_models

    from tests.lms.conftest import GROUPS

    for group in GROUPS:
        client.force_login(world["north"]["users"][group])
        for model in get_snippet_models():
            meta = model._meta
            url = reverse(
                f"wagtailsnippetchoosers_{meta.app_label}_{meta.model_name}:choose_results"
            )
            response = client.get(url, {"q": query})
            assert response.status_code < 500, url
            if response.status_code == 200:
                body = response.content.decode()
                if response["Content-Type"].startswith("application/json"):
                    body = json.dumps(json.loads(body), ensure_ascii=False)
                for marker in world["south"]["markers"]:
                    assert marker not in body, (group, url, marker)


# --- Widening one's scope by adopting a shared partner organisation -------------


@pytest.fixture
def shared_partner(two_institutions):
    """An enterprise A recorded first; B records its own contractors there."""
    t = two_institutions
    partner = OrganisationFactory(
        kind="enterprise", name_lv="SIA Kopīgais", registered_by=t["inst_a"]
    )
    contractor_b = PersonFactory(
        organisation=partner, registered_by=t["inst_b"], first_name="Ērika"
    )
    involvement_upsert(
        person=contractor_b, service=t["service_b"], start_date="2026-02-01"
    )
    return partner, contractor_b


def test_import_cannot_pull_a_shared_partner_into_ones_institution(
    two_institutions, shared_partner
):
    t = two_institutions
    partner, contractor_b = shared_partner
    coordinator = t["coordinator_a"]
    assert not people_visible_to(coordinator).filter(pk=contractor_b.pk).exists()
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{partner.code};{partner.name_lv};;unit;{t['inst_a'].code}\n",
        coordinator,
    )
    assert error_columns(report) == {"parent_code"}
    partner.refresh_from_db()
    assert (partner.parent, partner.kind) == (None, "enterprise")
    assert not people_visible_to(coordinator).filter(pk=contractor_b.pk).exists()


def test_import_cannot_pull_it_in_through_a_new_organisation_either(
    two_institutions, shared_partner
):
    t = two_institutions
    partner, _contractor_b = shared_partner
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{partner.code};{partner.name_lv};;enterprise;40000000777\n"
        f"40000000777;Jauna nodaļa;;unit;{t['inst_a'].code}\n",
        t["coordinator_a"],
    )
    assert report.errors
    partner.refresh_from_db()
    assert partner.parent is None


def test_admin_cannot_pull_a_shared_partner_into_ones_institution(
    client, two_institutions, shared_partner
):
    t = two_institutions
    partner, contractor_b = shared_partner
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_organisation:edit", args=[partner.pk]),
        {
            "code": partner.code,
            "kind": "enterprise",
            "name_lv": partner.name_lv,
            "name_en": "",
            "parent": t["inst_a"].pk,
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    partner.refresh_from_db()
    assert partner.parent is None


def test_a_partner_may_still_be_placed_under_another_partner(
    two_institutions, shared_partner
):
    t = two_institutions
    partner, _contractor_b = shared_partner
    holding = OrganisationFactory(kind="enterprise", registered_by=t["inst_a"])
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{partner.code};{partner.name_lv};;enterprise;{holding.code}\n",
        t["coordinator_a"],
    )
    assert not report.errors
    partner.refresh_from_db()
    assert partner.parent == holding


# --- Own records that another institution refers to ----------------------------


@pytest.mark.parametrize("view", ["inspect", "usage", "delete"])
def test_own_employees_pages_do_not_name_another_institutions_service(
    client, two_institutions, view
):
    """B may involve A's employee in B's service; A still does not see B's."""
    t = two_institutions
    service_b = t["service_b"]
    involvement_upsert(person=t["staff_a"], service=service_b, start_date="2026-02-01")
    client.force_login(t["coordinator_a"])
    url = reverse(f"wagtailsnippets_people_person:{view}", args=[t["staff_a"].pk])
    response = client.get(url)
    # Coordinators may not delete people: Wagtail redirects to the dashboard.
    assert response.status_code == (302 if view == "delete" else 200)
    body = response.content.decode()
    assert service_b.name_lv not in body
    assert service_b.code not in body


def test_own_institution_cannot_be_hung_under_a_new_organisation(two_institutions):
    """A parent new in the file has no id yet; it is a move all the same."""
    t = two_institutions
    inst_a = t["inst_a"]
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        "40000000555;Jauna augšiestāde;;state_institution;\n"
        f"{inst_a.code};{inst_a.name_lv};;state_institution;40000000555\n",
        t["coordinator_a"],
    )
    assert error_columns(report) == {"parent_code"}
    inst_a.refresh_from_db()
    assert inst_a.parent == t["ministry"]


def test_own_employees_page_still_lists_own_involvements_and_roles(
    client, two_institutions
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    url = reverse("wagtailsnippets_people_person:inspect", args=[t["staff_a"].pk])
    body = client.get(url).content.decode()
    assert t["service_a"].code in body
