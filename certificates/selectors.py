"""Reads of certificates/."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from certificates.models import Certificate, CertificateStatus, CertificateTemplate
from courses.models import Completion
from curricula.models import CurriculumCompletion


def certificate_template_for(
    course=None, *, curriculum=None
) -> CertificateTemplate | None:
    """The course's own template (by its canonical page), or the curriculum's
    own, else the default."""
    own = Q(curriculum=curriculum) if curriculum is not None else Q(course=course)
    return (
        CertificateTemplate.objects.filter(own | Q(is_default=True))
        .select_related("issuer", "logo", "signature")
        .order_by("is_default")
        .first()
    )


def certificate_list(*, queryset: QuerySet | None = None) -> QuerySet[Certificate]:
    """Certificates with what listings show, in one query."""
    qs = Certificate.objects.all() if queryset is None else queryset
    return qs.select_related(
        "person",
        "person__organisation",
        "completion",
        "completion__course",
        "curriculum_completion",
        "curriculum_completion__curriculum",
        "template",
    )


def certificate_for_code(code: str) -> Certificate | None:
    """The certificate behind a verification code, long or short (any case,
    dashes and spaces ignored in the short form); None when unknown."""
    code = (code or "").strip()
    if not code or len(code) > 64:
        return None
    found = Certificate.objects.filter(code=code).first()
    if found is None:
        short = "".join(ch for ch in code.upper() if ch.isalnum())
        if len(short) == 10:
            found = Certificate.objects.filter(
                short_code=f"{short[:4]}-{short[4:8]}-{short[8:]}"
            ).first()
    return found


def completions_without_certificate() -> QuerySet[Completion]:
    """Completions that have no certificate at all (the sweep issues them)."""
    return Completion.objects.filter(certificates__isnull=True).order_by("pk")


def curriculum_completions_without_certificate() -> QuerySet[CurriculumCompletion]:
    """Curriculum completions that have no certificate at all (the sweep and
    the demo issue them)."""
    return (
        CurriculumCompletion.objects.filter(certificates__isnull=True)
        .select_related("curriculum")
        .order_by("pk")
    )


def assignments_with_certificates(assignment_ids) -> set[int]:
    """The assignments among these whose curriculum completions have
    certificates (which must outlive them)."""
    return set(
        Certificate.objects.filter(
            curriculum_completion__member__assignment_id__in=list(assignment_ids)
        ).values_list("curriculum_completion__member__assignment_id", flat=True)
    )


def certificates_expiring(*, within_days: int = 30, today=None) -> QuerySet:
    """Valid certificates that expire within the window (for reminders)."""
    today = today or timezone.localdate()
    return certificate_list(
        queryset=Certificate.objects.filter(
            status=CertificateStatus.ACTIVE,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=within_days),
        )
    )


def certificates_of_person(*, person) -> QuerySet[Certificate]:
    """A holder's certificates, newest first, history included."""
    return certificate_list(queryset=Certificate.objects.filter(person=person))


def certificate_expiry_notices(today, days: int):
    """curricula's "expiring in 30 days" notices for valid certificates: one
    per certificate and expiry date (curricula.services.notices)."""
    from curricula.models import NotificationKind
    from curricula.services.notices import Notice

    for certificate in certificates_expiring(within_days=days, today=today):
        yield Notice(
            person_id=certificate.person_id,
            kind=NotificationKind.CERTIFICATE_EXPIRING,
            subject=certificate,
            due_round=certificate.expires_on.isoformat(),
            subject_text=certificate.title[:255],
            due_on=certificate.expires_on,
        )
