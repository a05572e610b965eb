"""Enrolment and completion: the exactly-once rules of the learner's path."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import Locale

from competences.models import Attainment
from courses.models import (
    Completion,
    CourseSession,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    SessionRegistration,
)
from courses.services import (
    completion_evaluate,
    completion_record,
    enrolment_create,
    enrolment_renew,
    enrolment_withdraw,
)
from courses.signals import completion_recorded
from people.models import Person


@pytest.fixture
def course(site_pages):
    return site_pages["course"]


@pytest.fixture
def learner(two_institutions):
    return Person.objects.get(user=two_institutions["learner"])


def _lesson(course, title):
    lesson = LessonPage(title=title, slug=title.lower().replace(" ", "-"))
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def test_self_enrolment_is_idempotent_and_keeps_the_earliest_due_date(
    course, learner, two_institutions
):
    user = two_institutions["learner"]
    first = enrolment_create(actor=user, person=learner, course=course)
    again = enrolment_create(
        actor=None,
        person=learner,
        course=course,
        source=EnrolmentSource.ASSIGNMENT,
        due_on=datetime.date(2027, 3, 1),
    )
    later = enrolment_create(
        actor=None,
        person=learner,
        course=course,
        source=EnrolmentSource.ASSIGNMENT,
        due_on=datetime.date(2027, 6, 1),
    )
    assert first.pk == again.pk == later.pk
    assert Enrolment.objects.get(pk=first.pk).due_on == datetime.date(2027, 3, 1)
    assert Enrolment.objects.count() == 1


def test_the_english_page_enrols_in_the_same_course(course, learner, two_institutions):
    english = course.get_translation(Locale.objects.get(language_code="en"))
    a = enrolment_create(
        actor=two_institutions["learner"], person=learner, course=course
    )
    b = enrolment_create(
        actor=two_institutions["learner"], person=learner, course=english
    )
    assert a.pk == b.pk and a.course_id == course.pk


def test_self_enrolment_refused_when_closed_or_prerequisite_missing(
    site_pages, learner, two_institutions
):
    course = site_pages["course"]
    user = two_institutions["learner"]
    course.self_enrolment = False
    course.save_revision().publish()
    with pytest.raises(ValidationError) as refused:
        enrolment_create(actor=user, person=learner, course=course)
    assert refused.value.code == "self_enrolment_closed"

    course.self_enrolment = True
    other = course.copy(
        update_attrs={"slug": "otrs", "code": "OTRS", "title": "Otrs kurss"},
        copy_revisions=False,
        keep_live=True,
    )
    course.prerequisites.add(other)
    course.save_revision().publish()
    with pytest.raises(ValidationError, match="Otrs kurss") as refused:
        enrolment_create(actor=user, person=learner, course=course)
    assert refused.value.code == "prerequisites_missing"
    assert not Enrolment.objects.filter(course=course).exists()


def test_coordinator_enrols_only_people_in_scope(course, two_institutions):
    coordinator = two_institutions["coordinator_a"]
    enrolment = enrolment_create(
        actor=coordinator,
        person=two_institutions["partner_person"],
        course=course,
        source=EnrolmentSource.COORDINATOR,
    )
    assert enrolment.enrolled_by == coordinator
    with pytest.raises(PermissionDenied):
        enrolment_create(
            actor=coordinator,
            person=two_institutions["staff_b"],
            course=course,
            source=EnrolmentSource.COORDINATOR,
        )
    # A learner cannot enrol somebody else either.
    with pytest.raises(PermissionDenied):
        enrolment_create(
            actor=two_institutions["learner"],
            person=two_institutions["staff_a"],
            course=course,
        )


def test_completion_is_recorded_once_grants_attainments_and_signals(
    course, learner, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, completion, **kwargs):
        received.append(completion.pk)

    completion_recorded.connect(receiver)
    try:
        enrolment = enrolment_create(actor=None, person=learner, course=course)
        with django_capture_on_commit_callbacks(execute=True):
            first = completion_record(enrolment=enrolment, score=80)
            second = completion_record(enrolment=enrolment, score=95)
    finally:
        completion_recorded.disconnect(receiver)
    assert first.pk == second.pk and second.score == 80
    assert Completion.objects.count() == 1
    assert received == [first.pk]
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    attainment = Attainment.objects.get(person=learner)
    assert attainment.competence.code == "K06"
    assert attainment.source == "course"
    assert attainment.attained_on == timezone.localdate()
    assert first.course_version == 1 and first.revision_id is not None


def test_elearning_completes_when_every_lesson_is_done(course, learner):
    first = _lesson(course, "Pirmā nodarbība")
    second = _lesson(course, "Otrā nodarbība")
    enrolment = enrolment_create(actor=None, person=learner, course=course)
    assert completion_evaluate(enrolment=enrolment) is None
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=first, completed_at=timezone.now()
    )
    assert completion_evaluate(enrolment=enrolment) is None
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=second, completed_at=timezone.now()
    )
    assert completion_evaluate(enrolment=enrolment) is not None


def test_classroom_completes_by_attendance(course, learner):
    course.format = "classroom"
    course.save_revision().publish()
    enrolment = enrolment_create(actor=None, person=learner, course=course)
    now = timezone.now()
    session = CourseSession.objects.create(
        course=course,
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=3),
        place="Rīga, Smilšu iela 1",
        capacity=10,
        registration_deadline=now + datetime.timedelta(days=5),
    )
    registration = SessionRegistration.objects.create(
        session=session, person=learner, enrolment=enrolment
    )
    assert completion_evaluate(enrolment=enrolment) is None
    registration.attended = True
    registration.save()
    assert completion_evaluate(enrolment=enrolment) is not None


def test_renewal_opens_a_new_round_and_keeps_the_completed_one(course, learner):
    enrolment = enrolment_create(actor=None, person=learner, course=course)
    completion_record(enrolment=enrolment)
    renewed = enrolment_renew(actor=None, enrolment=enrolment)
    assert renewed.pk != enrolment.pk and renewed.round == 2
    enrolment.refresh_from_db()
    assert not enrolment.is_current and hasattr(enrolment, "completion")
    assert Completion.objects.filter(person=learner).count() == 1


def test_withdrawal_closes_the_enrolment(course, learner, two_institutions):
    enrolment = enrolment_create(actor=None, person=learner, course=course)
    with pytest.raises(PermissionDenied):
        enrolment_withdraw(actor=two_institutions["manager_b"], enrolment=enrolment)
    enrolment_withdraw(actor=two_institutions["learner"], enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN and not enrolment.is_current
