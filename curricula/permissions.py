"""Who may see or change curricula, assignments and notices: the only home.

A curriculum and an assignment belong to the institution whose coordinator
made it (`owner`): that institution's coordinators and managers see them.
An assignment reaches only people its coordinator sees (people's rule), and a
learner sees only their own memberships and notifications.
"""

from django.db.models import Q, QuerySet

from courses.permissions import can_enrol_others
from people.permissions import (
    is_coordinator,
    is_manager,
    people_visible_to,
    scoped,
)


def curricula_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from curricula.models import Curriculum

    qs = Curriculum.objects.all() if queryset is None else queryset
    return scoped(user, qs, institution=lambda org_ids: Q(owner_id__in=org_ids))


def assignments_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from curricula.models import Assignment

    qs = Assignment.objects.all() if queryset is None else queryset
    return scoped(user, qs, institution=lambda org_ids: Q(owner_id__in=org_ids))


def members_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Members of the user's institution's assignments who are in their scope;
    a learner's own memberships."""
    from curricula.models import AssignmentMember

    qs = AssignmentMember.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(assignment__owner_id__in=org_ids)
            & Q(person__in=people_visible_to(user).values("pk"))
        ),
        own=Q(person__user_id=user.pk),
    )


def notifications_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Everyone sees only their own notices, coordinators included."""
    from curricula.models import Notification

    qs = Notification.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(person__user_id=user.pk)


def assignable_people(user, queryset: QuerySet | None = None) -> QuerySet:
    """The people an assignment made by `user` may reach (None: the system)."""
    from people.models import Person

    qs = Person.objects.all() if queryset is None else queryset
    if user is None:
        return qs
    return people_visible_to(user, qs)


def can_assign(user) -> bool:
    """Coordinators assign curricula and courses."""
    return bool(user.is_authenticated and is_coordinator(user))


def can_view_compliance(user) -> bool:
    return bool(user.is_authenticated and (is_coordinator(user) or is_manager(user)))


def can_assign_person(user, person) -> bool:
    """One person by hand: the same rule as enrolling them (courses)."""
    return can_enrol_others(user, person)


def can_change_assignment(user, assignment) -> bool:
    return can_assign(user) and (
        assignments_visible_to(user).filter(pk=assignment.pk).exists()
    )
