"""Who may see the competence framework, and who may see or change coverage data.

The framework is reference data, public to every signed-in user; changes need
the model permissions that the Content editor group and superusers hold.

Requirements, attainments and delegations belong to institutions: coordinators
change them within their scope (their institution and the units below it),
service managers add requirements for the services they manage, and the
coverage reports show a viewer only the people and services in their scope.
"""

from django.db.models import Q, QuerySet

from catalogue.models import ResponsibleRole, RoleAssignment, Service
from people.models import Person
from people.permissions import (
    home_organisation_ids,
    is_coordinator,
    people_visible_to,
    scoped,
)


def reference_data_visible_to(user, queryset: QuerySet) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    return queryset


def _people_in_scope(org_ids) -> QuerySet:
    # The institution's own staff and everyone delivering or using what it owns.
    return Person.objects.filter(
        Q(organisation_id__in=org_ids)
        | Q(involvements__service__owner_id__in=org_ids)
        | Q(involvements__resource__owner_id__in=org_ids)
    ).values("pk")


def attainments_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from competences.models import Attainment

    qs = Attainment.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: Q(person__in=_people_in_scope(org_ids)),
        own=Q(person__user_id=user.pk),
    )


def requirements_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Requirements of the viewer's services and resources; those of every
    involved person or of a role apply everywhere, so everyone in the admin
    sees them."""
    from competences.models import Requirement

    qs = Requirement.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(service__owner_id__in=org_ids)
            | Q(resource__owner_id__in=org_ids)
            | Q(service__isnull=True, resource__isnull=True)
            | Q(service__in=_managed_services(user))
        ),
        own=Q(service__in=_managed_services(user)),
    )


def delegations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Delegations to the viewer's institution or services, and those its
    competence centre holds."""
    from competences.models import Delegation

    qs = Delegation.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: (
            Q(service__owner_id__in=org_ids)
            | Q(institution_id__in=org_ids)
            | Q(centre_id__in=org_ids)
        ),
    )


def _managed_services(user) -> QuerySet:
    """Services for which the user's person holds the service-manager role."""
    return RoleAssignment.objects.filter(
        person__user_id=user.pk, role=ResponsibleRole.SERVICE_MANAGER
    ).values("service_id")


def can_grant_attainment(user, person: Person, visible_ids=None) -> bool:
    """Coordinators record attainments (and recognitions) of people they see.

    `visible_ids`, the ids of `people_visible_to(user)` loaded once, spares an
    import a query per row.
    """
    if not (user.is_authenticated and is_coordinator(user)):
        return False
    if visible_ids is not None:
        return person.pk in visible_ids
    return people_visible_to(user).filter(pk=person.pk).exists()


def can_revoke_attainment(user, attainment) -> bool:
    return bool(
        user.is_authenticated
        and is_coordinator(user)
        and attainments_visible_to(user).filter(pk=attainment.pk).exists()
    )


def can_save_requirement(user, requirement) -> bool:
    """Administrators any; a coordinator those of their institution's services
    and resources; a service manager those of the services they manage.

    A requirement of everyone involved, or of a role, applies to every
    institution, so only an administrator sets it.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if (
        requirement.service_id
        and Service.objects.filter(
            pk=requirement.service_id, pk__in=_managed_services(user)
        ).exists()
    ):
        return user.has_perm("competences.add_requirement")
    if not is_coordinator(user):
        return False
    owner_id = None
    if requirement.service_id:
        owner_id = requirement.service.owner_id
    elif requirement.resource_id:
        owner_id = requirement.resource.owner_id
    return owner_id is not None and owner_id in home_organisation_ids(user)


def can_save_delegation(user, delegation) -> bool:
    """Administrators any; a coordinator those for their institution or its
    services."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not is_coordinator(user):
        return False
    if delegation.service_id:
        owner_id = delegation.service.owner_id
    else:
        owner_id = delegation.institution_id
    return owner_id is not None and owner_id in home_organisation_ids(user)


def services_for_requirements(user, queryset: QuerySet | None = None) -> QuerySet:
    """The services a user may add requirements for (the admin form's choices)."""
    from catalogue.permissions import services_visible_to

    qs = Service.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    managed = Q(pk__in=_managed_services(user))
    if is_coordinator(user):
        return qs.filter(managed | Q(pk__in=services_visible_to(user).values("pk")))
    return qs.filter(managed)


def coverage_services_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Services whose coverage a viewer sees: those their institution owns."""
    qs = Service.objects.all() if queryset is None else queryset
    return scoped(user, qs, institution=lambda org_ids: Q(owner_id__in=org_ids))


def coverage_people_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """People whose competences a viewer sees: their institution's staff and
    those delivering or using what it owns (never another institution's other
    staff); a learner only themselves."""
    qs = Person.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: Q(pk__in=_people_in_scope(org_ids)),
        own=Q(user_id=user.pk),
    )


def can_view_coverage(user) -> bool:
    """The coverage reports are for managers, coordinators and administrators."""
    from people.permissions import sees_institution

    return bool(user.is_authenticated and (user.is_superuser or sees_institution(user)))


def coverage_organisations_visible_to(
    user, queryset: QuerySet | None = None
) -> QuerySet:
    """Organisations whose coverage row a viewer sees (organisation-coverage):
    their institution and the organisations below it; administrators all.
    Units are counted in their institution's row, so they have none."""
    from people.models import Organisation, OrganisationKind

    qs = Organisation.objects.all() if queryset is None else queryset
    qs = qs.exclude(kind=OrganisationKind.UNIT)
    return scoped(user, qs, institution=lambda org_ids: Q(pk__in=org_ids))


def can_download_evidence(user, attainment) -> bool:
    """A recognition's evidence: its holder, the coordinators and managers
    whose scope covers the person, administrators (attainments_visible_to)."""
    return bool(
        user.is_authenticated
        and attainments_visible_to(user).filter(pk=attainment.pk).exists()
    )
