"""People and organisation imports: formats, natural keys, every error, atomicity."""

import pytest
from django.utils import translation

from lms.imports.readers import read_table
from lms.imports.runs import import_run
from people.models import Organisation, Person
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(name, text, dry_run=False, user=None, encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return import_run(
        importer_name=name,
        table=read_table(data, f"{name}.csv"),
        dry_run=dry_run,
        user=user,
    )


PEOPLE = (
    "email;first_name;last_name;organisation_code;job_title;language\n"
    " Anna.Berzina@Example.LV ;Anna;Bērziņa;90000000010;Referente;lv\n"
    "janis@example.lv;Jānis;Kalniņš;90000000010;;en\n"
)


@pytest.fixture
def agency():
    return OrganisationFactory(code="90000000010")


def test_people_import_creates_trims_and_lowercases(agency):
    report = run("people", PEOPLE)
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (2, 0, 0)
    anna = Person.objects.get(email="anna.berzina@example.lv")
    assert anna.last_name == "Bērziņa"
    assert anna.organisation == agency
    assert Person.objects.get(email="janis@example.lv").language == "en"


def test_reimporting_the_same_file_changes_nothing(agency):
    run("people", PEOPLE)
    report = run("people", PEOPLE)
    assert (report.new, report.updated, report.skipped) == (0, 0, 2)


def test_changed_rows_are_updated_matched_case_insensitively(agency):
    run("people", PEOPLE)
    report = run(
        "people",
        PEOPLE.replace("Referente", "Vecākā referente").replace(
            "janis@example.lv", "JANIS@EXAMPLE.LV"
        ),
    )
    assert (report.new, report.updated, report.skipped) == (0, 1, 1)
    assert Person.objects.get(email="anna.berzina@example.lv").job_title == (
        "Vecākā referente"
    )
    assert Person.objects.count() == 2


def test_windows_1257_file_imports(agency):
    report = run("people", PEOPLE, encoding="cp1257")
    assert report.ok
    assert Person.objects.get(email="anna.berzina@example.lv").last_name == "Bērziņa"


def test_dry_run_writes_nothing(agency):
    report = run("people", PEOPLE, dry_run=True)
    assert report.ok and report.new == 2
    assert not Person.objects.exists()


def test_every_error_is_reported_and_nothing_is_written(agency):
    text = (
        "email;first_name;last_name;organisation_code;job_title;language\n"
        "ok@example.lv;Derīgs;Cilvēks;90000000010;;lv\n"
        "not-an-email;Anna;Bērziņa;90000000010;;lv\n"
        "dup@example.lv;A;B;99999999999;;lv\n"
        "DUP@example.lv;A;B;90000000010;;de\n"
        f'long@example.lv;{"x" * 151};B;90000000010;=HYPERLINK("x");lv\n'
        "empty@example.lv;;B;90000000010;;lv\n"
    )
    report = run("people", text)
    found = {(e.row, e.column) for e in report.errors}
    assert (3, "email") in found
    assert (4, "organisation_code") in found
    assert (5, "") in found  # duplicate of row 4
    assert (5, "language") in found
    assert (6, "first_name") in found  # over-long
    assert (6, "job_title") in found  # formula
    assert (7, "first_name") in found  # required
    messages = " ".join(e.message for e in report.errors)
    assert "99999999999" in messages
    assert "already on row 4" in messages
    assert "at most 150" in messages.lower()
    assert "Formulas are not accepted" in messages
    assert not Person.objects.exists()


def test_missing_columns_are_named_unknown_ones_warned(agency):
    report = run("people", "email;first_name;shoe_size\nx@example.lv;X;42\n")
    assert not report.ok
    assert "last_name" in report.errors[0].message
    assert "organisation_code" in report.errors[0].message
    assert any("shoe_size" in w for w in report.warnings)
    report = run("people", PEOPLE.replace("language\n", "language;shoe_size\n", 1))
    assert report.ok
    assert any("shoe_size" in w for w in report.warnings)


def test_our_own_export_escaping_is_undone(agency):
    text = PEOPLE.replace("Referente", "'=Referente")
    assert run("people", text).ok
    assert Person.objects.get(email="anna.berzina@example.lv").job_title == "=Referente"


def test_imported_people_are_recorded_by_the_coordinators_institution(agency):
    coordinator = UserFactory(groups=["Training coordinator"])
    PersonFactory(user=coordinator, email=coordinator.email, organisation=agency)
    run("people", PEOPLE, user=coordinator)
    assert Person.objects.get(email="janis@example.lv").registered_by == agency


ORGANISATIONS = (
    "code,name_lv,name_en,kind,parent_code\n"
    "90000000002,Nodaļa,Unit,Valsts iestāde,90000000001\n"
    "90000000001,Ministrija,Ministry,state_institution,\n"
    "40003000123,SIA „Partneris”,,Komersants,\n"
)


def test_organisations_with_parents_later_in_the_file_and_labels():
    report = run("organisations", ORGANISATIONS)
    assert report.ok, report.errors
    unit = Organisation.objects.get(code="90000000002")
    assert unit.parent.code == "90000000001"
    assert unit.kind == "state_institution"
    assert Organisation.objects.get(code="40003000123").kind == "enterprise"
    again = run("organisations", ORGANISATIONS)
    assert (again.new, again.updated, again.skipped) == (0, 0, 3)


def test_organisation_errors():
    text = (
        "code,name_lv,name_en,kind,parent_code\n"
        "A1,Viens,,spaceship,NOPE\n"
        "A2,Divi,,ngo,A3\n"
        "A3,Trīs,,ngo,A2\n"
        "A4,Četri,,ngo,A4\n"
    )
    report = run("organisations", text)
    found = {(e.row, e.column) for e in report.errors}
    assert (2, "kind") in found
    assert (2, "parent_code") in found
    assert (5, "parent_code") in found
    assert not Organisation.objects.exists()
    # A loop between two rows is found once all rows are known.
    report = run(
        "organisations", text.split("A1")[0] + "A2,Divi,,ngo,A3\nA3,Trīs,,ngo,A2\n"
    )
    assert any("loop" in e.message for e in report.errors)
    assert not Organisation.objects.exists()


def test_export_imports_back_unchanged(agency):
    run("organisations", ORGANISATIONS)
    run("people", PEOPLE)
    from lms.imports import registry
    from lms.spreadsheets import dataset_bytes

    for name in ("organisations", "people"):
        for fmt in ("csv", "xlsx"):
            data = dataset_bytes(registry.get(name).export(), fmt)
            report = import_run(
                importer_name=name, table=read_table(data, f"x.{fmt}"), dry_run=False
            )
            assert report.ok, report.errors
            assert report.new == report.updated == 0, (name, fmt, report)


def test_imported_people_are_found_by_admin_search(
    agency, django_capture_on_commit_callbacks
):
    from wagtail.search.backends import get_search_backend

    with django_capture_on_commit_callbacks(execute=True):
        run("people", PEOPLE)
    results = get_search_backend().search("Bērziņa", Person)
    assert [p.email for p in results] == ["anna.berzina@example.lv"]


@pytest.mark.parametrize("scan_above", [1, 2000])
def test_existing_rows_are_found_by_lookup_and_by_scan(agency, monkeypatch, scan_above):
    monkeypatch.setattr("lms.imports.tabular.LOOKUP_ALL_ABOVE", scan_above)
    run("people", PEOPLE)
    report = run("people", PEOPLE.replace("JANIS", "janis").replace("Jānis", "Jānis"))
    assert (report.new, report.updated, report.skipped) == (0, 0, 2)
    report = run("organisations", ORGANISATIONS)
    report = run(
        "organisations", ORGANISATIONS.lower().replace("ministrija", "Ministrija")
    )
    assert report.new == 0
