"""Issue, revoke and re-issue certificates.

A certificate is for a course's completion or for a curriculum's; one path
issues both. Exactly one valid certificate per completion: the completion row
is locked while issuing, and a partial unique constraint backs it. A render
that fails raises before anything is written, so a failed issue leaves no row.
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from certificates.models import Certificate, CertificateStatus, CertificateTemplate
from certificates.permissions import can_issue_certificate
from certificates.rendering import CertificateText, certificate_pdf
from certificates.selectors import certificate_template_for
from certificates.signing import pdf_sign
from competences.models import Competence
from competences.models_coverage import add_months
from courses.models import Completion
from curricula.models import CurriculumCompletion
from lms.languages import site_language
from people.models import Person

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
    return site_language(person.language)


def _title(course, language: str) -> str:
    translated = course.get_translations(inclusive=True).filter(
        locale__language_code=language
    )
    page = translated.first() or course
    return page.title


@dataclass
class _Subject:
    """What a certificate is for, read once under the row's lock: a course's
    completion or a curriculum's. Everything else in issuing is the same."""

    field: str  # the Certificate field: "completion" or "curriculum_completion"
    record: Completion | CurriculumCompletion
    person: Person
    completed_on: datetime.date
    # Read only when a certificate is to be rendered (an idempotent repeat
    # returns the valid certificate without them).
    template: Callable[[], CertificateTemplate | None]
    # The holder's earlier valid certificates of the same course or curriculum,
    # which a recertification supersedes.
    earlier: Q
    title: Callable[[str], str]
    competences: Callable[[], str]
    no_template: str


def _course_subject(completion: Completion) -> _Subject:
    completion = (
        Completion.objects.select_for_update()
        .select_related("person", "course")
        .get(pk=completion.pk)
    )
    return _Subject(
        field="completion",
        record=completion,
        person=completion.person,
        completed_on=completion.completed_on,
        template=lambda: certificate_template_for(completion.course),
        earlier=Q(
            completion__course=completion.course,
            completion__completed_at__lt=completion.completed_at,
        ),
        title=lambda language: _title(completion.course.specific, language),
        competences=lambda: ", ".join(
            competence.code for competence in completion.course.competences.all()
        ),
        no_template=_(
            "There is no certificate template for this course, and no default."
        ),
    )


def _curriculum_subject(curriculum_completion: CurriculumCompletion) -> _Subject:
    completion = (
        CurriculumCompletion.objects.select_for_update()
        .select_related("person", "curriculum")
        .get(pk=curriculum_completion.pk)
    )
    curriculum = completion.curriculum

    def title(language: str) -> str:
        # The mixin's own rule: English when asked for and filled in.
        with translation.override(language):
            return curriculum.name

    def competences() -> str:
        # Every competence any of the plan's courses develops, once each, in
        # the framework's order (as a course's certificate lists them).
        course_ids = curriculum.items.exclude(course=None).values("course_id")
        found = Competence.objects.filter(courses__in=course_ids).distinct()
        return ", ".join(competence.code for competence in found)

    return _Subject(
        field="curriculum_completion",
        record=completion,
        person=completion.person,
        completed_on=completion.completed_on,
        template=lambda: certificate_template_for(curriculum=curriculum),
        earlier=Q(curriculum_completion__curriculum=curriculum)
        & (
            Q(curriculum_completion__completed_on__lt=completion.completed_on)
            | Q(
                curriculum_completion__completed_on=completion.completed_on,
                curriculum_completion__recorded_at__lt=completion.recorded_at,
            )
        ),
        title=title,
        competences=competences,
        no_template=_(
            "There is no certificate template for this curriculum, and no default."
        ),
    )


def _issuer_name(template, language: str) -> str:
    # The certificate speaks one language throughout: the issuer's English
    # name on an English certificate, whatever language the issuing request,
    # task or command runs in (the mixin's rule: English when filled in).
    with translation.override(language):
        return str(template.issuer)


def _render_and_build(*, subject: _Subject, template, actor) -> Certificate:
    person = subject.person
    language = _language(person)
    code = secrets.token_urlsafe(16)  # 128 bits
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    expires_on = (
        add_months(subject.completed_on, template.validity_months)
        if template.validity_months
        else None
    )
    text = CertificateText(
        language=language,
        holder_name=person.full_name,
        title=subject.title(language),
        competences=subject.competences(),
        completed_on=subject.completed_on,
        issued_on=issued_on,
        expires_on=expires_on,
        short_code=_short_code(),
        verification_url=verification_url(code, language),
        issuer=_issuer_name(template, language),
    )
    pdf, signed = pdf_sign(
        certificate_pdf(template, text), organisation=template.issuer
    )
    certificate = Certificate(
        person=person,
        template=template,
        code=code,
        short_code=text.short_code,
        language=language,
        holder_name=text.holder_name,
        title=text.title,
        issuer=text.issuer,
        completed_on=subject.completed_on,
        issued_at=issued_at,
        expires_on=expires_on,
        issued_by=actor,
        sha256=hashlib.sha256(pdf).hexdigest(),
        signed=signed,
        **{subject.field: subject.record},
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
    *,
    completion: Completion | None = None,
    curriculum_completion: CurriculumCompletion | None = None,
    actor=None,
    template=None,
    channel: str = "task",
) -> Certificate:
    """Issue the certificate of a course's `completion` or of a
    `curriculum_completion` (exactly one), or return the valid one it has.

    `actor` None is the system (the task that follows a completion); a
    coordinator needs `can_issue_certificate`. A recertification (a later
    completion of the same course or curriculum) supersedes the holder's
    earlier certificate of it, which stays in their history.
    """
    if (completion is None) == (curriculum_completion is None):
        raise ValueError("Give either a completion or a curriculum completion.")
    # The completion's row lock serialises concurrent issues of it; the
    # partial unique constraints back it where locks are not enough.
    subject = (
        _course_subject(completion)
        if completion is not None
        else _curriculum_subject(curriculum_completion)
    )
    if actor is not None:
        _deny_unless(can_issue_certificate(actor, subject.person))
    active = {subject.field: subject.record, "status": CertificateStatus.ACTIVE}
    existing = Certificate.objects.filter(**active).first()
    if existing is not None:
        return existing
    template = template or subject.template()
    if template is None:
        raise ValidationError(subject.no_template)
    certificate = _render_and_build(subject=subject, template=template, actor=actor)
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        certificate.pdf.delete(save=False)
        return Certificate.objects.get(**active)
    earlier = Certificate.objects.filter(
        subject.earlier, person=subject.person, status=CertificateStatus.ACTIVE
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
        completion=certificate.completion,
        curriculum_completion=certificate.curriculum_completion,
        actor=actor,
        channel=channel,
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
