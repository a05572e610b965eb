"""Internal or external is always derived, and follows every move (issue 7, §3)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import Involvement, Relation
from catalogue.services import involvement_upsert, register_entry_upsert
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from people.services import organisation_save, person_save
from tests.factories import OrganisationFactory, PersonFactory, ServiceFactory

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def tree():
    """An agency with a unit, a subordinate institution and a unit of that."""
    agency = OrganisationFactory(name_lv="Aģentūra")
    unit = OrganisationFactory(parent=agency, kind="unit", name_lv="Nodaļa")
    subordinate = OrganisationFactory(parent=agency, name_lv="Padotā iestāde")
    sub_unit = OrganisationFactory(
        parent=subordinate, kind="unit", name_lv="Tās nodaļa"
    )
    return {
        "agency": agency,
        "unit": unit,
        "subordinate": subordinate,
        "sub_unit": sub_unit,
        "service": ServiceFactory(owner=agency),
    }


def involve(organisation, service):
    return involvement_upsert(
        person=PersonFactory(organisation=organisation),
        service=service,
        start_date=START,
    )


def relation(involvement):
    return Involvement.objects.get(pk=involvement.pk).relation


def test_a_subordinate_institution_and_its_units_are_external(tree):
    service = tree["service"]
    assert involve(tree["unit"], service).relation == Relation.INTERNAL
    assert involve(tree["subordinate"], service).relation == Relation.EXTERNAL
    assert involve(tree["sub_unit"], service).relation == Relation.EXTERNAL


def test_moving_a_person_in_the_admin_service_recomputes(tree):
    involvement = involve(tree["unit"], tree["service"])
    person = involvement.person
    person.organisation = tree["subordinate"]
    person_save(person=person)
    assert relation(involvement) == Relation.EXTERNAL


def test_moving_people_by_import_recomputes(tree):
    involvement = involve(tree["subordinate"], tree["service"])
    person = involvement.person
    report = import_run(
        importer_name="people",
        table=read_table(
            (
                "email;first_name;last_name;organisation_code\n"
                f"{person.email};Ēriks;Šķēle;{tree['unit'].code}\n"
            ).encode(),
            "p.csv",
        ),
        dry_run=False,
    )
    assert report.ok, report.errors
    assert relation(involvement) == Relation.INTERNAL


def test_reparenting_or_changing_kind_in_the_service_recomputes(tree):
    inside = involve(tree["unit"], tree["service"])
    below = involve(tree["sub_unit"], tree["service"])
    subordinate = tree["subordinate"]
    subordinate.kind = "unit"
    organisation_save(organisation=subordinate)
    assert relation(below) == Relation.INTERNAL
    unit = tree["unit"]
    unit.parent = OrganisationFactory()
    organisation_save(organisation=unit)
    assert relation(inside) == Relation.EXTERNAL


def test_reparenting_or_changing_kind_by_import_recomputes(tree):
    inside = involve(tree["unit"], tree["service"])
    below = involve(tree["sub_unit"], tree["service"])
    elsewhere = OrganisationFactory(code="90000077777")
    s, u = tree["subordinate"], tree["unit"]
    report = import_run(
        importer_name="organisations",
        table=read_table(
            (
                "code;name_lv;name_en;kind;parent_code\n"
                f"{s.code};{s.name_lv};;unit;{tree['agency'].code}\n"
                f"{u.code};{u.name_lv};;unit;{elsewhere.code}\n"
            ).encode(),
            "o.csv",
        ),
        dry_run=False,
    )
    assert report.ok, report.errors
    assert relation(below) == Relation.INTERNAL
    assert relation(inside) == Relation.EXTERNAL


def test_moving_a_person_in_the_admin_recomputes(client, two_institutions):
    t = two_institutions
    involvement = Involvement.objects.get(person=t["staff_a"])
    assert involvement.relation == Relation.INTERNAL
    client.force_login(t["coordinator_a"])
    staff = t["staff_a"]
    response = client.post(
        reverse("wagtailsnippets_people_person:edit", args=[staff.pk]),
        {
            "first_name": staff.first_name,
            "last_name": staff.last_name,
            "email": staff.email,
            "organisation": t["partner"].pk,
            "language": "lv",
        },
    )
    assert response.status_code == 302
    assert relation(involvement) == Relation.EXTERNAL


def test_changing_a_services_owner_recomputes(tree):
    involvement = involve(tree["subordinate"], tree["service"])
    service = tree["service"]
    register_entry_upsert(
        model=type(service),
        code=service.code,
        name_lv=service.name_lv,
        owner=tree["subordinate"],
    )
    assert relation(involvement) == Relation.INTERNAL
