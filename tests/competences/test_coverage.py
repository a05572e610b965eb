"""The report rules of §4 on the hand-built fixture (tests/competences/conftest.py)."""

import datetime

import pytest

from competences.coverage import (
    CoverageFilters,
    coverage_by_person,
    coverage_by_service,
    single_points_of_failure,
)
from competences.models import Attainment, Competence, Delegation
from tests.competences.conftest import AS_OF

pytestmark = pytest.mark.django_db
d = datetime.date


def _service_rows(**kwargs):
    return [
        (
            c.service_code,
            c.person_email,
            c.provider,
            c.competence_code,
            c.status,
            c.attained_on,
            c.expires_on,
            c.delegated_to,
        )
        for c in coverage_by_service(as_of=kwargs.pop("as_of", AS_OF), **kwargs)
    ]


def _person_rows(**kwargs):
    return [
        (
            c.person_email,
            c.organisation_code,
            c.competence_code,
            c.status,
            c.attained_on,
            c.expires_on,
            c.delegated_to,
        )
        for c in coverage_by_person(as_of=kwargs.pop("as_of", AS_OF), **kwargs)
    ]


def test_service_coverage_cells(coverage_world):
    assert _service_rows() == [
        ("PAK-1", "anna@example.lv", "internal", "K01", "held",
         d(2026, 1, 10), d(2028, 1, 10), ""),
        ("PAK-1", "anna@example.lv", "internal", "K07", "delegated",
         None, None, "C0002"),
        ("PAK-1", "bruno@example.lv", "external", "K01", "expiring",
         d(2024, 5, 1), d(2026, 7, 10), ""),
        ("PAK-1", "bruno@example.lv", "external", "K07", "held",
         d(2026, 3, 1), None, ""),
        ("PAK-1", "cilda@example.lv", "external", "K01", "held",
         d(2025, 3, 1), d(2027, 3, 1), ""),
        ("PAK-1", "cilda@example.lv", "external", "K07", "delegated",
         None, None, "C0002"),
        ("PAK-1", "dace@example.lv", "external", "K01", "expired",
         d(2023, 1, 1), d(2025, 1, 1), ""),
        ("PAK-1", "dace@example.lv", "external", "K07", "delegated",
         None, None, "C0002"),
        ("PAK-1", "eriks@example.lv", "internal", "K01", "missing",
         None, None, ""),
        ("PAK-1", "eriks@example.lv", "internal", "K07", "delegated",
         None, None, "C0002"),
        # Bruno is internal to the subordinate institution that owns PAK-2.
        ("PAK-2", "bruno@example.lv", "internal", "K01", "expiring",
         d(2024, 5, 1), d(2026, 7, 10), ""),
    ]  # fmt: skip


def test_people_competences_cells(coverage_world):
    assert _person_rows() == [
        ("anna@example.lv", "A0001-11", "K01", "held",
         d(2026, 1, 10), d(2028, 1, 10), ""),
        ("anna@example.lv", "A0001-11", "K07", "delegated", None, None, "C0002"),
        ("bruno@example.lv", "A0002", "K01", "expiring",
         d(2024, 5, 1), d(2026, 7, 10), ""),
        ("bruno@example.lv", "A0002", "K07", "held", d(2026, 3, 1), None, ""),
        ("cilda@example.lv", "P0001", "K01", "held",
         d(2025, 3, 1), d(2027, 3, 1), ""),
        ("cilda@example.lv", "P0001", "K07", "delegated", None, None, "C0002"),
        ("dace@example.lv", "P0001", "K01", "expired",
         d(2023, 1, 1), d(2025, 1, 1), ""),
        ("dace@example.lv", "P0001", "K07", "delegated", None, None, "C0002"),
        ("eriks@example.lv", "A0001", "K01", "missing", None, None, ""),
        ("eriks@example.lv", "A0001", "K07", "delegated", None, None, "C0002"),
        # Required of every service manager; no delegation of K09 exists.
        ("eriks@example.lv", "A0001", "K09", "missing", None, None, ""),
    ]  # fmt: skip


def _status(person_email, code, **kwargs):
    cells = {
        (c.person_email, c.competence_code): c
        for c in coverage_by_person(as_of=kwargs.pop("as_of", AS_OF), **kwargs)
    }
    return cells[(person_email, code)]


def test_held_needs_a_valid_attainment_beyond_the_window(coverage_world):
    cell = _status("anna@example.lv", "K01")
    assert (cell.status, cell.expires_on) == ("held", d(2028, 1, 10))


def test_expiring_within_the_window_and_held_with_a_shorter_one(coverage_world):
    assert _status("bruno@example.lv", "K01").status == "expiring"
    # A window of 5 days ends before 10 July: held.
    assert _status("bruno@example.lv", "K01", window_days=5).status == "held"
    # The expiry day itself is inside the window (expires_on <= D + window).
    assert _status("bruno@example.lv", "K01", window_days=9).status == "expiring"


def test_expired_then_renewed_counts_the_renewal(coverage_world):
    cell = _status("cilda@example.lv", "K01")
    assert (cell.status, cell.attained_on) == ("held", d(2025, 3, 1))
    # Between the lapse and the renewal, the lapsed one decides.
    cell = _status("cilda@example.lv", "K01", as_of=d(2025, 2, 1))
    assert (cell.status, cell.attained_on, cell.expires_on) == (
        "expired",
        d(2023, 1, 1),
        d(2025, 1, 1),
    )


def test_expired_is_valid_until_the_day_before_expiry(coverage_world):
    assert _status("dace@example.lv", "K01").status == "expired"
    # Valid on D when D < expires_on: still valid on 31 Dec 2024.
    assert _status("dace@example.lv", "K01", as_of=d(2024, 12, 31)).status == (
        "expiring"
    )


def test_missing_when_nothing_counts_and_revoked_ones_do_not(coverage_world):
    assert Attainment.objects.filter(person__first_name="Ēriks").exists()
    assert _status("eriks@example.lv", "K01").status == "missing"


def test_an_attainment_after_the_as_of_date_does_not_exist_yet(coverage_world):
    assert _status("anna@example.lv", "K01", as_of=d(2026, 1, 9)).status == ("missing")
    assert _status("eriks@example.lv", "K09").status == "missing"


def test_a_level_below_the_minimum_does_not_meet_it(coverage_world):
    Delegation.objects.all().delete()
    assert _status("anna@example.lv", "K07").status == "missing"
    assert _status("bruno@example.lv", "K07").status == "held"


def test_the_highest_minimum_level_counts(coverage_world):
    from competences.models import Requirement

    # Bruno's K07 is at level 2; an unscoped requirement at level 1 changes
    # nothing, because the service's level 2 is the higher one.
    Requirement.objects.create(competence=Competence.objects.get(code="K07"))
    cell = _status("bruno@example.lv", "K07")
    assert cell.status == "held"
    Delegation.objects.all().delete()
    assert _status("anna@example.lv", "K07").status == "missing"


def test_delegated_to_names_the_latest_started_centre_ties_lower_code(
    coverage_world,
):
    centre1, centre2 = coverage_world["centres"]
    assert _status("anna@example.lv", "K07").delegated_to == "C0002"
    Delegation.objects.filter(centre=centre2).update(start_date=d(2026, 1, 1))
    assert _status("anna@example.lv", "K07").delegated_to == "C0001"
    # Before any delegation started: the attainment is below the level.
    assert _status("anna@example.lv", "K07", as_of=d(2025, 12, 31)).status == (
        "missing"
    )


def test_an_ended_delegation_does_not_cover(coverage_world):
    Delegation.objects.update(end_date=d(2026, 6, 30))
    assert _status("anna@example.lv", "K07").status == "missing"
    Delegation.objects.update(end_date=AS_OF)
    assert _status("anna@example.lv", "K07").status == "delegated"


def test_a_mandatory_competence_is_never_delegated(coverage_world):
    k07 = Competence.objects.get(code="K07")
    k07.obligation = "mandatory"
    k07.save()
    assert _status("anna@example.lv", "K07").status == "missing"


def test_ended_involvements_do_not_count(coverage_world):
    emails = {c.person_email for c in coverage_by_service(as_of=AS_OF)}
    assert "zane@example.lv" not in emails
    emails = {c.person_email for c in coverage_by_service(as_of=d(2026, 6, 30))}
    assert "zane@example.lv" in emails


def test_filters_narrow_the_cells(coverage_world):
    from catalogue.models import Service

    pak2 = Service.objects.filter(code="PAK-2")
    rows = _service_rows(filters=CoverageFilters(services=pak2))
    assert [r[0] for r in rows] == ["PAK-2"]
    rows = _service_rows(filters=CoverageFilters(mandatory_only=True))
    assert {r[3] for r in rows} == {"K01"}
    rows = _service_rows(filters=CoverageFilters(provider="internal"))
    assert {r[1] for r in rows} == {
        "anna@example.lv",
        "eriks@example.lv",
        "bruno@example.lv",
    }
    assert all(r[2] == "internal" for r in rows)


def _points(**kwargs):
    return [
        (p.service_code, p.competence_code, p.holder_count, p.holders)
        for p in single_points_of_failure(as_of=AS_OF, **kwargs)
    ]


def test_single_points_of_failure(coverage_world):
    from competences.models import Requirement

    # PAK-1: three hold K01, K07 is delegated. PAK-2: only Bruno holds K01.
    assert _points() == [("PAK-2", "K01", 1, ["bruno@example.lv"])]
    Requirement.objects.create(
        competence=Competence.objects.get(code="K09"),
        service=coverage_world["services"]["PAK-2"],
    )
    Delegation.objects.all().delete()
    assert _points() == [
        # Without the delegation only Bruno holds K07 at the level asked.
        ("PAK-1", "K07", 1, ["bruno@example.lv"]),
        ("PAK-2", "K01", 1, ["bruno@example.lv"]),
        ("PAK-2", "K09", 0, []),
    ]
