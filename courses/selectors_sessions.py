"""Reads of sessions and registrations (kept apart from the learner path's
selectors so that the two grow independently)."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from wagtail.models import Locale

from courses.models import (
    CoursePage,
    CourseSession,
    RegistrationStatus,
    SessionRegistration,
)
from courses.selectors import course_canonical

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def _with_counts(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        seats_taken=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.REGISTERED),
        ),
        waiting=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
        ),
    )


def session_list(*, queryset: QuerySet | None = None) -> QuerySet[CourseSession]:
    """Sessions with course, trainer, organiser and seat counts, in one query."""
    qs = CourseSession.objects.all() if queryset is None else queryset
    return _with_counts(qs.select_related("course", "trainer", "organiser"))


def session_upcoming(*, course: CoursePage, person=None) -> list[CourseSession]:
    """The course's sessions that have not started, each with `seats_left` and
    `registration` (the person's open registration, or None)."""
    sessions = list(
        session_list(
            queryset=CourseSession.objects.filter(
                course=course_canonical(course),
                cancelled=False,
                starts_at__gt=timezone.now(),
            )
        )
    )
    mine = {}
    if person is not None and sessions:
        mine = {
            registration.session_id: registration
            for registration in SessionRegistration.objects.filter(
                person=person, session__in=sessions, status__in=ACTIVE
            )
        }
    now = timezone.now()
    sessions_localise(sessions)
    for session in sessions:
        session.seats_left = max(session.capacity - session.seats_taken, 0)
        session.registration = mine.get(session.pk)
        session.is_open = session.registration_deadline >= now
    return sessions


def sessions_localise(sessions) -> None:
    """Set `course_local` on each session: its course in the active language
    (two queries for any number of sessions, instead of `.localized` each)."""
    sessions = list(sessions)
    if not sessions:
        return
    active = Locale.get_active()
    translations = {}
    if any(session.course.locale_id != active.pk for session in sessions):
        translations = {
            page.translation_key: page
            for page in CoursePage.objects.live().filter(
                locale=active,
                translation_key__in={s.course.translation_key for s in sessions},
            )
        }
    for session in sessions:
        course = session.course
        session.course_local = (
            course
            if course.locale_id == active.pk
            else translations.get(course.translation_key, course)
        )


def registration_list(
    *, queryset: QuerySet | None = None
) -> QuerySet[SessionRegistration]:
    """Registrations with person, session, course and trainer, in one query."""
    qs = SessionRegistration.objects.all() if queryset is None else queryset
    return qs.select_related(
        "person",
        "person__organisation",
        "session",
        "session__course",
        "session__trainer",
        "attendance_marked_by",
    )


def registrations_upcoming(*, queryset: QuerySet) -> QuerySet[SessionRegistration]:
    """Open registrations (or places on a waiting list) for sessions that have
    not ended, soonest first."""
    return registration_list(
        queryset=queryset.filter(
            status__in=ACTIVE, session__ends_at__gte=timezone.now()
        )
    ).order_by("session__starts_at", "pk")


def registrations_of_session(
    *, session: CourseSession, queryset: QuerySet
) -> QuerySet[SessionRegistration]:
    """A session's registrations (registered first, then the waiting list in
    its order); cancelled ones last."""
    rank = Case(
        When(status=RegistrationStatus.REGISTERED, then=Value(0)),
        When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        registration_list(queryset=queryset.filter(session=session))
        .annotate(rank=rank)
        .order_by("rank", "registered_at", "pk")
    )
