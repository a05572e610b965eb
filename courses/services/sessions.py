"""Classroom and webinar sessions: registration, waiting list, attendance.

Capacity is kept by locking the session row (`select_for_update`) for the
whole of a registration or cancellation, so two people asking for the last
seat at once are served one after the other: one gets the seat, the other is
offered the waiting list. The unique constraint on (session, person) backs
"never twice".
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import (
    CourseSession,
    EnrolmentSource,
    RegistrationStatus,
    SessionRegistration,
)
from courses.permissions import (
    can_change_session,
    can_manage_sessions,
    can_mark_attendance,
    can_register_others,
    is_own_person,
)
from courses.selectors import enrolment_current
from courses.services.learning import (
    completion_evaluate,
    enrolment_check,
    enrolment_create,
)
from people.selectors import institution_of, person_for_user

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class SessionFull(ValidationError):
    """No seat is left; the caller may offer the waiting list instead."""


def _seats_taken(session: CourseSession) -> int:
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def _check_open(session: CourseSession, now) -> None:
    if session.cancelled:
        raise ValidationError(_("This session has been cancelled."), code="cancelled")
    if session.starts_at <= now:
        raise ValidationError(_("This session has already started."), code="past")
    if session.registration_deadline < now:
        raise ValidationError(
            _("Registration for this session closed on %(deadline)s.")
            % {
                "deadline": timezone.localtime(session.registration_deadline).strftime(
                    "%d.%m.%Y %H:%M"
                )
            },
            code="deadline",
        )


def _enrolment_for(*, actor, person, session: CourseSession):
    """The person's open enrolment in the session's course, made if missing.

    Self-registration follows the course's self-enrolment and prerequisite
    rules; a coordinator registers people in their scope whatever the course
    allows (as they may enrol them).
    """
    enrolment = enrolment_current(person=person, course=session.course)
    if enrolment is not None:
        return enrolment
    if actor is not None and is_own_person(actor, person):
        enrolment_check(person=person, course=session.course)
    return enrolment_create(
        actor=None, person=person, course=session.course, source=EnrolmentSource.SESSION
    )


@transaction.atomic
def session_register(
    *, actor, person, session: CourseSession, waitlist: bool = False
) -> SessionRegistration:
    """Register a person for a session, or put them on its waiting list.

    `actor` is the person themself or a coordinator whose scope includes them
    (None: the system, e.g. the demo loader). Refused for a cancelled, started
    or closed session and for a second registration. When the session is
    full, raises `SessionFull` unless `waitlist` is True (the person accepted
    the waiting list); with a free seat `waitlist` is ignored.
    """
    if actor is not None and not (
        is_own_person(actor, person) or can_register_others(actor, person)
    ):
        raise PermissionDenied(_("You may not register this person."))
    # The lock serialises every registration and cancellation of the session.
    session = CourseSession.objects.select_for_update().get(pk=session.pk)
    now = timezone.now()
    _check_open(session, now)
    existing = session.registrations.filter(person=person, status__in=ACTIVE).first()
    if existing is not None:
        if existing.status == RegistrationStatus.WAITLISTED:
            message = _("You are already on the waiting list for this session.")
        else:
            message = _("You are already registered for this session.")
        raise ValidationError(message, code="twice")
    full = _seats_taken(session) >= session.capacity
    if full and not waitlist:
        raise SessionFull(
            _("This session is full. You may join the waiting list instead."),
            code="full",
        )
    enrolment = _enrolment_for(actor=actor, person=person, session=session)
    registration = SessionRegistration(
        session=session,
        person=person,
        enrolment=enrolment,
        status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED,
        registered_at=now,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise ValidationError(
            _("You are already registered for this session."), code="twice"
        ) from error
    log(
        instance=registration,
        action="courses.session_register",
        user=actor,
        data={"status": registration.status},
    )
    return registration


def _notify_promoted(registration: SessionRegistration) -> None:
    """Tell the person, in their own language, that a seat is theirs."""
    person = registration.person
    if not person.email:
        return
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "session": registration.session,
            "course": registration.session.course.localized,
        }
        subject = render_to_string(
            "courses/email/session_promoted_subject.txt", context
        ).strip()
        body = render_to_string("courses/email/session_promoted.txt", context)
    send_mail(subject, body, None, [person.email])


def _promote_next(session: CourseSession, now) -> SessionRegistration | None:
    if session.starts_at <= now or session.cancelled:
        return None
    if _seats_taken(session) >= session.capacity:
        return None
    waiting = (
        session.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("person", "session__course")
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = RegistrationStatus.REGISTERED
    waiting.promoted_at = now
    waiting.save(update_fields=["status", "promoted_at"])
    log(instance=waiting, action="courses.session_promote", user=None)
    transaction.on_commit(lambda: _notify_promoted(waiting))
    return waiting


@transaction.atomic
def registration_cancel(
    *, actor, registration: SessionRegistration
) -> SessionRegistration:
    """Cancel a registration (or leave the waiting list) before the session.

    A freed seat goes to the first person on the waiting list (by the time
    they joined it), who is told by e-mail in their language. Cancelling a
    cancelled registration changes nothing.
    """
    if actor is not None and not (
        is_own_person(actor, registration.person)
        or can_register_others(actor, registration.person)
    ):
        raise PermissionDenied(_("You may not cancel this registration."))
    session = CourseSession.objects.select_for_update().get(pk=registration.session_id)
    registration = SessionRegistration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    now = timezone.now()
    if session.starts_at <= now:
        raise ValidationError(_("This session has already started."), code="past")
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    log(instance=registration, action="courses.registration_cancel", user=actor)
    _promote_next(session, now)
    return registration


@transaction.atomic
def attendance_mark(
    *, actor, registration: SessionRegistration, attended: bool
) -> SessionRegistration:
    """Record whether a registered person attended, then evaluate completion.

    By the session's trainer or a coordinator whose scope includes the person,
    once the session has started. Attendance completes a classroom or webinar
    course, and a blended one once its lessons and quiz are done.
    """
    registration = SessionRegistration.objects.select_related(
        "session__trainer", "person", "enrolment"
    ).get(pk=registration.pk)
    if actor is not None and not can_mark_attendance(actor, registration):
        raise PermissionDenied(_("You may not mark attendance for this person."))
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(
            _("Only registered people can be marked; %(name)s is not.")
            % {"name": registration.person.full_name},
            code="not_registered",
        )
    now = timezone.now()
    if registration.session.starts_at > now:
        raise ValidationError(
            _("Attendance can be marked once the session has started."),
            code="future",
        )
    registration.attended = attended
    registration.attendance_marked_at = now
    registration.attendance_marked_by = actor
    registration.save(
        update_fields=["attended", "attendance_marked_at", "attendance_marked_by"]
    )
    log(
        instance=registration,
        action="courses.attendance_mark",
        user=actor,
        data={"attended": attended},
    )
    if attended:
        completion_evaluate(enrolment=registration.enrolment)
    return registration


@transaction.atomic
def session_save(*, actor, session: CourseSession) -> CourseSession:
    """Create or change a session (admin form, demo loader).

    Coordinators create sessions for their own institution (the organiser
    defaults to it) and change only the sessions it organises.
    """
    if actor is not None:
        if not can_manage_sessions(actor):
            raise PermissionDenied(_("You may not manage sessions."))
        if session.organiser_id is None and not actor.is_superuser:
            person = person_for_user(user=actor)
            if person is not None:
                session.organiser = institution_of(organisation=person.organisation)
        if not can_change_session(actor, session):
            raise ValidationError(
                {"organiser": _("Sessions are organised by your own institution.")}
            )
        if session.pk is not None:
            stored = CourseSession.objects.get(pk=session.pk)
            if not can_change_session(actor, stored):
                raise PermissionDenied(_("You may not change this session."))
    session.full_clean()
    session.save()
    return session
