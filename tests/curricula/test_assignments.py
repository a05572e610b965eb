"""Assignments: bad input, scope, one enrolment per course, bulk writes."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from courses.models import Enrolment, EnrolmentSource
from courses.services import enrolment_bulk_ensure, enrolment_create
from curricula.models import (
    Assignment,
    AssignmentMember,
    AssignmentStatus,
    AudienceKind,
    Curriculum,
    CurriculumCourse,
    Provider,
)
from curricula.services import assignment_save, assignment_sync
from tests.curricula.conftest import TODAY
from tests.factories import OrganisationFactory, PersonFactory


def test_a_past_absolute_due_date_is_refused_and_nothing_saved(
    curriculum, assign, two_institutions
):
    with pytest.raises(ValidationError) as error:
        assign(
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=two_institutions["service_a"],
            due_in_days=None,
            due_date=TODAY - datetime.timedelta(days=1),
        )
    assert "due_date" in error.value.message_dict
    assert not Assignment.objects.exists()


def test_an_audience_matching_nobody_is_saved_only_as_a_draft(
    curriculum, assign, two_institutions
):
    empty = OrganisationFactory(parent=two_institutions["inst_a"], kind="unit")
    outcome = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=empty,
    )
    assert outcome.assignment.status == AssignmentStatus.DRAFT
    assert outcome.matched == 0
    assert any("melnraksts" in warning for warning in outcome.warnings)
    assert not AssignmentMember.objects.exists()


def test_unpublished_or_deleted_courses_cannot_be_assigned(
    curriculum, courses, assign, two_institutions
):
    courses[1].unpublish()
    with pytest.raises(ValidationError) as error:
        assign(
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=two_institutions["service_a"],
        )
    assert "Datu drošība" in str(error.value.message_dict["curriculum"])
    CurriculumCourse.objects.filter(course=courses[1]).update(course=None)
    with pytest.raises(ValidationError, match="dzēsts"):
        assign(
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=two_institutions["service_a"],
        )
    assert not Assignment.objects.exists()


def test_course_alone_and_in_a_curriculum_warns_and_keeps_one_enrolment(
    curriculum, courses, assign, two_institutions
):
    w = two_institutions
    assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
    )
    outcome = assign(
        course=courses[0],
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        due_in_days=10,
    )
    assert outcome.warnings and "PLĀNS-Ā" in outcome.warnings[0]
    enrolments = Enrolment.objects.filter(person=w["staff_a"], course=courses[0])
    assert enrolments.count() == 1
    # The earlier due date of the two wins.
    assert enrolments.get().due_on == TODAY + datetime.timedelta(days=10)


def test_assigning_outside_ones_scope_is_403(curriculum, assign, two_institutions):
    w = two_institutions
    for fields in (
        {"audience_kind": AudienceKind.SERVICE, "service": w["service_b"]},
        {"audience_kind": AudienceKind.ORGANISATION, "organisation": w["inst_b"]},
        {"audience_kind": AudienceKind.PEOPLE, "people_ids": [w["staff_b"].pk]},
    ):
        with pytest.raises(PermissionDenied):
            assign(curriculum=curriculum, **fields)
    # Another institution's coordinator may not use A's curriculum.
    from people.permissions import COORDINATOR
    from tests.factories import UserFactory

    coordinator_b = UserFactory(groups=[COORDINATOR])
    PersonFactory(
        organisation=w["inst_b"], user=coordinator_b, email=coordinator_b.email
    )
    with pytest.raises(PermissionDenied):
        assign(
            actor=coordinator_b,
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=w["service_b"],
        )
    # A manager (not a coordinator) may not assign at all.
    with pytest.raises(PermissionDenied):
        assign(
            actor=w["manager_a"],
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=w["service_a"],
        )
    assert not Assignment.objects.exists()


def test_the_audience_counts_only_people_in_scope(curriculum, assign, two_institutions):
    w = two_institutions
    # Staff of B involved in A's service: A sees them through the involvement.
    outcome = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
    )
    assert outcome.matched == 2
    organisation_b = assign(
        actor=None,
        curriculum=curriculum,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=w["inst_b"],
    )
    # The system (an administrator's command) reaches everyone.
    assert organisation_b.matched >= 1


def test_bulk_ensure_keeps_one_enrolment_and_the_earliest_due_date(
    courses, two_institutions
):
    w = two_institutions
    course = courses[0]
    late, early = datetime.date(2026, 6, 1), datetime.date(2026, 4, 1)
    enrolment_create(actor=None, person=w["staff_a"], course=course, due_on=late)
    ids = [w["staff_a"].pk, w["partner_person"].pk]
    assert enrolment_bulk_ensure(person_ids=ids, course=course, due_on=early) == 1
    assert enrolment_bulk_ensure(person_ids=ids, course=course, due_on=late) == 0
    current = Enrolment.objects.filter(course=course, is_current=True)
    assert current.count() == 2
    assert set(current.values_list("due_on", flat=True)) == {early}
    assert current.get(person=w["partner_person"]).source == EnrolmentSource.ASSIGNMENT


@pytest.mark.parametrize("size", [5, 40])
def test_the_synchronisation_costs_the_same_queries_for_any_audience(
    size, curriculum, two_institutions, django_assert_max_num_queries
):
    w = two_institutions
    organisation = OrganisationFactory(parent=w["inst_a"], kind="unit")
    for number in range(size):
        PersonFactory(organisation=organisation, last_name=f"Ķirsone{number}")
    assignment = Assignment.objects.create(
        owner=w["inst_a"],
        curriculum=curriculum,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=organisation,
        due_in_days=30,
    )
    with django_assert_max_num_queries(30):
        result = assignment_sync(assignment=assignment, today=TODAY)
    assert result.joined == size
    assert (
        Enrolment.objects.filter(person__organisation=organisation).count() == 2 * size
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_assignments_for_the_same_people_leave_one_enrolment(
    two_institutions, courses
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL.")
    w = two_institutions
    organisation = OrganisationFactory(parent=w["inst_a"], kind="unit")
    for number in range(30):
        PersonFactory(organisation=organisation, last_name=f"Ābele{number}")
    plans = []
    for code in ("PARALĒLI-1", "PARALĒLI-2"):
        plan = Curriculum.objects.create(code=code, name_lv=code, owner=w["inst_a"])
        CurriculumCourse.objects.create(curriculum=plan, course=courses[0])
        plans.append(plan)
    barrier = threading.Barrier(2)
    errors = []

    def run(plan):
        try:
            barrier.wait()
            assignment_save(
                assignment=Assignment(
                    curriculum=plan,
                    audience_kind=AudienceKind.ORGANISATION,
                    organisation=organisation,
                    provider=Provider.ANY,
                    due_in_days=30,
                ),
                actor=w["coordinator_a"],
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert (
        Enrolment.objects.filter(
            person__organisation=organisation, course=courses[0], is_current=True
        ).count()
        == 30
    )
