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
        assert result.queries <= 3


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
