"""Who may see, download, issue or revoke certificates: the only home of it."""

from django.db.models import Q, QuerySet

from curricula.permissions import curricula_visible_to
from people.models import Person
from people.permissions import is_coordinator, people_visible_to, scoped


def certificates_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The holder sees their own; managers and coordinators those of the
    people in their scope (people/permissions.py); nobody else any."""
    from certificates.models import Certificate

    qs = Certificate.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: Q(person__in=people_visible_to(user).values("pk")),
        own=Q(person__user_id=user.pk),
    )


def can_download_certificate(user, certificate) -> bool:
    return certificates_visible_to(user).filter(pk=certificate.pk).exists()


def can_issue_certificate(user, person: Person) -> bool:
    """Coordinators issue, revoke and re-issue for the people in their scope."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or is_coordinator(user))
        and people_visible_to(user).filter(pk=person.pk).exists()
    )


def templates_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Templates are shared content: everyone in the admin sees them all."""
    from certificates.models import CertificateTemplate

    qs = CertificateTemplate.objects.all() if queryset is None else queryset
    return qs if user.is_authenticated else qs.none()


def may_issue_certificates(user) -> bool:
    """Coordinators (and administrators) run certificate actions at all;
    each certificate is then checked with can_issue_certificate."""
    return bool(user.is_authenticated and (user.is_superuser or is_coordinator(user)))


def curricula_for_certificates(user) -> QuerySet:
    """The curricula whose certificates a coordinator may issue in bulk: those
    they see (curricula belong to an institution; the holders are then
    limited to the coordinator's people by can_issue_certificate)."""
    return curricula_visible_to(user)


def batches_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """A bulk job and its ZIP belong to whoever asked for it."""
    from certificates.models import CertificateBatch

    qs = CertificateBatch.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    return qs if user.is_superuser else qs.filter(requested_by=user)
