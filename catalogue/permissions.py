"""Who may see services, resources, involvements and role assignments.

Managers and coordinators see what their institution (and the units below it)
owns; a learner sees only their own involvements and roles.
"""

from django.db.models import Q, QuerySet

from catalogue.models import Involvement, Resource, RoleAssignment, Service
from people.permissions import WriteScope, scoped


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


# Writes. Services and resources belong to their owner institution: a user
# writes only entries their institution owns (before and after the change), and
# involvements and roles only within those entries or their own institution.
# Who is involved or holds a role may be anyone: that is a reference, not a
# change of that person.


def may_write_register_entry(scope: WriteScope, *, owner_id: int | None) -> bool:
    return scope.owns_organisation_id(owner_id)


def may_write_involvement(scope: WriteScope, *, target) -> bool:
    """An involvement in a service or resource the user's institution owns."""
    return target is None or scope.owns_organisation_id(target.owner_id)


def may_write_role(scope: WriteScope, *, held_at) -> bool:
    """A role at the user's own institution, or its services and resources."""
    if held_at is None or scope.unrestricted:
        return True
    owner_id = getattr(held_at, "owner_id", None)
    return scope.owns_organisation_id(owner_id if owner_id else held_at.pk)
