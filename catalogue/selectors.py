from django.db.models import Count, Q, QuerySet

from catalogue.models import Involvement, Relation, Resource, RoleAssignment, Service


def service_list(*, queryset: QuerySet[Service] | None = None) -> QuerySet[Service]:
    """Services with their owner and manager, and head-counts of who delivers them."""
    qs = Service.objects.all() if queryset is None else queryset
    return qs.select_related("owner", "manager").annotate(
        internal_count=Count(
            "involvements", filter=Q(involvements__relation=Relation.INTERNAL)
        ),
        external_count=Count(
            "involvements", filter=Q(involvements__relation=Relation.EXTERNAL)
        ),
    )


def resource_list(*, queryset: QuerySet[Resource] | None = None) -> QuerySet[Resource]:
    qs = Resource.objects.all() if queryset is None else queryset
    return qs.select_related("owner", "manager")


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
