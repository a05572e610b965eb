import datetime

import pytest
from django.utils import translation

from catalogue.models import Involvement, Relation, RoleAssignment, Service
from lms.imports import registry
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from lms.spreadsheets import dataset_bytes
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(name, text, dry_run=False):
    return import_run(
        importer_name=name, table=read_table(text.encode(), "x.csv"), dry_run=dry_run
    )


@pytest.fixture
def world():
    agency = OrganisationFactory(code="90000000010")
    unit = OrganisationFactory(code="90000000011", parent=agency, kind="unit")
    partner = OrganisationFactory(code="40003000123", kind="enterprise")
    return {
        "agency": agency,
        "staff": PersonFactory(email="staff@example.lv", organisation=unit),
        "partner": PersonFactory(email="partner@example.lv", organisation=partner),
    }


SERVICES = (
    "code;name_lv;name_en;owner_code\n"
    "PAK-1;Atļauja;Permit;90000000010\n"
    "PAK-2;Konsultācija;;90000000010\n"
)


def test_services_import_and_reimport(world):
    report = run("services", SERVICES)
    assert report.ok and report.new == 2, report.errors
    assert Service.objects.get(code="PAK-1").owner == world["agency"]
    assert run("services", SERVICES).skipped == 2


def test_service_errors(world):
    report = run(
        "services",
        "code;name_lv;name_en;owner_code\nPAK-1;Atļauja;;99\n;;;90000000010\n",
    )
    found = {(e.row, e.column) for e in report.errors}
    assert {(2, "owner_code"), (3, "code"), (3, "name_lv")} <= found
    assert not Service.objects.exists()


@pytest.mark.parametrize("name", ["services", "resources"])
def test_a_file_with_the_old_manager_column_is_refused(world, name):
    # Managers are role assignments only: ignoring the column would silently
    # drop them, so the file is refused with a message naming the roles import.
    report = run(
        name,
        "code;name_lv;name_en;owner_code;manager_email\n"
        "X-1;Atļauja;;90000000010;staff@example.lv\n",
    )
    assert [(e.row, e.column) for e in report.errors] == [(1, "manager_email")]
    assert "Responsible roles" in report.errors[0].message
    assert not Service.objects.exists() and not RoleAssignment.objects.exists()


def test_managers_come_from_the_roles_import(world):
    run("services", SERVICES)
    report = run(
        "roles",
        "person_email,role,scope_code\nstaff@example.lv,service_manager,PAK-1\n",
    )
    assert report.ok, report.errors
    service = Service.objects.get(code="PAK-1")
    assert service.managers == [world["staff"]]
    assert Service.objects.get(code="PAK-2").managers == []


def test_involvements_derive_relation_and_accept_both_date_styles(world):
    run("services", SERVICES)
    report = run(
        "involvements",
        "person_email,service_code,resource_code,relation,start_date,end_date\n"
        "STAFF@example.lv,PAK-1,,,01.02.2026,\n"
        "partner@example.lv,pak-1,,external,2026-02-01,31.12.2026\n"
        "partner@example.lv,PAK-2,,,1.3.2026,\n",
    )
    assert report.ok, report.errors
    assert Involvement.objects.get(person=world["staff"]).relation == Relation.INTERNAL
    partner = Involvement.objects.get(person=world["partner"], service__code="PAK-1")
    assert partner.relation == Relation.EXTERNAL
    assert partner.end_date == datetime.date(2026, 12, 31)
    assert Involvement.objects.get(service__code="PAK-2").relation == Relation.EXTERNAL


def test_a_relation_column_that_disagrees_is_an_error_by_row_and_column(world):
    run("services", SERVICES)
    report = run(
        "involvements",
        "person_email,service_code,resource_code,relation,start_date,end_date\n"
        "staff@example.lv,PAK-1,,Iekšējie darbinieki,01.02.2026,\n"
        "partner@example.lv,PAK-2,,internal,1.3.2026,\n",
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "relation")]
    assert "External partner" in report.errors[0].message
    assert not Involvement.objects.exists()


def test_involvement_errors_and_duplicates(world):
    run("services", SERVICES)
    report = run(
        "involvements",
        "person_email,service_code,resource_code,relation,start_date,end_date\n"
        "staff@example.lv,PAK-1,,,31.02.2026,\n"
        "staff@example.lv,,,,01.02.2026,\n"
        "staff@example.lv,PAK-1,,,01.03.2026,01.01.2026\n"
        "staff@example.lv,PAK-2,,,2026-04-01,\n"
        "staff@example.lv,PAK-2,,,01.04.2026,\n"
        "staff@example.lv,PAK-404,,sometimes,01.04.2026,\n",
    )
    found = {(e.row, e.column) for e in report.errors}
    assert (2, "start_date") in found
    assert (3, "service_code") in found
    assert (4, "end_date") in found
    assert (6, "") in found
    assert (7, "service_code") in found and (7, "relation") in found
    assert not Involvement.objects.exists()


def test_roles_resolve_their_scope_by_role(world):
    run("services", SERVICES)
    report = run(
        "roles",
        "person_email,role,scope_code\n"
        "staff@example.lv,service_portfolio_manager,90000000010\n"
        "staff@example.lv,Pakalpojuma vadītājs,PAK-1\n"
        "staff@example.lv,Service manager,PAK-2\n",
    )
    assert report.ok, report.errors
    assert (
        RoleAssignment.objects.get(role="service_portfolio_manager").organisation
        == (world["agency"])
    )
    assert RoleAssignment.objects.filter(role="service_manager").count() == 2
    report = run(
        "roles",
        "person_email,role,scope_code\n"
        "staff@example.lv,service_manager,90000000010\n"
        "staff@example.lv,boss,PAK-1\n",
    )
    found = {(e.row, e.column) for e in report.errors}
    assert (2, "scope_code") in found and (3, "role") in found


@pytest.mark.parametrize("name", ["services", "involvements", "roles"])
def test_export_imports_back_unchanged(world, name):
    run("services", SERVICES)
    run(
        "involvements",
        "person_email,service_code,resource_code,relation,start_date,end_date\n"
        "staff@example.lv,PAK-1,,,01.02.2026,\npartner@example.lv,PAK-2,,,01.02.2026,\n",
    )
    run(
        "roles",
        "person_email,role,scope_code\nstaff@example.lv,service_manager,PAK-1\n",
    )
    for fmt in ("csv", "xlsx"):
        data = dataset_bytes(registry.get(name).export(), fmt)
        report = import_run(
            importer_name=name, table=read_table(data, f"x.{fmt}"), dry_run=False
        )
        assert report.ok, report.errors
        assert report.new == 0 and report.updated == 0 and report.skipped > 0
