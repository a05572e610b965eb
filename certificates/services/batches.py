"""Bulk issue, regeneration and ZIP downloads, run as background tasks.

An issue or a regeneration covers a course's certificates or a curriculum's,
optionally only those of one organisation's people.

One service decides what a batch covers (`certificate_batch_start`, with the
requester's scope) and one runs it (`certificate_batch_run`), for the admin's
task and `manage.py issue_certificates` alike.
"""

import io
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.models import (
    BatchKind,
    BatchStatus,
    Certificate,
    CertificateBatch,
    CertificateStatus,
)
from certificates.permissions import (
    can_issue_certificate,
    certificates_visible_to,
    curricula_for_certificates,
    may_issue_certificates,
)
from certificates.services.issue import certificate_issue, certificate_reissue
from courses.models import Completion
from courses.selectors import course_canonical
from curricula.models import CurriculumCompletion
from people.permissions import people_visible_to
from people.selectors import organisation_subtree_ids, person_for_user

# A selection up to this size is zipped at once; a larger one by the worker.
ZIP_INLINE_MAX = 20


def _people(actor, organisation) -> QuerySet | None:
    people = None if actor is None else people_visible_to(actor)
    if organisation is not None:
        from people.models import Person

        ids = organisation_subtree_ids(root_ids=[organisation.pk])
        in_org = Person.objects.filter(organisation_id__in=ids)
        people = in_org if people is None else people.filter(pk__in=in_org)
    return people


def batch_completions(
    batch: CertificateBatch, actor
) -> QuerySet[Completion] | QuerySet[CurriculumCompletion]:
    """The completions a batch issues certificates for, within the scope: of
    its course, or of its curriculum."""
    if batch.curriculum_id is not None:
        qs = CurriculumCompletion.objects.filter(
            curriculum=batch.curriculum
        ).select_related("person", "curriculum")
    else:
        qs = Completion.objects.filter(
            course=course_canonical(batch.course)
        ).select_related("person", "course")
    people = _people(actor, batch.organisation)
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return qs.order_by("pk")


def batch_certificates(batch: CertificateBatch, actor) -> QuerySet[Certificate]:
    qs = Certificate.objects.all() if actor is None else certificates_visible_to(actor)
    if batch.kind == BatchKind.ZIP:
        return qs.filter(pk__in=batch.certificate_ids).order_by("pk")
    if batch.curriculum_id is not None:
        qs = qs.filter(curriculum_completion__curriculum=batch.curriculum)
    else:
        qs = qs.filter(completion__course=course_canonical(batch.course))
    qs = qs.filter(status=CertificateStatus.ACTIVE)
    people = _people(None, batch.organisation)
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return qs.select_related("person", "completion", "curriculum_completion").order_by(
        "pk"
    )


@transaction.atomic
def certificate_batch_start(
    *,
    actor,
    kind: str,
    course=None,
    curriculum=None,
    organisation=None,
    certificate_ids: list[int] | None = None,
) -> CertificateBatch:
    """Record a batch for `certificate_batch_task` to run (the caller enqueues
    it: services never import tasks). An issue or a regeneration covers one
    course or one curriculum and is for coordinators; the run is limited to
    the requester's scope, and a curriculum must be one they see. A ZIP is a
    download, so whoever may download certificates (managers too) may ask for
    one: it holds only those `certificates_visible_to` them when it is built."""
    if (
        actor is not None
        and kind != BatchKind.ZIP
        and not may_issue_certificates(actor)
    ):
        raise PermissionDenied(_("You may not issue certificates."))
    if kind in (BatchKind.ISSUE, BatchKind.REGENERATE):
        if course is None and curriculum is None:
            raise ValidationError({"course": _("Choose a course or a curriculum.")})
        if course is not None and curriculum is not None:
            raise ValidationError(
                {"curriculum": _("Choose a course or a curriculum, not both.")}
            )
    if (
        curriculum is not None
        and actor is not None
        and not curricula_for_certificates(actor).filter(pk=curriculum.pk).exists()
    ):
        raise PermissionDenied(_("You may not issue certificates."))
    if kind == BatchKind.ZIP and not certificate_ids:
        raise ValidationError(_("Choose at least one certificate."))
    batch = CertificateBatch.objects.create(
        kind=kind,
        course=course_canonical(course) if course is not None else None,
        curriculum=curriculum,
        organisation=organisation,
        certificate_ids=sorted(set(certificate_ids or [])),
        requested_by=actor,
    )
    return batch


def _progress(batch: CertificateBatch, done: int, total: int) -> None:
    CertificateBatch.objects.filter(pk=batch.pk).update(done=done, total=total)


def zip_bytes(certificates) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            with certificate.pdf.open("rb") as handle:
                archive.writestr(certificate.filename, handle.read())
    return buffer.getvalue()


def _notify_ready(batch: CertificateBatch) -> None:
    person = person_for_user(user=batch.requested_by) if batch.requested_by else None
    email = batch.requested_by.email if batch.requested_by else ""
    if not email:
        return
    language = person.language if person is not None else "lv"
    with translation.override(language):
        send_mail(
            _("Your certificates are ready"),
            _("The ZIP file of %(count)d certificates is ready: %(url)s")
            % {
                "count": batch.total,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("certificates_batches:batch", args=[batch.pk]),
            },
            None,
            [email],
        )


def certificate_batch_run(
    *,
    batch: CertificateBatch,
    progress: Callable[[int, int], None] | None = None,
) -> CertificateBatch:
    """Do the batch's work, reporting progress; each certificate is its own
    transaction, so a failure half-way keeps what was issued and says so."""
    actor = batch.requested_by
    CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)

    def report(done, total):
        _progress(batch, done, total)
        if progress is not None:
            progress(done, total)

    try:
        if batch.kind == BatchKind.ISSUE:
            completions = list(
                batch_completions(batch, actor).exclude(
                    certificates__status=CertificateStatus.ACTIVE
                )
            )
            field = (
                "curriculum_completion"
                if batch.curriculum_id is not None
                else "completion"
            )
            report(0, len(completions))
            for done, completion in enumerate(completions, start=1):
                certificate_issue(**{field: completion}, actor=actor, channel="task")
                report(done, len(completions))
        elif batch.kind == BatchKind.REGENERATE:
            certificates = list(batch_certificates(batch, actor))
            report(0, len(certificates))
            for done, certificate in enumerate(certificates, start=1):
                if actor is None or can_issue_certificate(actor, certificate.person):
                    certificate_reissue(
                        actor=actor,
                        certificate=certificate,
                        reason=_("Regenerated in bulk"),
                        channel="task",
                    )
                report(done, len(certificates))
        else:
            certificates = list(batch_certificates(batch, actor))
            report(0, len(certificates))
            batch.archive.save(
                "certificates.zip", ContentFile(zip_bytes(certificates)), save=False
            )
            CertificateBatch.objects.filter(pk=batch.pk).update(
                archive=batch.archive.name
            )
            report(len(certificates), len(certificates))
    except Exception as error:
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.DONE, finished_at=timezone.now()
    )
    batch.refresh_from_db()
    if batch.kind == BatchKind.ZIP:
        _notify_ready(batch)
    return batch
