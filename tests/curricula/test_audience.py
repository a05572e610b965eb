"""Audience resolution for every kind, with people joining and leaving."""

import datetime

import pytest
from django.core.management import call_command

from catalogue.models import Involvement, RoleAssignment
from catalogue.services import involvement_upsert, role_assignment_create
from courses.models import Enrolment
from curricula.models import AssignmentMember, AudienceKind, Provider
from curricula.services import assignment_sync
from people.models import Person
from tests.curricula.conftest import TODAY
from tests.factories import OrganisationFactory, PersonFactory

LATER = TODAY + datetime.timedelta(days=10)


def _open(assignment):
    return set(
        AssignmentMember.objects.filter(
            assignment=assignment, left_on__isnull=True
        ).values_list("person_id", flat=True)
    )


def test_service_audience_internal_external_and_both(
    two_institutions, curriculum, assign
):
    w = two_institutions
    internal = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.INTERNAL,
    ).assignment
    external = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.EXTERNAL,
    ).assignment
    both = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.ANY,
    ).assignment
    assert _open(internal) == {w["staff_a"].pk}
    assert _open(external) == {w["partner_person"].pk}
    assert _open(both) == {w["staff_a"].pk, w["partner_person"].pk}
    # One enrolment per person and course, however many assignments overlap.
    assert (
        Enrolment.objects.filter(person=w["partner_person"], is_current=True).count()
        == 2
    )


def test_service_joiner_gets_it_and_leaver_keeps_history(
    two_institutions, curriculum, assign
):
    w = two_institutions
    assignment = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.EXTERNAL,
    ).assignment
    newcomer = w["idle_partner_person"]
    involvement_upsert(person=newcomer, service=w["service_a"], start_date=LATER)
    Involvement.objects.filter(person=w["partner_person"]).update(end_date=TODAY)
    result = assignment_sync(assignment=assignment, today=LATER)
    assert (result.joined, result.left) == (1, 1)
    assert _open(assignment) == {newcomer.pk}
    joined = AssignmentMember.objects.get(assignment=assignment, person=newcomer)
    assert joined.entered_on == LATER
    assert joined.due_on == LATER + datetime.timedelta(days=30)
    left = AssignmentMember.objects.get(
        assignment=assignment, person=w["partner_person"]
    )
    assert left.left_on == LATER
    # The leaver's enrolments stay (history), nothing is deleted.
    assert Enrolment.objects.filter(person=w["partner_person"]).count() == 2
    # Run again: nothing changes.
    again = assignment_sync(assignment=assignment, today=LATER)
    assert (again.joined, again.left) == (0, 0)


def test_organisation_with_and_without_units(two_institutions, curriculum, assign):
    w = two_institutions
    with_units = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=w["inst_a"],
        include_units=True,
    ).assignment
    without = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=w["inst_a"],
        include_units=False,
    ).assignment
    in_unit = set(
        Person.objects.filter(organisation=w["unit_a"]).values_list("pk", flat=True)
    )
    in_inst = set(
        Person.objects.filter(organisation=w["inst_a"]).values_list("pk", flat=True)
    )
    assert _open(with_units) == in_unit | in_inst
    assert _open(without) == in_inst
    # A person moving from the unit to institution B leaves the audience.
    w["staff_a"].organisation = w["inst_b"]
    w["staff_a"].save()
    assignment_sync(assignment=with_units, today=LATER)
    assert w["staff_a"].pk not in _open(with_units)
    # A new employee of the unit joins.
    newcomer = PersonFactory(organisation=w["unit_a"], first_name="Ģirts")
    assignment_sync(assignment=with_units, today=LATER)
    assert newcomer.pk in _open(with_units)


def test_role_audience_optionally_at_one_scope(two_institutions, curriculum, assign):
    w = two_institutions
    role_assignment_create(
        person=w["staff_a"], role="service_manager", scope=w["service_a"]
    )
    anywhere = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.ROLE,
        role="service_manager",
    ).assignment
    at_service = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.ROLE,
        role="service_manager",
        service=w["service_a"],
    ).assignment
    assert _open(anywhere) == {w["staff_a"].pk} == _open(at_service)
    # A holder at institution B's service is outside A's scope: never assigned.
    role_assignment_create(
        person=w["staff_b"], role="service_manager", scope=w["service_b"]
    )
    assignment_sync(assignment=anywhere, today=LATER)
    assert w["staff_b"].pk not in _open(anywhere)
    RoleAssignment.objects.filter(person=w["staff_a"]).delete()
    assignment_sync(assignment=at_service, today=LATER)
    assert _open(at_service) == set()


def test_resource_and_individual_people(two_institutions, curriculum, assign):
    from tests.factories import ResourceFactory

    w = two_institutions
    resource = ResourceFactory(owner=w["inst_a"])
    involvement_upsert(person=w["staff_a"], resource=resource, start_date=TODAY)
    by_resource = assign(
        curriculum=curriculum, audience_kind=AudienceKind.RESOURCE, resource=resource
    ).assignment
    assert _open(by_resource) == {w["staff_a"].pk}
    people = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.PEOPLE,
        people_ids=[w["partner_person"].pk],
    ).assignment
    assert _open(people) == {w["partner_person"].pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_changes_resync_on_commit_and_sync_command_is_idempotent(
    two_institutions, curriculum, assign
):
    w = two_institutions
    assignment = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=w["partner"],
        include_units=False,
        today=None,
    ).assignment
    before = _open(assignment)
    # A new person saved in the admin or by a service: the receiver enqueues
    # the synchronisation on commit (the immediate backend runs it).
    joiner = PersonFactory(
        organisation=w["partner"], first_name="Žanete", registered_by=w["inst_a"]
    )
    assert _open(assignment) == before | {joiner.pk}
    enrolments = Enrolment.objects.count()
    call_command("sync_assignments")
    call_command("sync_assignments")
    assert _open(assignment) == before | {joiner.pk}
    assert Enrolment.objects.count() == enrolments


def test_people_outside_the_creators_scope_are_never_members(
    two_institutions, curriculum, assign
):
    w = two_institutions
    outsider_org = OrganisationFactory(kind="ngo", name_lv="Biedrība Ūdri")
    outsider = PersonFactory(organisation=outsider_org)
    assignment = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
    ).assignment
    # Involved in A's service later: now A sees them, so they join.
    involvement_upsert(person=outsider, service=w["service_a"], start_date=TODAY)
    assignment_sync(assignment=assignment, today=LATER)
    assert outsider.pk in _open(assignment)
