"""Coordinators' certificate actions: revoke, re-issue, bulk issue, ZIP, command."""

import io
import re
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from certificates.models import (
    BatchKind,
    Certificate,
    CertificateBatch,
    CertificateStatus,
)
from certificates.services import certificate_issue
from courses.services import completion_record, enrolment_create


@pytest.fixture
def certificate(certificate_template, completion):
    return certificate_issue(completion=completion)


def test_coordinator_revokes_with_a_reason(client, certificate, two_institutions):
    client.force_login(two_institutions["coordinator_a"])
    url = reverse("certificates_actions:revoke", args=[certificate.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    response = client.post(url, {"reason": "Dokuments izsniegts kļūdaini"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


def test_other_institution_cannot_revoke_or_reissue(
    client, certificate, two_institutions
):
    client.force_login(two_institutions["manager_b"])
    for name in ("certificates_actions:revoke", "certificates_actions:reissue"):
        response = client.post(reverse(name, args=[certificate.pk]), {"reason": "x"})
        assert response.status_code in (403, 404)
    # A manager of the holder's institution sees it but may not revoke either.
    client.force_login(two_institutions["manager_a"])
    response = client.post(
        reverse("certificates_actions:revoke", args=[certificate.pk]), {"reason": "x"}
    )
    # Wagtail answers a refusal in the admin with its home page and a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE


def test_reissue_from_the_admin(client, certificate, two_institutions):
    client.force_login(two_institutions["coordinator_a"])
    response = client.post(
        reverse("certificates_actions:reissue", args=[certificate.pk]),
        {"reason": "Uzvārda labojums"},
    )
    assert response.status_code == 302
    assert Certificate.objects.filter(status=CertificateStatus.ACTIVE).count() == 1
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED


def test_bulk_issue_for_a_course_in_scope(
    client,
    certificate_template,
    site_pages,
    holder,
    two_institutions,
    django_capture_on_commit_callbacks,
):
    in_scope = two_institutions["partner_person"]
    out_of_scope = two_institutions["staff_b"]
    for person in (holder, in_scope, out_of_scope):
        enrolment = enrolment_create(
            actor=None, person=person, course=site_pages["course"]
        )
        completion_record(enrolment=enrolment)
    client.force_login(two_institutions["coordinator_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates_bulk"),
            {"kind": "issue", "course": site_pages["course"].pk, "organisation": ""},
        )
    assert response.status_code == 302
    batch = CertificateBatch.objects.get()
    assert batch.status == "done" and batch.total == 2 and batch.done == 2
    holders = set(Certificate.objects.values_list("person_id", flat=True))
    assert holders == {holder.pk, in_scope.pk}
    page = client.get(reverse("certificates_batches:batch", args=[batch.pk]))
    assert page.status_code == 200 and b"<progress" in page.content
    # Another coordinator's batch is not theirs to see.
    client.force_login(two_institutions["manager_b"])
    assert client.get(
        reverse("certificates_batches:batch", args=[batch.pk])
    ).status_code in (
        403,
        404,
    )


def test_zip_bulk_action_small_selection(client, certificate, two_institutions):
    client.force_login(two_institutions["coordinator_a"])
    url = reverse(
        "wagtail_bulk_action",
        args=["certificates", "certificate", "certificates_zip"],
    )
    response = client.post(f"{url}?id={certificate.pk}", {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 1 and names[0].endswith(f"{certificate.short_code}.pdf")


def test_zip_large_selection_is_built_by_the_worker_and_mailed(
    client,
    certificate,
    two_institutions,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from certificates import bulk_actions

    monkeypatch.setattr(bulk_actions, "ZIP_INLINE_MAX", 0)
    client.force_login(two_institutions["coordinator_a"])
    url = reverse(
        "wagtail_bulk_action",
        args=["certificates", "certificate", "certificates_zip"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?id={certificate.pk}", {})
    assert response.status_code == 302
    batch = CertificateBatch.objects.get()
    assert batch.archive
    assert len(mail.outbox) == 1
    download = client.get(reverse("certificates_batches:download", args=[batch.pk]))
    assert download.status_code == 200
    client.force_login(two_institutions["manager_b"])
    assert (
        client.get(
            reverse("certificates_batches:download", args=[batch.pk])
        ).status_code
        == 404
    )


def test_issue_certificates_command(certificate_template, site_pages, holder):
    enrolment = enrolment_create(actor=None, person=holder, course=site_pages["course"])
    completion_record(enrolment=enrolment)
    out = io.StringIO()
    call_command(
        "issue_certificates", "--course", "itil-pam", "--no-progress", stdout=out
    )
    assert Certificate.objects.filter(person=holder).count() == 1
    assert "1" in out.getvalue()
    call_command(
        "issue_certificates", "--course", "ITIL-PAM", "--no-progress", stdout=out
    )
    assert Certificate.objects.filter(person=holder).count() == 1


def test_template_live_preview_is_a_pdf(client, certificate_template, make_member):
    from people.permissions import CONTENT_EDITOR
    from tests.factories import OrganisationFactory

    editor = make_member(OrganisationFactory(), [CONTENT_EDITOR])
    client.force_login(editor)
    edit = reverse(
        "wagtailsnippets_certificates_certificatetemplate:edit",
        args=[certificate_template.pk],
    )
    page = client.get(edit)
    assert page.status_code == 200
    assert b"preview" in page.content.lower()
    from django.test import RequestFactory

    request = RequestFactory().get("/?language=en")
    request.user = editor
    response = certificate_template.serve_preview(request, "")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def _template_form_data(template, **changes) -> dict:
    from django.forms.models import model_to_dict

    data = {
        name: "" if value is None else value
        for name, value in model_to_dict(template).items()
    }
    data.pop("id", None)
    # A checkbox: sent only when ticked.
    if data.pop("is_default"):
        data["is_default"] = "on"
    return {**data, **changes}


def test_template_form_and_preview_refuse_a_formatted_placeholder(
    client, certificate_template, make_member
):
    from people.permissions import CONTENT_EDITOR
    from tests.factories import OrganisationFactory

    client.force_login(make_member(OrganisationFactory(), [CONTENT_EDITOR]))
    args = [certificate_template.pk]
    edit = reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=args)
    preview = reverse(
        "wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=args
    )
    data = _template_form_data(certificate_template, body_en="{person:>999999999}")
    assert client.post(preview, data).json()["is_valid"] is False
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "{person}" in response.content.decode()
    certificate_template.refresh_from_db()
    assert "999999999" not in certificate_template.body_en
    # The same form with the placeholder alone saves, so the refusal above is
    # the placeholder's and not the form's.
    plain = _template_form_data(certificate_template, body_en="{person}")
    assert client.post(edit, plain).status_code == 302
    certificate_template.refresh_from_db()
    assert certificate_template.body_en == "{person}"


def test_manager_gets_a_large_selection_zipped_with_only_their_scope(
    client,
    certificate,
    two_institutions,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    # Managers may download certificates, so a selection too large to zip at
    # once is theirs as well (it was refused as "may not issue").
    from certificates import bulk_actions
    from certificates.services import certificate_batch_run, certificate_batch_start

    monkeypatch.setattr(bulk_actions, "ZIP_INLINE_MAX", 0)
    client.force_login(two_institutions["manager_a"])
    url = reverse(
        "wagtail_bulk_action",
        args=["certificates", "certificate", "certificates_zip"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?id={certificate.pk}", {})
    batch = CertificateBatch.objects.get()
    assert response["Location"] == reverse(
        "certificates_batches:batch", args=[batch.pk]
    )
    download = client.get(reverse("certificates_batches:download", args=[batch.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len(names) == 1 and names[0].endswith(f"{certificate.short_code}.pdf")
    # Another institution's manager naming that id gets an empty ZIP.
    other = certificate_batch_run(
        batch=certificate_batch_start(
            actor=two_institutions["manager_b"],
            kind=BatchKind.ZIP,
            certificate_ids=[certificate.pk],
        )
    )
    with other.archive.open("rb") as handle:
        assert zipfile.ZipFile(io.BytesIO(handle.read())).namelist() == []


def test_zip_names_keep_latvian_letters_and_are_never_paths(
    site_pages, certificate_template, latvian_holder
):
    import copy

    from certificates.services import zip_bytes

    enrolment = enrolment_create(
        actor=None, person=latvian_holder, course=site_pages["course"]
    )
    certificate = certificate_issue(completion=completion_record(enrolment=enrolment))
    tricky = []
    for name in ("../../etc/passwd", "/root/.ssh\\x", "..", "Anna Bērziņa-Ozoliņa"):
        copied = copy.copy(certificate)
        copied.holder_name, copied.short_code = name, f"CODE-{len(tricky)}"
        tricky.append(copied)
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes([certificate, *tricky])))
    # Marked as UTF-8 (general purpose flag bit 11), so unzip tools keep ā, ģ.
    assert archive.infolist()[0].flag_bits & 0x800
    names = archive.namelist()
    assert names == [
        f"Ģirts-Ābeļkalns-Čakste-{certificate.short_code}.pdf",
        "etc-passwd-CODE-0.pdf",
        "root-ssh-x-CODE-1.pdf",
        "CODE-2.pdf",
        "Anna-Bērziņa-Ozoliņa-CODE-3.pdf",
    ]


@pytest.mark.parametrize(
    "field, value",
    [
        ("primary_colour", "red;background:url(file:///etc/passwd)"),
        ("accent_colour", '#000"><img src=x>'),
        ("accent_colour", "#12345g"),
        # Within max_length: only the #RRGGBB rule refuses it.
        ("primary_colour", "red;x:1"),
        ("orientation", 'landscape" style="x'),
    ],
)
def test_template_form_refuses_css_or_markup_in_appearance(
    client, certificate_template, make_member, field, value
):
    # The colours go into style attributes and the orientation into a class:
    # the admin form (and so its live preview) is their only write path.
    from people.permissions import CONTENT_EDITOR
    from tests.factories import OrganisationFactory

    client.force_login(make_member(OrganisationFactory(), [CONTENT_EDITOR]))
    args = [certificate_template.pk]
    edit = reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=args)
    preview = reverse(
        "wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=args
    )
    data = _template_form_data(certificate_template, **{field: value})
    assert client.post(preview, data).json()["is_valid"] is False
    assert client.post(edit, data).status_code == 200
    certificate_template.refresh_from_db()
    assert getattr(certificate_template, field) != value


def test_template_listing_shows_the_default_as_a_tick(
    client, certificate_template, make_member
):
    from people.permissions import CONTENT_EDITOR
    from tests.factories import OrganisationFactory

    client.force_login(make_member(OrganisationFactory(), [CONTENT_EDITOR]))
    html = client.get(
        reverse("wagtailsnippets_certificates_certificatetemplate:list"),
        HTTP_ACCEPT_LANGUAGE="lv",
    ).content.decode()
    assert "Noklusējuma veidne" in html
    # Never the English words of a Python boolean on a Latvian screen.
    assert not re.search(r">\s*(True|False)\s*<", html)
    assert re.search(r'<span class="w-sr-only">\s*Jā\s*</span>', html)


def test_template_preview_offers_both_languages(certificate_template, make_member):
    from django.test import RequestFactory
    from django.utils import translation
    from pypdf import PdfReader

    from people.permissions import CONTENT_EDITOR
    from tests.factories import OrganisationFactory

    assert [mode for mode, _label in certificate_template.preview_modes] == [
        "lv",
        "en",
    ]
    request = RequestFactory().get("/")
    request.user = make_member(OrganisationFactory(), [CONTENT_EDITOR])
    with translation.override("lv"):
        assert certificate_template.default_preview_mode == "lv"
        english = certificate_template.serve_preview(request, "en")
    text = PdfReader(io.BytesIO(english.content)).pages[0].extract_text()
    # The sample course's title too, not only the template's own words.
    assert "Certificate" in text and "Service management basics" in text
    assert "Apliecība" not in text
