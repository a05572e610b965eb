"""Who may see or change what in courses/: the only home of these rules."""

from django.db.models import Q, QuerySet

from people.models import Person
from people.permissions import (
    home_organisation_ids,
    is_coordinator,
    people_visible_to,
    scoped,
)


def _in_people_scope(user):
    # A learner's records are visible exactly where the learner is: the one
    # people rule (people/permissions.py), not a restatement of it.
    return lambda org_ids: Q(person__in=people_visible_to(user).values("pk"))


def enrolments_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Coordinators and managers: enrolments of people in their scope;
    learners: their own."""
    from courses.models import Enrolment

    qs = Enrolment.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=_in_people_scope(user),
        own=Q(person__user_id=user.pk),
    )


def completions_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from courses.models import Completion

    qs = Completion.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=_in_people_scope(user),
        own=Q(person__user_id=user.pk),
    )


def can_enrol_others(user, person: Person) -> bool:
    """Coordinators enrol people in their scope (one or many at once)."""
    return bool(
        user.is_authenticated
        and is_coordinator(user)
        and people_visible_to(user).filter(pk=person.pk).exists()
    )


def is_own_person(user, person: Person) -> bool:
    """The signed-in user is this person (self-enrolment, own progress)."""
    return bool(user.is_authenticated and person.user_id == user.pk)


def quiz_attempts_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Coordinators and managers: attempts of people in their scope;
    learners: their own."""
    from courses.models import QuizAttempt

    qs = QuizAttempt.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: Q(
            enrolment__person__in=people_visible_to(user).values("pk")
        ),
        own=Q(enrolment__person__user_id=user.pk),
    )


def own_records(user, queryset: QuerySet, person_path: str = "person") -> QuerySet:
    """Only the signed-in user's own records, whatever their groups: what the
    learner's pages (course, lesson, quiz, dashboard) show and change."""
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{f"{person_path}__user_id": user.pk})


# Sessions. Courses are shared by every institution; a session is organised by
# one (`organiser`). In the admin a coordinator or manager sees the sessions
# their institution organises or whose trainer works in it, and the
# registrations of the people in their scope; a trainer sees the sessions they
# train and every registration of those. A learner sees only their own
# registrations (on the site).


def _trains(user) -> Q:
    return Q(trainer__user_id=user.pk)


def sessions_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Admin: sessions organised or trained in the user's institution, and the
    sessions the user trains."""
    from courses.models import CourseSession

    qs = CourseSession.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(organiser_id__in=org_ids)
            | Q(trainer__organisation_id__in=org_ids)
            | _trains(user)
        ),
        own=_trains(user),
    )


def registrations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Registrations of the people in the user's scope, and of the sessions the
    user trains; a learner's own."""
    from courses.models import SessionRegistration

    qs = SessionRegistration.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(person__in=people_visible_to(user).values("pk"))
            | Q(session__trainer__user_id=user.pk)
        ),
        own=Q(person__user_id=user.pk) | Q(session__trainer__user_id=user.pk),
    )


def own_registrations(user, queryset: QuerySet | None = None) -> QuerySet:
    """On the site everyone, coordinators included, handles only their own."""
    from courses.models import SessionRegistration

    qs = SessionRegistration.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(person__user_id=user.pk)


def can_manage_sessions(user) -> bool:
    """Coordinators (and administrators) create sessions."""
    return bool(user.is_authenticated and is_coordinator(user))


def can_change_session(user, session) -> bool:
    """A session is changed by the coordinators of its organiser."""
    if not can_manage_sessions(user):
        return False
    if user.is_superuser:
        return True
    return session.organiser_id in home_organisation_ids(user)


def can_register_others(user, person: Person) -> bool:
    """Coordinators register (and cancel) the people in their scope."""
    return can_enrol_others(user, person)


def can_mark_attendance(user, registration) -> bool:
    """The session's trainer, or a coordinator whose scope includes the person."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    trainer = registration.session.trainer
    if trainer is not None and trainer.user_id == user.pk:
        return True
    return can_enrol_others(user, registration.person)
