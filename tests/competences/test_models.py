"""The coverage models' rules: database constraints and clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from competences.models import (
    Attainment,
    Competence,
    Delegation,
    Requirement,
)
from competences.models_coverage import add_months
from tests.factories import OrganisationFactory, PersonFactory, ServiceFactory

pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (d(2026, 1, 31), 1, d(2026, 2, 28)),
        (d(2028, 1, 31), 1, d(2028, 2, 29)),
        (d(2026, 3, 31), 6, d(2026, 9, 30)),
        (d(2026, 11, 15), 3, d(2027, 2, 15)),
        (d(2026, 5, 10), 24, d(2028, 5, 10)),
    ],
)
def test_add_months_clamps_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def _k(code):
    return Competence.objects.select_related("framework").get(code=code)


def test_requirement_takes_at_most_one_scope(english):
    service = ServiceFactory()
    requirement = Requirement(
        competence=_k("K07"), service=service, role="service_manager"
    )
    with pytest.raises(ValidationError, match="at most one"):
        requirement.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        requirement.save()


def test_requirement_level_must_exist_in_the_scale():
    # The card's framework has two levels.
    requirement = Requirement(competence=_k("K07"), min_level=3)
    with pytest.raises(ValidationError) as error:
        requirement.full_clean()
    assert "min_level" in error.value.message_dict
    Requirement(competence=_k("K07"), min_level=2).full_clean()


def test_requirement_unique_per_scope():
    Requirement.objects.create(competence=_k("K07"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Requirement.objects.create(competence=_k("K07"))
    Requirement.objects.create(competence=_k("K07"), role="resource_manager")


def test_attainment_expiry_after_attainment(english):
    person = PersonFactory()
    attainment = Attainment(
        person=person,
        competence=_k("K01"),
        attained_on=d(2026, 5, 1),
        expires_on=d(2026, 5, 1),
    )
    with pytest.raises(ValidationError, match="after the date of attainment"):
        attainment.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        attainment.save()


def test_recognition_needs_evidence_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Attainment.objects.create(
            person=PersonFactory(),
            competence=_k("K01"),
            attained_on=d(2026, 5, 1),
            source="recognition",
        )


def test_revocation_needs_a_reason():
    attainment = Attainment.objects.create(
        person=PersonFactory(), competence=_k("K01"), attained_on=d(2026, 5, 1)
    )
    attainment.revoked_at = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        attainment.save()


def test_attainment_level_label_from_the_scale():
    attainment = Attainment(competence=_k("K01"), level=2)
    assert attainment.level_label == "Apgūta"
    assert Attainment(competence=_k("K01")).level_label == ""


def test_delegation_rules(english):
    centre = OrganisationFactory(kind="competence_centre")
    institution = OrganisationFactory()
    service = ServiceFactory()
    both = Delegation(
        competence=_k("K07"),
        centre=centre,
        service=service,
        institution=institution,
        start_date=d(2026, 1, 1),
    )
    with pytest.raises(ValidationError, match="either a service or an institution"):
        both.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        both.save()

    mandatory = Delegation(
        competence=_k("K01"), centre=centre, service=service, start_date=d(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        mandatory.full_clean()
    assert "competence" in error.value.message_dict

    not_a_centre = Delegation(
        competence=_k("K07"),
        centre=institution,
        service=service,
        start_date=d(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        not_a_centre.full_clean()
    assert "centre" in error.value.message_dict

    backwards = Delegation(
        competence=_k("K07"),
        centre=centre,
        service=service,
        start_date=d(2026, 2, 1),
        end_date=d(2026, 1, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        backwards.save()
