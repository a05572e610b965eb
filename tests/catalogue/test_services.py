import datetime

import pytest

from catalogue.models import Involvement, Relation, Service
from catalogue.services import (
    involvement_upsert,
    register_entry_upsert,
    role_assignment_create,
)
from tests.factories import OrganisationFactory, PersonFactory, ServiceFactory

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 3, 1)


def test_relation_is_internal_for_staff_of_the_owner_and_its_units():
    institution = OrganisationFactory()
    unit = OrganisationFactory(parent=institution, kind="unit")
    sub_unit = OrganisationFactory(parent=unit, kind="unit", name_lv="Apakšnodaļa")
    service = ServiceFactory(owner=institution)
    for organisation in (institution, unit, sub_unit):
        involvement = involvement_upsert(
            person=PersonFactory(organisation=organisation),
            service=service,
            start_date=START,
        )
        assert involvement.relation == Relation.INTERNAL


def test_relation_is_external_for_partners_and_sister_institutions():
    ministry = OrganisationFactory()
    owner = OrganisationFactory(parent=ministry)
    sister = OrganisationFactory(parent=ministry)
    partner = OrganisationFactory(kind="competence_centre")
    service = ServiceFactory(owner=owner)
    for organisation in (ministry, sister, partner):
        involvement = involvement_upsert(
            person=PersonFactory(organisation=organisation),
            service=service,
            start_date=START,
        )
        assert involvement.relation == Relation.EXTERNAL


def test_relation_ignores_what_the_caller_typed():
    owner = OrganisationFactory()
    involvement = Involvement(
        person=PersonFactory(organisation=owner),
        service=ServiceFactory(owner=owner),
        start_date=START,
        relation=Relation.EXTERNAL,
    )
    from catalogue.services import involvement_save

    assert involvement_save(involvement=involvement).relation == Relation.INTERNAL


def test_involvement_upsert_is_idempotent_and_updates_the_end():
    person, service = PersonFactory(), ServiceFactory()
    first = involvement_upsert(person=person, service=service, start_date=START)
    end = datetime.date(2026, 6, 30)
    second = involvement_upsert(
        person=person, service=service, start_date=START, end_date=end
    )
    assert first.pk == second.pk
    assert Involvement.objects.get().end_date == end


def test_role_assignment_create_is_idempotent():
    person, service = PersonFactory(), ServiceFactory()
    a = role_assignment_create(person=person, role="service_manager", scope=service)
    b = role_assignment_create(person=person, role="service_manager", scope=service)
    assert a.pk == b.pk


def test_service_upsert_validates():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        register_entry_upsert(
            model=Service, code="", name_lv="X", owner=OrganisationFactory()
        )
