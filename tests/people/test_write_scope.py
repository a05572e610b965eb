"""Nobody writes outside their institution, by the admin or by an import (issue 6).

Each attack below was confirmed on the foundation by institution A's
coordinator; the same change is refused by both paths, with nothing written.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.services import involvement_upsert
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from people.models import Organisation, Person
from people.permissions import can_invite, people_visible_to
from people.selectors import person_for_user
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE_HEADER = "email;first_name;last_name;organisation_code;job_title;language\n"
ORG_HEADER = "code;name_lv;name_en;kind;parent_code\n"


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


def errors(report):
    return {(e.row, e.column) for e in report.errors}


def test_import_cannot_move_and_rename_another_institutions_person(two_institutions):
    t = two_institutions
    staff_b = t["staff_b"]
    report = run(
        "people",
        PEOPLE_HEADER + f"{staff_b.email};Pārdēvēta;Ļauna;{t['inst_a'].code};;lv\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(2, "email")}
    assert "another institution" in report.errors[0].message
    staff_b.refresh_from_db()
    assert (staff_b.first_name, staff_b.organisation) != ("Pārdēvēta", t["inst_a"])
    assert staff_b.organisation == t["inst_b"]
    assert not people_visible_to(t["coordinator_a"]).filter(pk=staff_b.pk).exists()


def test_import_cannot_move_the_coordinator_herself_into_the_ministry(
    two_institutions,
):
    t = two_institutions
    coordinator = t["coordinator_a"]
    me = person_for_user(user=coordinator)
    before = people_visible_to(coordinator).count()
    report = run(
        "people",
        PEOPLE_HEADER + f"{me.email};Dace;Liepiņa;{t['ministry'].code};;lv\n",
        coordinator,
    )
    assert errors(report) == {(2, "organisation_code")}
    me.refresh_from_db()
    assert me.organisation == t["unit_a"]
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert people_visible_to(coordinator).count() == before


def test_nobody_moves_themselves_to_a_partner_either(client, two_institutions):
    t = two_institutions
    coordinator = t["coordinator_a"]
    me = person_for_user(user=coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_people_person:edit", args=[me.pk]),
        {
            "first_name": me.first_name,
            "last_name": me.last_name,
            "email": me.email,
            "organisation": t["partner"].pk,
            "language": "lv",
        },
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    me.refresh_from_db()
    assert me.organisation == t["unit_a"]


def test_own_staff_and_partners_are_still_imported(two_institutions):
    t = two_institutions
    report = run(
        "people",
        PEOPLE_HEADER
        + f"{t['staff_a'].email};Anna;Ozoliņa;{t['unit_a'].code};;lv\n"
        + f"jauna.partnere@partneris.lv;Līga;Ēķe;{t['partner'].code};;en\n",
        t["coordinator_a"],
    )
    assert report.ok, report.errors
    assert Person.objects.get(pk=t["staff_a"].pk).last_name == "Ozoliņa"
    assert (
        Person.objects.get(email="jauna.partnere@partneris.lv").registered_by
        == (t["inst_a"])
    )


@pytest.fixture
def admin_in_unit(two_institutions):
    """A superuser whose person record sits in A's unit."""
    user = UserFactory(is_superuser=True, is_staff=True, email="admin@example.lv")
    return PersonFactory(
        organisation=two_institutions["unit_a"], user=user, email=user.email
    )


def test_coordinator_cannot_edit_an_administrators_person(
    client, two_institutions, admin_in_unit
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_person:edit", args=[admin_in_unit.pk]),
        {
            "first_name": "Uzbrucēja",
            "last_name": "Pārņemta",
            "email": "uzbrucejs@example.lv",
            "organisation": t["unit_a"].pk,
            "language": "lv",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    admin_in_unit.refresh_from_db()
    assert admin_in_unit.email == "admin@example.lv"

    report = run(
        "people",
        PEOPLE_HEADER + f"admin@example.lv;Uzbrucēja;X;{t['unit_a'].code};;lv\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(2, "email")}
    assert Person.objects.get(pk=admin_in_unit.pk).first_name != "Uzbrucēja"


def test_coordinator_cannot_edit_another_institutions_account_she_sees(
    client, two_institutions
):
    """B's manager delivers A's service: A sees her, but may not change her."""
    t = two_institutions
    manager_b = person_for_user(user=t["manager_b"])
    run(
        "involvements",
        "person_email;service_code;resource_code;relation;start_date;end_date\n"
        f"{manager_b.email};{t['service_a'].code};;;01.02.2026;\n",
        t["coordinator_a"],
    )
    assert people_visible_to(t["coordinator_a"]).filter(pk=manager_b.pk).exists()
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_person:edit", args=[manager_b.pk]),
        {
            "first_name": manager_b.first_name,
            "last_name": manager_b.last_name,
            "email": "parnemts@example.lv",
            "organisation": manager_b.organisation_id,
            "language": "lv",
        },
    )
    assert response.status_code == 200
    manager_b.refresh_from_db()
    assert manager_b.email != "parnemts@example.lv"


def test_organisations_import_updates_existing_rows():
    """Was: "Organisation has no field named 'parent_code'"."""
    ministry = OrganisationFactory(code="90000000001")
    OrganisationFactory(code="90000000002", name_lv="Vecais nosaukums")
    report = run(
        "organisations",
        ORG_HEADER
        + "90000000002;Jaunā aģentūra;New agency;Valsts iestāde;90000000001\n",
        None,
    )
    assert report.ok, report.errors
    assert report.updated == 1
    agency = Organisation.objects.get(code="90000000002")
    assert (agency.name_lv, agency.parent) == ("Jaunā aģentūra", ministry)


def test_organisations_import_stays_inside_the_institution(two_institutions):
    t = two_institutions
    a, b, unit = t["inst_a"], t["inst_b"], t["unit_a"]
    report = run(
        "organisations",
        ORG_HEADER
        + f"{unit.code};Nodaļa Ā1;Unit A1;unit;{a.code}\n"
        + f"{b.code};Pārņemtā B;;state_institution;{a.code}\n"
        + f"{a.code};Iestāde A;;state_institution;\n"
        + f"90000099999;Jauna nodaļa;;unit;{b.code}\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(3, "code"), (4, "parent_code"), (5, "parent_code")}
    assert Organisation.objects.get(pk=b.pk).parent == t["ministry"]
    assert Organisation.objects.get(pk=a.pk).parent == t["ministry"]
    assert not Organisation.objects.filter(code="90000099999").exists()
    assert Organisation.objects.get(pk=unit.pk).name_lv == "Nodaļa A1"

    report = run(
        "organisations",
        ORG_HEADER
        + f"{unit.code};Nodaļa Ā1;Unit A1;unit;{a.code}\n"
        + f"90000099999;Jauna nodaļa;;unit;{unit.code}\n",
        t["coordinator_a"],
    )
    assert report.ok, report.errors
    assert Organisation.objects.get(code="90000099999").parent == unit


def test_coordinator_cannot_move_her_own_institution_in_the_admin(
    client, two_institutions
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    a = t["inst_a"]
    response = client.post(
        reverse("wagtailsnippets_people_organisation:edit", args=[a.pk]),
        {"code": a.code, "kind": "unit", "name_lv": a.name_lv, "name_en": ""},
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.kind == "state_institution" and a.parent == t["ministry"]


def test_a_visible_employee_of_another_institution_is_not_invited(two_institutions):
    """Delivering A's service makes B's employee visible to A, not A's to invite."""
    t = two_institutions
    involvement_upsert(
        person=t["staff_b"], service=t["service_a"], start_date="2026-02-01"
    )
    assert people_visible_to(t["coordinator_a"]).filter(pk=t["staff_b"].pk).exists()
    assert not can_invite(t["coordinator_a"], t["staff_b"])
    assert can_invite(t["coordinator_a"], t["partner_person"])
