"""Reports (c) organisation-coverage, (d) gaps and (e) expiring on the
hand-built fixture (tests/competences/conftest.py): the expected tables
written out, the revoked attainment that never counts, the expired-then-renewed
history, and the contract between an organisation's cell and its gaps."""

import datetime

import pytest

from catalogue.models import RoleAssignment
from competences.coverage import CoverageFilters
from competences.coverage_reports import (
    attainments_expiring,
    coverage_by_organisation,
    coverage_gaps,
)
from competences.models import Attainment, Competence
from tests.competences.conftest import AS_OF
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
d = datetime.date


def _organisation_rows(**kwargs):
    return [
        (
            r.organisation_code,
            r.competence_code,
            r.internal_held,
            r.internal_required,
            r.internal_share,
            r.external_held,
            r.external_required,
            r.external_share,
        )
        for r in coverage_by_organisation(as_of=kwargs.pop("as_of", AS_OF), **kwargs)
    ]


def _gap_rows(**kwargs):
    return [
        (g.person_email, g.competence_code, g.obligation, g.status, g.gap_since)
        for g in coverage_gaps(as_of=kwargs.pop("as_of", AS_OF), **kwargs)
    ]


def _expiring_rows(**kwargs):
    return [
        (
            e.person_email,
            e.competence_code,
            e.attained_on,
            e.expires_on,
            e.status,
            e.renewed_on,
            e.managers,
        )
        for e in attainments_expiring(as_of=kwargs.pop("as_of", AS_OF), **kwargs)
    ]


def test_organisation_coverage_table(coverage_world):
    # A0001: its staff Anna (held) and Ēriks (revoked: missing) are internal;
    # Bruno (a subordinate institution: external, expiring counts), Cilda
    # (renewed: held) and Dace (expired) deliver its service. Zane's
    # involvement ended the day before: not counted anywhere.
    assert _organisation_rows() == [
        ("A0001", "K01", 1, 2, 50, 2, 3, 67),
        ("A0002", "K01", 1, 1, 100, 0, 0, None),
        ("P0001", "K01", 1, 2, 50, 0, 0, None),
    ]


def test_organisation_coverage_provider_and_rows_filters(coverage_world):
    inst = coverage_world["orgs"]["inst"]
    from people.models import Organisation

    rows = _organisation_rows(
        filters=CoverageFilters(provider="external"),
        organisations=Organisation.objects.filter(pk=inst.pk),
    )
    assert rows == [("A0001", "K01", 0, 0, None, 2, 3, 67)]


def test_gaps_table_riskiest_first(coverage_world):
    assert _gap_rows() == [
        # Mandatory first; expired before missing.
        ("dace@example.lv", "K01", "mandatory", "expired", d(2025, 1, 1)),
        # Ēriks only holds a role: no involvement dates his gap.
        ("eriks@example.lv", "K01", "mandatory", "missing", None),
        ("eriks@example.lv", "K09", "delegable", "missing", None),
    ]


def test_gaps_oldest_first_within_a_status(coverage_world):
    people = coverage_world["people"]
    Attainment.objects.filter(person=people["Anna"]).delete()
    rows = _gap_rows(filters=CoverageFilters(mandatory_only=True))
    # Anna has been involved since 2023-01-01; Ēriks has no date: last.
    assert rows == [
        ("dace@example.lv", "K01", "mandatory", "expired", d(2025, 1, 1)),
        ("anna@example.lv", "K01", "mandatory", "missing", d(2023, 1, 1)),
        ("eriks@example.lv", "K01", "mandatory", "missing", None),
    ]


def test_gaps_list_only_published_courses_of_the_language(coverage_world, site_pages):
    from courses.services import Taxonomy, Translated, course_page_ensure

    def course(code, title):
        return course_page_ensure(
            index=site_pages["pages"].courses,
            code=code,
            duration_hours=2,
            text=Translated(title, f"{title} (EN)", summary_lv="Ī", summary_en="S"),
            taxonomy=Taxonomy(competences=["K01"]),
        )

    course("POL-1", "Politikas pamati")
    draft = course("POL-2", "Melnraksts")
    for page in [draft, *draft.get_translations()]:
        page.unpublish()
    gaps = coverage_gaps(as_of=AS_OF)
    by_key = {(g.person_email, g.competence_code): g for g in gaps}
    links = by_key[("dace@example.lv", "K01")].courses
    assert [(c.code, c.title) for c in links] == [("POL-1", "Politikas pamati")]
    assert links[0].url
    assert by_key[("eriks@example.lv", "K09")].courses == []
    from django.utils import translation

    with translation.override("en"):
        gaps = coverage_gaps(as_of=AS_OF)
    assert [c.title for c in gaps[0].courses] == ["Politikas pamati (EN)"]


def test_gaps_behind_an_organisation_cell(coverage_world):
    """Each cell of organisation-coverage opens exactly the gaps behind it."""
    k01 = Competence.objects.get(code="K01")
    for row in coverage_by_organisation(as_of=AS_OF):
        gaps = coverage_gaps(
            as_of=AS_OF,
            organisation_id=row.organisation_id,
            filters=CoverageFilters(competences=Competence.objects.filter(pk=k01.pk)),
        )
        required = row.internal_required + row.external_required
        held = row.internal_held + row.external_held
        assert len(gaps) == required - held, row.organisation_code
    inst = coverage_world["orgs"]["inst"]
    assert [g.person_email for g in coverage_gaps(
        as_of=AS_OF, organisation_id=inst.pk, filters=CoverageFilters(
            competences=Competence.objects.filter(pk=k01.pk)
        )
    )] == ["dace@example.lv", "eriks@example.lv"]  # fmt: skip


def test_expiring_table_with_managers(coverage_world):
    people, inst = coverage_world["people"], coverage_world["orgs"]["inst"]
    liga = PersonFactory(email="liga@example.lv", organisation=inst, first_name="Līga")
    RoleAssignment.objects.create(
        person=liga, role="service_portfolio_manager", organisation=inst
    )
    k02 = Competence.objects.get(code="K02")
    # Zane delivers nothing on D: her manager is her institution's portfolio
    # manager. Bruno delivers PAK-1, whose service manager is Ēriks.
    Attainment.objects.create(
        person=people["Zane"],
        competence=k02,
        attained_on=d(2024, 7, 20),
        expires_on=d(2026, 7, 20),
    )
    assert _expiring_rows() == [
        ("bruno@example.lv", "K01", d(2024, 5, 1), d(2026, 7, 10), "expiring",
         None, ["eriks@example.lv"]),
        ("zane@example.lv", "K02", d(2024, 7, 20), d(2026, 7, 20), "expiring",
         None, ["liga@example.lv"]),
    ]  # fmt: skip
    # A window of 12 days keeps only Bruno's.
    assert [r[0] for r in _expiring_rows(window_days=12)] == ["bruno@example.lv"]


def test_expiring_lists_the_expired_then_renewed_history(coverage_world):
    # 1 Feb 2025: Cilda's and Dace's K01 lapsed a month ago, nothing renewed yet.
    rows = _expiring_rows(as_of=d(2025, 2, 1))
    assert [(r[0], r[3], r[4], r[5]) for r in rows] == [
        ("cilda@example.lv", d(2025, 1, 1), "expired", None),
        ("dace@example.lv", d(2025, 1, 1), "expired", None),
    ]
    # 15 Mar 2025: Cilda renewed on 1 Mar; the lapsed one says so.
    rows = _expiring_rows(as_of=d(2025, 3, 15))
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("cilda@example.lv", "expired", d(2025, 3, 1)),
        ("dace@example.lv", "expired", None),
    ]
    # More than 90 days after the lapse: gone from the report.
    assert _expiring_rows(as_of=d(2025, 4, 2)) == []
    # In the gaps, Cilda is a gap between lapse and renewal only.
    assert ("cilda@example.lv", "K01", "mandatory", "expired", d(2025, 1, 1)) in (
        _gap_rows(as_of=d(2025, 2, 1))
    )
    later = {r[:2] for r in _gap_rows(as_of=d(2025, 3, 15))}
    assert ("cilda@example.lv", "K01") not in later
    assert ("dace@example.lv", "K01") in later


@pytest.mark.parametrize(
    "as_of", [d(2026, 1, 1), d(2026, 6, 1), AS_OF, d(2027, 12, 15), d(2028, 2, 1)]
)
def test_revoked_never_counts_for_any_as_of_date(coverage_world, as_of):
    eriks = coverage_world["people"]["Ēriks"]
    revoked = Attainment.objects.get(person=eriks, competence__code="K01")
    assert revoked.revoked_at is not None
    assert ("eriks@example.lv", "K01") in {
        (g.person_email, g.competence_code) for g in coverage_gaps(as_of=as_of)
    }
    assert "eriks@example.lv" not in {
        e.person_email for e in attainments_expiring(as_of=as_of)
    }
    inst_row = next(
        r
        for r in coverage_by_organisation(as_of=as_of)
        if r.organisation_code == "A0001"
    )
    # Ēriks is internal to A0001 and never among its holders.
    holders = {
        c.person_email
        for c in __import__("competences.coverage").coverage.coverage_by_person(
            as_of=as_of
        )
        if c.competence_code == "K01" and c.status in ("held", "expiring")
    }
    assert "eriks@example.lv" not in holders
    assert inst_row.internal_held <= inst_row.internal_required - 1
