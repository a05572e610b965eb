"""Issue, revoke and re-issue certificates.

Exactly one valid certificate per completion: the completion row is locked
while issuing, and a partial unique constraint backs it. A render that fails
raises before anything is written, so a failed issue leaves no row.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from certificates.models import Certificate, CertificateStatus
from certificates.permissions import can_issue_certificate
from certificates.rendering import CertificateText, certificate_pdf
from certificates.selectors import certificate_template_for
from certificates.signing import pdf_sign
from competences.models_coverage import add_months
from courses.models import Completion

# Crockford's base32: no I, L, O or U to misread over the phone.
SHORT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _short_code() -> str:
    raw = "".join(secrets.choice(SHORT_ALPHABET) for _i in range(10))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_url(code: str, language: str) -> str:
    with translation.override(language):
        path = reverse("certificate_verify", args=[code])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not make this change."))


def _language(person) -> str:
    return "en" if (person.language or "lv").startswith("en") else "lv"


def _title(course, language: str) -> str:
    translated = course.get_translations(inclusive=True).filter(
        locale__language_code=language
    )
    page = translated.first() or course
    return page.title


def _render_and_build(*, completion: Completion, template, actor) -> Certificate:
    person = completion.person
    course = completion.course.specific
    language = _language(person)
    code = secrets.token_urlsafe(16)  # 128 bits
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    expires_on = (
        add_months(completion.completed_on, template.validity_months)
        if template.validity_months
        else None
    )
    text = CertificateText(
        language=language,
        holder_name=person.full_name,
        title=_title(course, language),
        competences=", ".join(
            competence.code for competence in course.competences.all()
        ),
        completed_on=completion.completed_on,
        issued_on=issued_on,
        expires_on=expires_on,
        short_code=_short_code(),
        verification_url=verification_url(code, language),
        issuer=str(template.issuer),
    )
    pdf, signed = pdf_sign(
        certificate_pdf(template, text), organisation=template.issuer
    )
    certificate = Certificate(
        person=person,
        completion=completion,
        template=template,
        code=code,
        short_code=text.short_code,
        language=language,
        holder_name=text.holder_name,
        title=text.title,
        issuer=text.issuer,
        completed_on=completion.completed_on,
        issued_at=issued_at,
        expires_on=expires_on,
        issued_by=actor,
        sha256=hashlib.sha256(pdf).hexdigest(),
        signed=signed,
    )
    certificate.pdf.save(f"{code}.pdf", ContentFile(pdf), save=False)
    return certificate


def _supersede(certificate: Certificate, *, by, reason: str) -> None:
    certificate.status = CertificateStatus.SUPERSEDED
    certificate.status_reason = reason
    certificate.status_changed_at = timezone.now()
    certificate.superseded_by = by
    certificate.save(
        update_fields=["status", "status_reason", "status_changed_at", "superseded_by"]
    )


@transaction.atomic
def certificate_issue(
    *, completion: Completion, actor=None, template=None, channel: str = "task"
) -> Certificate:
    """Issue the certificate of a completion, or return the valid one it has.

    `actor` None is the system (the task that follows a completion); a
    coordinator needs `can_issue_certificate`. A recertification (a later
    completion of the same course) supersedes the holder's earlier certificate
    of that course, which stays in their history.
    """
    completion = (
        Completion.objects.select_for_update()
        .select_related("person", "course")
        .get(pk=completion.pk)
    )
    if actor is not None:
        _deny_unless(can_issue_certificate(actor, completion.person))
    existing = Certificate.objects.filter(
        completion=completion, status=CertificateStatus.ACTIVE
    ).first()
    if existing is not None:
        return existing
    template = template or certificate_template_for(completion.course)
    if template is None:
        raise ValidationError(
            _("There is no certificate template for this course, and no default.")
        )
    certificate = _render_and_build(
        completion=completion, template=template, actor=actor
    )
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        certificate.pdf.delete(save=False)
        return Certificate.objects.get(
            completion=completion, status=CertificateStatus.ACTIVE
        )
    earlier = Certificate.objects.filter(
        person=completion.person,
        completion__course=completion.course,
        status=CertificateStatus.ACTIVE,
        completion__completed_at__lt=completion.completed_at,
    ).exclude(pk=certificate.pk)
    for old in earlier:
        _supersede(old, by=certificate, reason=_("Recertification"))
    log(
        instance=certificate,
        action="certificates.issue",
        user=actor,
        data={"channel": channel, "code": certificate.short_code},
    )
    return certificate


@transaction.atomic
def certificate_revoke(
    *, actor, certificate: Certificate, reason: str, channel: str = "admin"
) -> Certificate:
    """Revoke a certificate with a reason; its verification page then says so."""
    _deny_unless(can_issue_certificate(actor, certificate.person))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != CertificateStatus.ACTIVE:
        raise ValidationError(_("Only a valid certificate can be revoked."))
    certificate.status = CertificateStatus.REVOKED
    certificate.status_reason = reason
    certificate.status_changed_at = timezone.now()
    certificate.save(update_fields=["status", "status_reason", "status_changed_at"])
    log(
        instance=certificate,
        action="certificates.revoke",
        user=actor,
        data={"channel": channel, "reason": reason},
    )
    return certificate


@transaction.atomic
def certificate_reissue(
    *, actor, certificate: Certificate, reason: str, channel: str = "admin"
) -> Certificate:
    """Replace a certificate by a newly rendered one (a corrected name, a new
    template); the old one is marked superseded with the reason."""
    _deny_unless(can_issue_certificate(actor, certificate.person))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the re-issue.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.SUPERSEDED:
        raise ValidationError(_("This certificate has already been replaced."))
    previous_status = certificate.status
    certificate.status = CertificateStatus.SUPERSEDED
    certificate.status_reason = reason
    certificate.status_changed_at = timezone.now()
    certificate.save(update_fields=["status", "status_reason", "status_changed_at"])
    new = certificate_issue(
        completion=certificate.completion, actor=actor, channel=channel
    )
    certificate.superseded_by = new
    certificate.save(update_fields=["superseded_by"])
    log(
        instance=certificate,
        action="certificates.reissue",
        user=actor,
        data={
            "channel": channel,
            "reason": reason,
            "was": previous_status,
            "new": new.short_code,
        },
    )
    return new
