"""Who may see services, resources, involvements and role assignments.

Managers and coordinators see what their institution (and the units below it)
owns; a learner sees only their own involvements and roles.
"""

from django.db.models import Q, QuerySet

from catalogue.models import Involvement, Resource, RoleAssignment, Service
from people.permissions import scoped


def _register_entries_visible_to(user, qs: QuerySet) -> QuerySet:
    # Services and resources share one rule: the owner's staff see them, and a
    # learner sees those they are involved in.
    return scoped(
        user,
        qs,
        institution=lambda org_ids: Q(owner_id__in=org_ids),
        own=Q(pk__in=qs.filter(involvements__person__user_id=user.pk).values("pk")),
    )


def services_visible_to(user, queryset: QuerySet[Service] | None = None):
    return _register_entries_visible_to(
        user, Service.objects.all() if queryset is None else queryset
    )


def resources_visible_to(user, queryset: QuerySet[Resource] | None = None):
    return _register_entries_visible_to(
        user, Resource.objects.all() if queryset is None else queryset
    )


def involvements_visible_to(user, queryset: QuerySet[Involvement] | None = None):
    qs = Involvement.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(service__owner_id__in=org_ids) | Q(resource__owner_id__in=org_ids)
        ),
        own=Q(person__user_id=user.pk),
    )


def role_assignments_visible_to(user, queryset: QuerySet[RoleAssignment] | None = None):
    qs = RoleAssignment.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(organisation_id__in=org_ids)
            | Q(service__owner_id__in=org_ids)
            | Q(resource__owner_id__in=org_ids)
        ),
        own=Q(person__user_id=user.pk),
    )
