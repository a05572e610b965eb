from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from catalogue.models import (
    ROLE_SCOPE_FIELD,
    Involvement,
    Relation,
    Resource,
    ResponsibleRole,
    RoleAssignment,
    Service,
)


def _managers_prefetch(model) -> Prefetch:
    # The managers come from the role assignments, the one source of who
    # manages what; one query for the whole page (`RegisterEntry.managers`).
    return Prefetch(
        "role_assignments",
        queryset=RoleAssignment.objects.filter(role=model.manager_role)
        .select_related("person")
        .order_by("pk"),
        to_attr="manager_assignments",
    )


def service_list(*, queryset: QuerySet[Service] | None = None) -> QuerySet[Service]:
    """Services with their owner and managers, and head-counts of who delivers them."""
    qs = Service.objects.all() if queryset is None else queryset
    return (
        qs.select_related("owner")
        .prefetch_related(_managers_prefetch(Service))
        .annotate(
            internal_count=Count(
                "involvements", filter=Q(involvements__relation=Relation.INTERNAL)
            ),
            external_count=Count(
                "involvements", filter=Q(involvements__relation=Relation.EXTERNAL)
            ),
        )
    )


def resource_list(*, queryset: QuerySet[Resource] | None = None) -> QuerySet[Resource]:
    """Resources with their owner and managers (from the role assignments)."""
    qs = Resource.objects.all() if queryset is None else queryset
    return qs.select_related("owner").prefetch_related(_managers_prefetch(Resource))


def involvement_list(
    *, queryset: QuerySet[Involvement] | None = None
) -> QuerySet[Involvement]:
    qs = Involvement.objects.all() if queryset is None else queryset
    return qs.select_related(
        "person__organisation", "service__owner", "resource__owner"
    )


def role_assignment_list(
    *, queryset: QuerySet[RoleAssignment] | None = None
) -> QuerySet[RoleAssignment]:
    qs = RoleAssignment.objects.all() if queryset is None else queryset
    return qs.select_related("person", "organisation", "service", "resource")


def scope_summary(*, people, services, resources, involvements) -> dict:
    """Head-counts for a viewer's dashboard, from already-scoped querysets.

    One aggregate query per kind; the caller passes querysets from the
    permissions module, so the numbers are exactly what the viewer may see.
    """
    today = timezone.localdate()
    active = Q(end_date__isnull=True) | Q(end_date__gte=today)
    counts = involvements.filter(active).aggregate(
        internal=Count("person", filter=Q(relation=Relation.INTERNAL), distinct=True),
        external=Count("person", filter=Q(relation=Relation.EXTERNAL), distinct=True),
    )
    return {
        "people": people.count(),
        "people_with_account": people.filter(user__isnull=False).count(),
        "internal": counts["internal"],
        "external": counts["external"],
        "services": services.count(),
        "resources": resources.count(),
    }


def role_holders(*, role: str, scope) -> list:
    """The people holding `role` at `scope` (an institution, service or
    resource), the longest-standing assignment first."""
    field = ROLE_SCOPE_FIELD[ResponsibleRole(role)]
    return [
        assignment.person
        for assignment in RoleAssignment.objects.filter(role=role, **{field: scope})
        .select_related("person__organisation")
        .order_by("pk")
    ]


def active_involvements(*, person, on=None) -> QuerySet[Involvement]:
    """The person's involvements running on `on` (today by default)."""
    on = on or timezone.localdate()
    return (
        Involvement.objects.filter(person=person, start_date__lte=on)
        .exclude(end_date__lt=on)
        .select_related("service__owner", "resource__owner")
    )


def people_involved_in(entry: Service | Resource) -> list[int]:
    """The ids of the people with an involvement or a role in a service or
    resource (who see its name on their pages)."""
    if entry.pk is None:
        return []
    field = "service" if isinstance(entry, Service) else "resource"
    return [
        *Involvement.objects.filter(**{field: entry}).values_list(
            "person_id", flat=True
        ),
        *RoleAssignment.objects.filter(**{field: entry}).values_list(
            "person_id", flat=True
        ),
    ]
