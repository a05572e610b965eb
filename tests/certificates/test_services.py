"""Issuing, revoking and re-issuing certificates: exactly once, never lost."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from certificates.models import Certificate, CertificateStatus, CertificateTemplate
from certificates.rendering import RenderTimeout
from certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from certificates.tasks import certificate_issue_task, certificates_sweep_task
from courses.services import completion_record, enrolment_create, enrolment_renew
from tests.concurrency import run_together


def test_issue_is_idempotent(certificate_template, completion):
    first = certificate_issue(completion=completion)
    again = certificate_issue(completion=completion)
    assert first.pk == again.pk
    assert Certificate.objects.count() == 1
    assert first.status == CertificateStatus.ACTIVE
    assert len(first.code) >= 22 and len(first.short_code) == 12
    assert first.expires_on is not None
    assert first.pdf.read(5) == b"%PDF-"


def test_completion_issues_the_certificate_through_the_task(
    certificate_template, site_pages, holder, django_capture_on_commit_callbacks
):
    enrolment = enrolment_create(actor=None, person=holder, course=site_pages["course"])
    with django_capture_on_commit_callbacks(execute=True):
        completion = completion_record(enrolment=enrolment)
    assert Certificate.objects.filter(completion=completion).count() == 1
    # A retried task changes nothing.
    certificate_issue_task.call(completion.pk)
    assert Certificate.objects.filter(completion=completion).count() == 1


def test_no_template_no_certificate_and_no_failure(completion):
    assert certificate_issue_task.call(completion.pk) is None
    with pytest.raises(ValidationError):
        certificate_issue(completion=completion)
    assert not Certificate.objects.exists()


def test_sweep_issues_what_a_lost_task_missed(certificate_template, completion):
    assert not Certificate.objects.exists()
    assert certificates_sweep_task.call() == 1
    assert certificates_sweep_task.call() == 0
    assert Certificate.objects.count() == 1


def test_recertification_supersedes_the_earlier_certificate(
    certificate_template, completion
):
    old = certificate_issue(completion=completion)
    renewed = enrolment_renew(actor=None, enrolment=completion.enrolment)
    new = certificate_issue(completion=completion_record(enrolment=renewed))
    old.refresh_from_db()
    assert old.status == CertificateStatus.SUPERSEDED and old.superseded_by == new
    assert new.status == CertificateStatus.ACTIVE


def test_revoke_needs_a_coordinator_in_scope_and_a_reason(
    certificate_template, completion, two_institutions
):
    certificate = certificate_issue(completion=completion)
    with pytest.raises(PermissionDenied):
        certificate_revoke(
            actor=two_institutions["manager_b"], certificate=certificate, reason="x"
        )
    with pytest.raises(ValidationError):
        certificate_revoke(
            actor=two_institutions["coordinator_a"], certificate=certificate, reason=" "
        )
    certificate_revoke(
        actor=two_institutions["coordinator_a"],
        certificate=certificate,
        reason="Kļūdaini izsniegta",
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.status_reason == "Kļūdaini izsniegta"


def test_reissue_replaces_and_keeps_the_old_one(
    certificate_template, completion, two_institutions
):
    certificate = certificate_issue(completion=completion)
    new = certificate_reissue(
        actor=two_institutions["coordinator_a"],
        certificate=certificate,
        reason="Vārda labojums",
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED
    assert certificate.superseded_by == new and new.code != certificate.code
    assert Certificate.objects.filter(status=CertificateStatus.ACTIVE).count() == 1


def test_failed_render_leaves_no_row(certificate_template, completion, settings):
    settings.CERTIFICATE_RENDER_SECONDS = 0.000001
    with pytest.raises(RenderTimeout):
        certificate_issue(completion=completion)
    assert not Certificate.objects.exists()


def test_unknown_placeholder_is_refused_by_name(certificate_template):
    certificate_template.body_lv = "{person} pabeidza {kurss}"
    with pytest.raises(ValidationError) as refused:
        certificate_template.full_clean()
    assert "{kurss}" in str(refused.value.message_dict["body_lv"])


@pytest.mark.parametrize(
    "text",
    [
        # A width alone: a gigabyte string at render time, in C.
        "{person:>999999999}",
        "{person!r}",
        "{course!s:^40}",
        "{person:{course}}",
    ],
)
def test_placeholder_with_a_format_or_conversion_is_refused_by_name(
    certificate_template, text
):
    certificate_template.title_en = f"Certificate of {text}"
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        certificate_template.full_clean()
    message = " ".join(refused.value.message_dict["title_en"])
    name = text[1 : text.index("!" if "!" in text else ":")]
    assert f"{{{name}}}" in message and "without a format" in message
    # The escaped braces of literal text and plain placeholders stay allowed.
    certificate_template.title_en = "{{person:>9}} {person} {course}"
    certificate_template.full_clean()


def test_one_default_template(certificate_template, two_institutions):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateTemplate.objects.create(
            name="Otra",
            is_default=True,
            issuer=two_institutions["inst_a"],
            title_lv="A",
            title_en="A",
            body_lv="x",
            body_en="x",
            signatory_name="X",
            signatory_title_lv="X",
            signatory_title_en="X",
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks need PostgreSQL; SQLite serialises writers anyway.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issue_gives_one_certificate(completion, certificate_template):
    # Completed (autocommit) before there was a template: the task issued
    # nothing, so the two threads below really race for the first certificate.
    assert not Certificate.objects.exists()
    results, errors = run_together(lambda: certificate_issue(completion=completion).pk)
    assert not errors
    assert len(set(results)) == 1
    assert Certificate.objects.filter(completion=completion).count() == 1


def test_an_english_certificate_names_the_issuer_in_english(
    certificate_template, completion, two_institutions
):
    from django.utils import translation
    from pypdf import PdfReader

    issuer = two_institutions["inst_a"]
    issuer.name_en = "Institution A"
    issuer.save()
    completion.person.language = "en"
    completion.person.save()
    # Issued from a Latvian request (or a task in the default language).
    with translation.override("lv"):
        certificate = certificate_issue(completion=completion)
    assert certificate.language == "en"
    assert certificate.issuer == "Institution A"
    text = PdfReader(certificate.pdf.open("rb")).pages[0].extract_text()
    assert "INSTITUTION A" in text.upper() and "IESTĀDE A" not in text.upper()
