"""Curriculum completions: once per member and round, when every item is done."""

import datetime

import pytest
from django.db import connection
from freezegun import freeze_time

from courses.models import Enrolment
from courses.services import completion_record
from curricula.models import (
    AssignmentMember,
    AudienceKind,
    CurriculumCompletion,
    Provider,
)
from curricula.services import (
    assignments_recur,
    curriculum_completion_evaluate,
    reminders_send,
)
from curricula.signals import curriculum_completed
from tests.concurrency import run_together
from tests.curricula.conftest import TODAY


@pytest.fixture
def received():
    """The curriculum_completed signals sent during the test."""
    sent = []

    def receiver(sender, completion, **kwargs):
        sent.append(completion)

    curriculum_completed.connect(receiver, dispatch_uid="test_completion")
    yield sent
    curriculum_completed.disconnect(dispatch_uid="test_completion")


@pytest.fixture
def partner_plan(two_institutions, curriculum, assign):
    """The curriculum assigned to service A's partners (Jānis' enterprise)."""
    outcome = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=two_institutions["service_a"],
        provider=Provider.EXTERNAL,
    )
    return AssignmentMember.objects.get(
        assignment=outcome.assignment, person=two_institutions["partner_person"]
    )


def _complete(person, course, day):
    enrolment = Enrolment.objects.get(person=person, course=course, is_current=True)
    with freeze_time(day):
        return completion_record(enrolment=enrolment)


def test_completes_only_when_every_course_is_done(
    partner_plan, courses, received, django_capture_on_commit_callbacks
):
    learner = partner_plan.person
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, courses[0], TODAY)
    assert not CurriculumCompletion.objects.exists()
    assert received == []
    later = TODAY + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, courses[1], later)
    # The receiver of courses' completion_recorded recorded it on its own.
    completion = CurriculumCompletion.objects.get()
    assert completion.member == partner_plan
    assert completion.person == learner
    assert completion.curriculum.code == "PLĀNS-Ā"
    assert completion.round == 1
    # The day of the last item.
    assert completion.completed_on == later
    assert received == [completion]


def test_a_double_call_records_one_and_sends_the_signal_once_on_commit(
    partner_plan, courses, received, django_capture_on_commit_callbacks
):
    learner = partner_plan.person
    # Completions recorded without their callbacks: as if the receiver was lost.
    _complete(learner, courses[0], TODAY)
    _complete(learner, courses[1], TODAY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = curriculum_completion_evaluate(member=partner_plan, today=TODAY)
        second = curriculum_completion_evaluate(member=partner_plan, today=TODAY)
    assert first is not None and first == second
    assert CurriculumCompletion.objects.count() == 1
    # Nothing is sent before the commit, and the commit sends it once.
    assert received == []
    for callback in callbacks:
        callback()
    assert received == [first]


def test_a_member_who_left_or_a_missing_course_records_none(
    partner_plan, courses, received
):
    learner = partner_plan.person
    _complete(learner, courses[0], TODAY)
    assert curriculum_completion_evaluate(member=partner_plan, today=TODAY) is None
    _complete(learner, courses[1], TODAY)
    AssignmentMember.objects.filter(pk=partner_plan.pk).update(left_on=TODAY)
    assert curriculum_completion_evaluate(member=partner_plan, today=TODAY) is None
    assert not CurriculumCompletion.objects.exists()


def test_a_single_course_assignment_records_no_curriculum_completion(
    two_institutions, courses, assign, django_capture_on_commit_callbacks
):
    w = two_institutions
    outcome = assign(
        course=courses[0],
        audience_kind=AudienceKind.PEOPLE,
        people_ids=[w["staff_a"].pk],
    )
    member = AssignmentMember.objects.get(assignment=outcome.assignment)
    with django_capture_on_commit_callbacks(execute=True):
        _complete(w["staff_a"], courses[0], TODAY)
    assert curriculum_completion_evaluate(member=member, today=TODAY) is None
    assert not CurriculumCompletion.objects.exists()


def test_a_joiner_who_had_completed_every_course_completes_when_assigned(
    two_institutions, curriculum, courses, assign
):
    from courses.services import enrolment_create

    w = two_institutions
    learner = w["staff_a"]
    for day, course in enumerate(courses):
        enrolment = enrolment_create(actor=None, person=learner, course=course)
        with freeze_time(TODAY - datetime.timedelta(days=10 - day)):
            completion_record(enrolment=enrolment)
    outcome = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.PEOPLE,
        people_ids=[learner.pk],
    )
    completion = CurriculumCompletion.objects.get()
    assert completion.member.assignment == outcome.assignment
    assert completion.completed_on == TODAY - datetime.timedelta(days=9)


def test_the_daily_run_records_a_completion_whose_receiver_was_lost(
    partner_plan, courses, received
):
    learner = partner_plan.person
    _complete(learner, courses[0], TODAY)
    _complete(learner, courses[1], TODAY)
    assert not CurriculumCompletion.objects.exists()
    reminders_send(today=TODAY)
    reminders_send(today=TODAY)
    assert CurriculumCompletion.objects.get().member == partner_plan


def test_two_open_assignments_of_one_curriculum_each_record_a_completion(
    two_institutions, curriculum, courses, assign, django_capture_on_commit_callbacks
):
    w = two_institutions
    learner = w["partner_person"]
    for kind, fields in (
        (AudienceKind.SERVICE, {"service": w["service_a"]}),
        (AudienceKind.PEOPLE, {"people_ids": [learner.pk]}),
    ):
        assign(curriculum=curriculum, audience_kind=kind, **fields)
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, courses[0], TODAY)
        _complete(learner, courses[1], TODAY)
    completions = CurriculumCompletion.objects.filter(person=learner)
    assert completions.count() == 2
    assert len({completion.member_id for completion in completions}) == 2


def test_the_next_round_needs_a_completion_of_its_own(
    partner_plan, curriculum, courses, received, django_capture_on_commit_callbacks
):
    curriculum.recurrence_months = 6
    curriculum.recertification_window_days = 14
    curriculum.save()
    learner = partner_plan.person
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, courses[0], TODAY)
        _complete(learner, courses[1], TODAY)
    first = CurriculumCompletion.objects.get()
    # Due again 2 September; the window opens 14 days before.
    window = datetime.date(2026, 8, 19)
    assert assignments_recur(today=window) == 1
    partner_plan.refresh_from_db()
    assert partner_plan.round == 2
    assert curriculum_completion_evaluate(member=partner_plan, today=window) is None
    assert list(CurriculumCompletion.objects.all()) == [first]
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, courses[0], window)
        _complete(learner, courses[1], window + datetime.timedelta(days=2))
    second = CurriculumCompletion.objects.get(round=2)
    assert second.member == partner_plan
    assert second.completed_on == window + datetime.timedelta(days=2)
    assert received == [first, second]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks need PostgreSQL; SQLite serialises writers anyway.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_evaluations_record_one_completion(
    partner_plan, courses, received
):
    learner = partner_plan.person
    _complete(learner, courses[0], TODAY)
    _complete(learner, courses[1], TODAY)
    CurriculumCompletion.objects.all().delete()
    received.clear()
    results, errors = run_together(
        lambda: curriculum_completion_evaluate(member=partner_plan, today=TODAY).pk
    )
    assert not errors
    assert len(set(results)) == 1
    assert CurriculumCompletion.objects.count() == 1
    assert len(received) == 1


def test_the_overview_shows_completions_to_its_institution_only(
    partner_plan, courses, two_institutions
):
    from django.test import Client
    from django.urls import reverse

    learner = partner_plan.person
    learner.first_name, learner.last_name = "Jānis", "Bērziņš"
    learner.save()
    _complete(learner, courses[0], TODAY)
    _complete(learner, courses[1], TODAY)
    curriculum_completion_evaluate(member=partner_plan, today=TODAY)
    url = reverse("curricula_admin:overview", args=[partner_plan.assignment_id])
    client = Client()
    client.force_login(two_institutions["coordinator_a"])
    page = client.get(url).content.decode()
    assert "Jānis Bērziņš" in page and "2.03.2026" in page
    # Read-only: the section offers no form to change a completion.
    section = page.split('id="completions-heading"')[1].split("</section>")[0]
    assert "Jānis Bērziņš" in section and "<form" not in section
    other = Client()
    other.force_login(two_institutions["manager_b"])
    assert other.get(url).status_code == 404
