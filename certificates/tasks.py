"""Background work of certificates/: thin, each calls a service."""

from django_tasks import task

from certificates.selectors import (
    certificate_template_for,
    completions_without_certificate,
    curriculum_completions_without_certificate,
)
from certificates.services.issue import certificate_issue
from courses.models import Completion
from curricula.models import CurriculumCompletion


@task()
def certificate_issue_task(completion_id: int) -> int | None:
    """Issue the certificate of a completion (idempotent: a retry or a second
    task for the same completion returns the one already issued)."""
    completion = Completion.objects.filter(pk=completion_id).first()
    # A course with no template (and no default template) gives no certificate.
    if completion is None or certificate_template_for(completion.course) is None:
        return None
    return certificate_issue(completion=completion).pk


@task()
def curriculum_certificate_issue_task(curriculum_completion_id: int) -> int | None:
    """Issue the certificate of a curriculum's completion (idempotent, as
    `certificate_issue_task`)."""
    completion = (
        CurriculumCompletion.objects.filter(pk=curriculum_completion_id)
        .select_related("curriculum")
        .first()
    )
    # A curriculum with no template (and no default template) gives none.
    if (
        completion is None
        or certificate_template_for(curriculum=completion.curriculum) is None
    ):
        return None
    return certificate_issue(curriculum_completion=completion).pk


@task()
def certificates_sweep_task() -> int:
    """Issue every certificate a lost task missed; returns how many."""
    issued = 0
    for completion in completions_without_certificate().select_related("course"):
        if certificate_template_for(completion.course) is None:
            continue
        certificate_issue(completion=completion)
        issued += 1
    for completion in curriculum_completions_without_certificate():
        if certificate_template_for(curriculum=completion.curriculum) is None:
            continue
        certificate_issue(curriculum_completion=completion)
        issued += 1
    return issued


@task()
def certificate_batch_task(batch_id: int) -> int:
    """Run a bulk issue, regeneration or ZIP (progress is on the batch row)."""
    from certificates.models import CertificateBatch
    from certificates.services import certificate_batch_run

    batch = CertificateBatch.objects.get(pk=batch_id)
    return certificate_batch_run(batch=batch).done
