"""Sessions: registration, waiting list and promotion, attendance, scoping."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from courses.models import (
    Completion,
    CourseFormat,
    CourseSession,
    Enrolment,
    EnrolmentSource,
    RegistrationStatus,
    SessionRegistration,
)
from courses.permissions import (
    can_mark_attendance,
    registrations_visible_to,
    sessions_visible_to,
)
from courses.services import (
    SessionFull,
    attendance_mark,
    enrolment_create,
    registration_cancel,
    session_register,
    session_save,
)
from people.models import Person
from tests.factories import PersonFactory

NOW = timezone.now


def make_session(course, *, capacity=2, starts_in=7, deadline_in=5, **extra):
    starts = NOW() + datetime.timedelta(days=starts_in)
    extra.setdefault("place", "Rīga, Smilšu iela 1, 3. stāvs")
    return CourseSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        registration_deadline=NOW() + datetime.timedelta(days=deadline_in),
        capacity=capacity,
        **extra,
    )


def _past(session, *, days_ago=1):
    """Move a session into the past (registrations made while it was open)."""
    starts = NOW() - datetime.timedelta(days=days_ago)
    CourseSession.objects.filter(pk=session.pk).update(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        registration_deadline=starts - datetime.timedelta(days=1),
    )
    session.refresh_from_db()
    return session


@pytest.fixture
def course(site_pages):
    course = site_pages["course"]
    course.format = CourseFormat.CLASSROOM
    course.save_revision().publish()
    course.refresh_from_db()
    return course


@pytest.fixture
def people(two_institutions):
    t = two_institutions
    return {
        "learner": Person.objects.get(user=t["learner"]),
        "coordinator_a": Person.objects.get(user=t["coordinator_a"]),
        "staff_a": t["staff_a"],
        "staff_b": t["staff_b"],
    }


def test_self_registration_enrols_and_registers(course, people, two_institutions):
    session = make_session(course)
    registration = session_register(
        actor=two_institutions["learner"], person=people["learner"], session=session
    )
    assert registration.status == RegistrationStatus.REGISTERED
    enrolment = registration.enrolment
    assert enrolment.person == people["learner"]
    assert enrolment.source == EnrolmentSource.SESSION


def test_registering_twice_is_refused_and_records_nothing(
    course, people, two_institutions
):
    session = make_session(course)
    user = two_institutions["learner"]
    session_register(actor=user, person=people["learner"], session=session)
    with pytest.raises(ValidationError) as error:
        session_register(actor=user, person=people["learner"], session=session)
    assert error.value.code == "twice"
    assert SessionRegistration.objects.filter(session=session).count() == 1


def test_after_the_deadline_registration_is_refused(course, people, two_institutions):
    session = make_session(course, starts_in=2, deadline_in=1)
    CourseSession.objects.filter(pk=session.pk).update(
        registration_deadline=NOW() - datetime.timedelta(minutes=1)
    )
    session.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        session_register(
            actor=two_institutions["learner"],
            person=people["learner"],
            session=session,
        )
    assert error.value.code == "deadline"
    assert not SessionRegistration.objects.exists()
    assert not Enrolment.objects.exists()


def test_cancelled_and_past_sessions_are_refused(course, people, two_institutions):
    cancelled = make_session(course, cancelled=True)
    past = _past(make_session(course))
    for session, code in ((cancelled, "cancelled"), (past, "past")):
        with pytest.raises(ValidationError) as error:
            session_register(
                actor=two_institutions["learner"],
                person=people["learner"],
                session=session,
            )
        assert error.value.code == code
    assert not SessionRegistration.objects.exists()


def test_a_full_session_offers_the_waiting_list(course, people, two_institutions):
    session = make_session(course, capacity=1)
    coordinator = two_institutions["coordinator_a"]
    session_register(actor=coordinator, person=people["staff_a"], session=session)
    learner = two_institutions["learner"]
    with pytest.raises(SessionFull) as error:
        session_register(actor=learner, person=people["learner"], session=session)
    assert error.value.code == "full"
    # Nothing recorded: neither a registration nor an enrolment.
    assert not SessionRegistration.objects.filter(person=people["learner"]).exists()
    assert not Enrolment.objects.filter(person=people["learner"]).exists()
    waiting = session_register(
        actor=learner, person=people["learner"], session=session, waitlist=True
    )
    assert waiting.status == RegistrationStatus.WAITLISTED


def test_self_registration_follows_the_course_self_enrolment_rule(
    course, people, two_institutions
):
    course.self_enrolment = False
    course.save_revision().publish()
    session = make_session(course)
    with pytest.raises(ValidationError) as error:
        session_register(
            actor=two_institutions["learner"],
            person=people["learner"],
            session=session,
        )
    assert error.value.code == "self_enrolment_closed"
    # A coordinator registers a person in their scope whatever the course says.
    registration = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    assert registration.status == RegistrationStatus.REGISTERED


def test_a_coordinator_cannot_register_another_institutions_person(
    course, people, two_institutions
):
    session = make_session(course)
    with pytest.raises(PermissionDenied):
        session_register(
            actor=two_institutions["coordinator_a"],
            person=people["staff_b"],
            session=session,
        )
    with pytest.raises(PermissionDenied):
        session_register(
            actor=two_institutions["learner"],
            person=people["staff_a"],
            session=session,
        )
    assert not SessionRegistration.objects.exists()


@pytest.mark.parametrize(
    ("language", "subject_word", "body_word"),
    [("lv", "Vieta", "reģistrēti"), ("en", "A seat is yours", "registered")],
)
def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(
    course,
    people,
    two_institutions,
    django_capture_on_commit_callbacks,
    language,
    subject_word,
    body_word,
):
    session = make_session(course, capacity=1)
    coordinator = two_institutions["coordinator_a"]
    seated = session_register(
        actor=coordinator, person=people["staff_a"], session=session
    )
    first = PersonFactory(
        organisation=people["staff_a"].organisation,
        language=language,
        email="pirmais@example.lv",
    )
    second = PersonFactory(
        organisation=people["staff_a"].organisation, email="otrais@example.lv"
    )
    for person in (first, second):
        session_register(
            actor=coordinator, person=person, session=session, waitlist=True
        )
    # The second joined later, although their row could come first.
    SessionRegistration.objects.filter(person=second).update(
        registered_at=NOW() - datetime.timedelta(days=30)
    )
    SessionRegistration.objects.filter(person=first).update(
        registered_at=NOW() - datetime.timedelta(days=31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(actor=coordinator, registration=seated)
    promoted = SessionRegistration.objects.get(person=first)
    assert promoted.status == RegistrationStatus.REGISTERED
    assert promoted.promoted_at is not None
    assert (
        SessionRegistration.objects.get(person=second).status
        == RegistrationStatus.WAITLISTED
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pirmais@example.lv"]
    assert subject_word in message.subject
    assert body_word in message.body
    title = "ITIL pamati" if language == "lv" else "ITIL basics"
    assert title in message.subject


def test_leaving_the_waiting_list_promotes_nobody(
    course, people, two_institutions, django_capture_on_commit_callbacks
):
    session = make_session(course, capacity=1)
    coordinator = two_institutions["coordinator_a"]
    session_register(actor=coordinator, person=people["staff_a"], session=session)
    waiting = session_register(
        actor=two_institutions["learner"],
        person=people["learner"],
        session=session,
        waitlist=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(actor=two_institutions["learner"], registration=waiting)
    assert mail.outbox == []
    assert (
        SessionRegistration.objects.get(person=people["staff_a"]).status
        == RegistrationStatus.REGISTERED
    )
    # After cancelling one may register again (the waiting list once more).
    again = session_register(
        actor=two_institutions["learner"],
        person=people["learner"],
        session=session,
        waitlist=True,
    )
    assert again.status == RegistrationStatus.WAITLISTED


def test_one_cannot_cancel_another_persons_registration(
    course, people, two_institutions
):
    session = make_session(course)
    registration = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    for actor in (two_institutions["learner"], two_institutions["manager_b"]):
        with pytest.raises(PermissionDenied):
            registration_cancel(actor=actor, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_attendance_completes_a_classroom_course(course, people, two_institutions):
    session = make_session(course)
    coordinator = two_institutions["coordinator_a"]
    registration = session_register(
        actor=coordinator, person=people["staff_a"], session=session
    )
    with pytest.raises(ValidationError) as error:
        attendance_mark(actor=coordinator, registration=registration, attended=True)
    assert error.value.code == "future"
    _past(session)
    attendance_mark(actor=coordinator, registration=registration, attended=True)
    registration.refresh_from_db()
    assert registration.attended is True
    assert registration.attendance_marked_by == coordinator
    completion = Completion.objects.get(enrolment=registration.enrolment)
    assert completion.person == people["staff_a"]


def test_absence_does_not_complete(course, people, two_institutions):
    session = make_session(course)
    coordinator = two_institutions["coordinator_a"]
    registration = session_register(
        actor=coordinator, person=people["staff_a"], session=session
    )
    _past(session)
    attendance_mark(actor=coordinator, registration=registration, attended=False)
    assert not Completion.objects.exists()


def test_the_trainer_marks_attendance_and_others_may_not(
    course, people, two_institutions, make_member
):
    trainer_user = make_member(two_institutions["inst_b"], [])
    trainer = Person.objects.get(user=trainer_user)
    session = make_session(course, trainer=trainer)
    registration = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    _past(session)
    assert can_mark_attendance(trainer_user, registration)
    for outsider in (two_institutions["manager_b"], two_institutions["learner"]):
        assert not can_mark_attendance(outsider, registration)
        with pytest.raises(PermissionDenied):
            attendance_mark(actor=outsider, registration=registration, attended=True)
    assert not Completion.objects.exists()
    attendance_mark(actor=trainer_user, registration=registration, attended=True)
    assert Completion.objects.filter(person=people["staff_a"]).exists()


def test_waitlisted_people_cannot_be_marked(course, people, two_institutions):
    session = make_session(course, capacity=1)
    coordinator = two_institutions["coordinator_a"]
    session_register(actor=coordinator, person=people["staff_a"], session=session)
    waiting = session_register(
        actor=two_institutions["learner"],
        person=people["learner"],
        session=session,
        waitlist=True,
    )
    _past(session)
    with pytest.raises(ValidationError):
        attendance_mark(actor=None, registration=waiting, attended=True)


def test_session_scope(course, people, two_institutions, make_member):
    t = two_institutions
    ours = make_session(course, organiser=t["inst_a"])
    theirs = make_session(course, organiser=t["inst_b"])
    trainer_user = make_member(t["inst_b"], [])
    trained = make_session(
        course, organiser=t["inst_b"], trainer=Person.objects.get(user=trainer_user)
    )
    assert set(sessions_visible_to(t["coordinator_a"])) == {ours}
    assert set(sessions_visible_to(t["manager_b"])) == {theirs, trained}
    assert set(sessions_visible_to(trainer_user)) == {trained}
    assert not sessions_visible_to(t["learner"]).exists()
    # Registrations: the people in one's scope, and a trainer's session.
    mine = session_register(
        actor=t["learner"], person=people["learner"], session=trained
    )
    staff = session_register(
        actor=t["coordinator_a"], person=people["staff_a"], session=theirs
    )
    assert set(registrations_visible_to(t["learner"])) == {mine}
    assert set(registrations_visible_to(trainer_user)) == {mine}
    assert set(registrations_visible_to(t["coordinator_a"])) == {staff}
    assert not registrations_visible_to(t["manager_b"]).filter(pk=staff.pk).exists()


def test_coordinators_save_sessions_of_their_own_institution(course, two_institutions):
    t = two_institutions
    starts = NOW() + datetime.timedelta(days=10)
    session = CourseSession(
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_deadline=starts - datetime.timedelta(days=1),
        online_url="https://meet.example.lv/itil",
        capacity=20,
    )
    saved = session_save(actor=t["coordinator_a"], session=session)
    # A coordinator in a unit organises for the whole institution.
    assert saved.organiser == t["inst_a"]
    saved.organiser = t["inst_b"]
    with pytest.raises(ValidationError):
        session_save(actor=t["coordinator_a"], session=saved)
    with pytest.raises(PermissionDenied):
        session_save(actor=t["manager_a"], session=CourseSession(course=course))


def test_a_session_needs_a_place_or_a_link_and_an_order(course, two_institutions):
    starts = NOW() + datetime.timedelta(days=10)
    session = CourseSession(
        course=course,
        starts_at=starts,
        ends_at=starts - datetime.timedelta(hours=1),
        registration_deadline=starts + datetime.timedelta(days=1),
        capacity=0,
    )
    with pytest.raises(ValidationError) as error:
        session_save(actor=two_institutions["coordinator_a"], session=session)
    assert {"ends_at", "registration_deadline", "place", "capacity"} <= set(
        error.value.message_dict
    )
    assert not CourseSession.objects.exists()


def test_an_existing_enrolment_is_reused(course, people, two_institutions):
    user = two_institutions["learner"]
    enrolment = enrolment_create(actor=user, person=people["learner"], course=course)
    registration = session_register(
        actor=user, person=people["learner"], session=make_session(course)
    )
    assert registration.enrolment == enrolment
    assert Enrolment.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself; row locks need PostgreSQL",
)
def test_two_registrations_for_the_last_seat_at_once(course, people, two_institutions):
    session = make_session(course, capacity=1)
    others = [
        PersonFactory(organisation=people["staff_a"].organisation) for _ in range(2)
    ]
    coordinator = two_institutions["coordinator_a"]
    barrier = threading.Barrier(2)
    outcomes = []

    def register(person):
        try:
            barrier.wait()
            session_register(actor=coordinator, person=person, session=session)
            outcomes.append("registered")
        except SessionFull:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "registered"]
    assert (
        SessionRegistration.objects.filter(
            session=session, status=RegistrationStatus.REGISTERED
        ).count()
        == 1
    )
