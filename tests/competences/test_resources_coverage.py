"""Importers of attainments, requirements and delegations (§6): a good file,
every refusal by row and column, another institution's rows refused."""

import datetime

import pytest
from django.utils import timezone, translation

from competences.models import Attainment, Competence, Delegation, Requirement
from lms.imports import registry
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from lms.spreadsheets import dataset_bytes
from people.permissions import COORDINATOR, LEARNER, MANAGER
from tests.factories import OrganisationFactory, PersonFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(name, text, user=None, dry_run=False):
    return import_run(
        importer_name=name,
        table=read_table(text.encode(), "x.csv"),
        dry_run=dry_run,
        user=user,
    )


def _errors(report):
    return {(e.row, e.column) for e in report.errors}


@pytest.fixture
def world(make_member):
    inst = OrganisationFactory(code="90000000010", name_lv="Iestāde Ā")
    unit = OrganisationFactory(code="90000000011", parent=inst, kind="unit")
    other = OrganisationFactory(code="90000000020", name_lv="Cita iestāde")
    partner = OrganisationFactory(code="40003000123", kind="enterprise")
    centre = OrganisationFactory(code="90000000099", kind="competence_centre")
    k01 = Competence.objects.get(code="K01")
    k01.validity_months = 24
    k01.save()
    return {
        "inst": inst,
        "other": other,
        "centre": centre,
        "service": ServiceFactory(code="PAK-1", owner=inst),
        "other_service": ServiceFactory(code="CIT-1", owner=other),
        "anna": PersonFactory(email="anna@example.lv", organisation=unit),
        "partner": PersonFactory(email="juris@example.lv", organisation=partner),
        "outsider": PersonFactory(email="olga@example.lv", organisation=other),
        "coordinator": make_member(unit, [COORDINATOR]),
        "manager": make_member(unit, [MANAGER]),
        "other_coordinator": make_member(other, [COORDINATOR]),
    }


ATTAINMENTS = (
    "person_email;competence_code;level;attained_on;expires_on;source;note\n"
    "anna@example.lv;K01;;31.01.2026;;import;Ārējais kurss\n"
    "anna@example.lv;K07;Apgūta;2025-03-01;2028-03-01;course;\n"
)


def test_attainments_good_file_and_reimport(world):
    user = world["coordinator"]
    report = run("attainments", ATTAINMENTS, user=user)
    assert report.ok and report.new == 2, report.errors
    k01 = Attainment.objects.get(competence__code="K01")
    # Computed from the validity: 31 Jan + 24 months, same day.
    assert k01.expires_on == datetime.date(2028, 1, 31)
    assert (k01.recorded_by, k01.note, k01.source) == (user, "Ārējais kurss", "import")
    k07 = Attainment.objects.get(competence__code="K07")
    assert (k07.level, k07.source) == (2, "course")
    # The audit trail says who recorded it and through which channel.
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(object_id=str(k01.pk))
    assert entry.data["channel"] == "import" and entry.user == user
    # The same file again changes nothing.
    report = run("attainments", ATTAINMENTS, user=user)
    assert report.ok and (report.new, report.skipped) == (0, 2), report.errors
    # The export imports back unchanged.
    data = dataset_bytes(registry.get("attainments").export(), "csv")
    report = import_run(
        importer_name="attainments", table=read_table(data, "x.csv"), dry_run=False
    )
    assert report.ok and report.skipped == 2, report.errors


def test_attainment_refusals_by_row_and_column(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    report = run(
        "attainments",
        "person_email;competence_code;level;attained_on;expires_on;source;note\n"
        "nobody@example.lv;K01;;01.01.2026;;;\n"
        "anna@example.lv;K99;;01.01.2026;;;\n"
        f"anna@example.lv;K01;;{tomorrow:%d.%m.%Y};;;\n"
        "anna@example.lv;K02;;01.03.2026;01.02.2026;;\n"
        "anna@example.lv;K07;Ekspertu;01.03.2026;;;\n"
        "anna@example.lv;K03;;01.03.2026;;recognition;\n"
        "olga@example.lv;K01;;01.03.2026;;;\n",
        user=world["coordinator"],
    )
    assert _errors(report) == {
        (2, "person_email"),  # unknown person
        (3, "competence_code"),  # unknown code
        (4, "attained_on"),  # in the future
        (5, "expires_on"),  # expiry before attainment
        (6, "level"),  # not a level of the scale
        (7, "source"),  # a recognition needs its evidence
        (8, "person_email"),  # another institution's employee
    }
    assert not Attainment.objects.exists()


def test_a_stored_attainment_is_never_changed(world):
    user = world["coordinator"]
    assert run("attainments", ATTAINMENTS, user=user).ok
    report = run(
        "attainments",
        "person_email;competence_code;level;attained_on;expires_on;source;note\n"
        "anna@example.lv;K07;Apgūta;2025-03-01;2029-03-01;course;\n",
        user=user,
    )
    assert _errors(report) == {(2, "attained_on")}
    assert Attainment.objects.get(competence__code="K07").expires_on == (
        datetime.date(2028, 3, 1)
    )


def test_another_institutions_coordinator_is_refused(world):
    report = run("attainments", ATTAINMENTS, user=world["other_coordinator"])
    assert _errors(report) == {(2, "person_email"), (3, "person_email")}
    report = run(
        "requirements",
        "competence_code;service_code;resource_code;role;min_level\nK07;PAK-1;;;\n",
        user=world["other_coordinator"],
    )
    assert _errors(report) == {(2, "service_code")}
    report = run(
        "delegations",
        "competence_code;centre_code;service_code;institution_code;start_date;"
        "end_date\nK07;90000000099;;90000000010;01.01.2026;\n",
        user=world["other_coordinator"],
    )
    assert _errors(report) == {(2, "institution_code")}
    assert not (Attainment.objects.exists() or Requirement.objects.exists())
    assert not Delegation.objects.exists()


def test_learners_and_managers_may_not_import_attainments(world, make_member):
    importer = registry.get("attainments")
    learner = make_member(world["inst"], [LEARNER])
    assert not importer.can_import(learner)
    assert not importer.can_import(world["manager"])
    assert importer.can_import(world["coordinator"])


REQUIREMENTS = (
    "competence_code;service_code;resource_code;role;min_level\n"
    "K07;PAK-1;;;Apgūta\n"
    "K11;;;;\n"
)


def test_requirements_good_file_and_refusals(world, django_user_model):
    coordinator = world["coordinator"]
    report = run(
        "requirements",
        "competence_code;service_code;resource_code;role;min_level\n"
        "K07;PAK-1;;;Apgūta\n",
        user=coordinator,
    )
    assert report.ok and report.new == 1, report.errors
    assert Requirement.objects.get().min_level == 2
    report = run(
        "requirements",
        "competence_code;service_code;resource_code;role;min_level\n"
        "K99;PAK-1;;;\n"
        "K08;PAK-404;;;\n"
        "K08;PAK-1;;service_manager;\n"
        "K08;PAK-1;;;Meistars\n"
        "K09;CIT-1;;;\n"
        "K10;;;;\n",
        user=coordinator,
    )
    assert _errors(report) == {
        (2, "competence_code"),
        (3, "service_code"),
        (4, "service_code"),  # more than one scope
        (5, "min_level"),
        (6, "service_code"),  # another institution's service
        (7, "competence_code"),  # of everyone: an administrator's choice
    }
    # An administrator sets a requirement of everyone involved.
    admin = django_user_model.objects.create_superuser(
        email="admin@example.lv", password="x"
    )
    report = run("requirements", REQUIREMENTS, user=admin)
    assert report.ok and (report.new, report.skipped) == (1, 1), report.errors


DELEGATIONS = (
    "competence_code;centre_code;service_code;institution_code;start_date;end_date\n"
    "K07;90000000099;PAK-1;;01.01.2026;31.12.2026\n"
    "K08;90000000099;;90000000010;01.02.2026;\n"
)


def test_delegations_good_file_and_refusals(world):
    coordinator = world["coordinator"]
    report = run("delegations", DELEGATIONS, user=coordinator)
    assert report.ok and report.new == 2, report.errors
    assert Delegation.objects.get(competence__code="K08").institution == world["inst"]
    assert run("delegations", DELEGATIONS, user=coordinator).skipped == 2
    report = run(
        "delegations",
        "competence_code;centre_code;service_code;institution_code;start_date;"
        "end_date\n"
        "K01;90000000099;PAK-1;;01.01.2026;\n"
        "K07;90000000010;PAK-1;;01.01.2026;\n"
        "K07;90000000099;PAK-1;90000000010;01.01.2026;\n"
        "K07;90000000099;;;01.01.2026;\n"
        "K07;90000000099;PAK-1;;01.03.2026;01.02.2026\n"
        "K07;00000000000;PAK-1;;01.01.2026;\n",
        user=coordinator,
    )
    assert _errors(report) == {
        (2, "competence_code"),  # a mandatory competence is never delegated
        (3, "centre_code"),  # not a competence centre
        (4, "service_code"),  # both a service and an institution
        (5, "service_code"),  # neither
        (6, "end_date"),
        (7, "centre_code"),  # unknown code
    }
