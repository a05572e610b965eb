"""Who may see or change what in courses/: the only home of these rules."""

from django.db.models import Q, QuerySet

from people.models import Person
from people.permissions import is_coordinator, people_visible_to, scoped


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
