import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogue.models import Involvement, RoleAssignment
from tests.factories import (
    InvolvementFactory,
    OrganisationFactory,
    PersonFactory,
    ResourceFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 1, 1)


def test_involvement_names_a_service_or_a_resource_not_both():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(
            person=person,
            service=ServiceFactory(),
            resource=ResourceFactory(),
            relation="internal",
            start_date=START,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(person=person, relation="internal", start_date=START)


def test_involvement_cannot_end_before_it_starts():
    involvement = InvolvementFactory.build(
        person=PersonFactory(),
        service=ServiceFactory(),
        end_date=START - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        involvement.full_clean()
    assert "Beigu datums ir pirms sākuma datuma." in str(error.value)


def test_same_involvement_is_recorded_once():
    existing = InvolvementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InvolvementFactory(
            person=existing.person, service=existing.service, start_date=START
        )


@pytest.mark.parametrize(
    ("role", "scope_field", "ok"),
    [
        ("service_portfolio_manager", "organisation", True),
        ("resource_portfolio_manager", "organisation", True),
        ("service_manager", "service", True),
        ("resource_manager", "resource", True),
        ("service_manager", "organisation", False),
        ("resource_manager", "service", False),
        ("service_portfolio_manager", "resource", False),
    ],
)
def test_role_scope_must_match_the_role(role, scope_field, ok):
    scopes = {
        "organisation": OrganisationFactory(),
        "service": ServiceFactory(),
        "resource": ResourceFactory(),
    }
    assignment = RoleAssignment(
        person=PersonFactory(), role=role, **{scope_field: scopes[scope_field]}
    )
    if ok:
        assignment.full_clean()
        assignment.save()
    else:
        with pytest.raises(ValidationError):
            assignment.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            assignment.save()


def test_role_is_held_once_per_scope():
    person, service = PersonFactory(), ServiceFactory()
    RoleAssignment.objects.create(
        person=person, role="service_manager", service=service
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            person=person, role="service_manager", service=service
        )
