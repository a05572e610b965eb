"""generate_scale_data and `bench reports`: deterministic data, and the
reports agree cell for cell with their hand-written SQL baselines."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from catalogue.models import Involvement, Relation, ResponsibleRole, RoleAssignment
from competences.bench import BENCHED_REPORTS, measure
from competences.models import Attainment, Delegation, Requirement
from competences.scale_data import generate_scale_data
from people.models import Organisation, OrganisationKind, Person

pytestmark = pytest.mark.django_db


def _fingerprint():
    return (
        sorted(Person.objects.values_list("email", "organisation__code")),
        sorted(
            Involvement.objects.values_list(
                "person__email", "service__code", "resource__code", "start_date"
            ),
            key=str,
        ),
        sorted(
            Attainment.objects.values_list(
                "person__email", "competence__code", "attained_on", "expires_on"
            ),
            key=str,
        ),
    )


def test_same_seed_same_data():
    fingerprints = []
    for _run in range(2):
        with transaction.atomic():
            generate_scale_data(people=40, seed=7)
            fingerprints.append(_fingerprint())
            transaction.set_rollback(True)
    assert fingerprints[0] == fingerprints[1]
    with transaction.atomic():
        generate_scale_data(people=40, seed=8)
        assert _fingerprint() != fingerprints[0]
        transaction.set_rollback(True)


def test_shape_of_the_data():
    counts = generate_scale_data(people=90, seed=1)
    assert counts.organisations == Organisation.objects.count() == 300
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(
        OrganisationKind.values
    )
    assert counts.people == 90 and counts.attainments == 900
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(
        ResponsibleRole.values
    )
    external = Involvement.objects.filter(relation=Relation.EXTERNAL).count()
    assert 0.2 < external / Involvement.objects.count() < 0.5
    assert Requirement.objects.exists() and Delegation.objects.exists()


def test_reports_agree_with_their_baselines(coverage_world):
    # The hand-built world's corner cases (levels, revocations, delegations to
    # a service and to an institution, sub-units) plus scale data.
    generate_scale_data(people=120, seed=2)
    for benched in BENCHED_REPORTS:
        result = measure(benched, people=120, repeat=1)
        assert result.agree, (benched.name, result.differences)
        assert result.rows > 0
        # gaps: the cells, then the locale, the course pages and their links.
        assert result.queries <= (4 if benched.name == "gaps" else 3)


def test_gaps_baseline_lists_the_same_courses(coverage_world, site_pages):
    # Published, a draft and an English translation: the baseline's own SQL
    # over the page tables must pick the same courses as the selector.
    from courses.services import Taxonomy, Translated, course_page_ensure

    def course(code):
        return course_page_ensure(
            index=site_pages["pages"].courses,
            code=code,
            duration_hours=2,
            text=Translated(
                f"Kurss {code} ā", f"Course {code}", summary_lv="Ī", summary_en="S"
            ),
            taxonomy=Taxonomy(competences=["K01", "K09"]),
        )

    course("POL-2")
    course("POL-1")
    draft = course("POL-3")
    for page in [draft, *draft.get_translations()]:
        page.unpublish()
    (gaps,) = [b for b in BENCHED_REPORTS if b.name == "gaps"]
    result = measure(gaps, people=0, repeat=1)
    assert result.agree, result.differences
    from competences.coverage_reports import coverage_gaps
    from tests.competences.conftest import AS_OF

    codes = {tuple(g.course_codes) for g in coverage_gaps(as_of=AS_OF)}
    assert ("POL-1", "POL-2") in codes and ("POL-1", "POL-2", "POL-3") not in codes


def test_bench_command_prints_ratios_at_n_and_2n():
    out = io.StringIO()
    call_command("bench", "reports", "--people", "15", "--repeat", "1", stdout=out)
    lines = out.getvalue().splitlines()
    for people in ("15", "30"):
        measured = [line for line in lines if line.split()[:1] == [people]]
        assert len(measured) == len(BENCHED_REPORTS)
        assert all(line.endswith("agree") for line in measured)
    assert "DIFFER" not in out.getvalue()
    # Rolled back: nothing of it stays.
    assert not Person.objects.exists()


def test_command_refuses_a_second_batch_with_the_same_prefix():
    call_command("generate_scale_data", "--people", "5", stdout=io.StringIO())
    assert Person.objects.count() == 5
    with pytest.raises(CommandError):
        call_command("generate_scale_data", "--people", "5", stdout=io.StringIO())
