"""Asking, answering, e-mails in the recipient's language, the draft material."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import Page

from courses.models import MaterialPage
from support.models import Consultation, ConsultationAttachment, ConsultationOutcome
from support.services import (
    consultation_answer,
    consultation_ask,
    consultation_material_create,
    text_anonymise,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="izziņa.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def ask(desk, **kwargs):
    fields = {
        "asker": desk["asker_partner"],
        "topic": desk["topic_service"],
        "service": desk["service_a"],
        "question": "Kā pārbaudīt pieteikuma pielikumus?",
    }
    fields.update(kwargs)
    return consultation_ask(**fields)


def test_a_question_is_stored_routed_and_mailed_to_the_manager_in_english(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consultation = ask(desk, attachments=[pdf()])
    assert consultation.routed_to == desk["service_manager_a"]
    assert consultation.institution == desk["inst_a"]
    assert consultation.asked_at and not consultation.is_answered
    attachment = consultation.attachments.get()
    assert attachment.name == "izziņa.pdf" and attachment.size == len(PDF)
    # Stored under a random name in the private storage, not under MEDIA_ROOT.
    assert "izzi" not in attachment.file.name
    assert attachment.file.storage.location.endswith("consultations")
    [message] = mail.outbox
    assert message.to == [desk["service_manager_a"].email]
    # The service manager reads English; the asker wrote in Latvian.
    assert message.subject.startswith("New question:")
    assert "Answer it in the administration site" in message.body
    assert f"/admin/snippets/support/consultation/edit/{consultation.pk}/" in (
        message.body
    )


def test_a_manager_who_reads_latvian_gets_the_latvian_letter(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(desk, asker=desk["asker_b"], service=desk["service_b"])
    [message] = mail.outbox
    assert message.to == [desk["portfolio_b"].email]
    assert message.subject.startswith("Jauns jautājums:")
    assert "Atbildiet administrēšanas vietnē" in message.body


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"question": "   \n "}, "question"),
        (
            {"attachments": [pdf("vīruss.pdf", b"MZ\x90\x00" + b"\x00" * 64)]},
            "attachments",
        ),
        ({"attachments": [pdf("teksts.pdf", b"tikai teksts")]}, "attachments"),
        ({"attachments": [pdf(f"{i}.pdf") for i in range(4)]}, "attachments"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    desk, english, kwargs, field, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        ask(desk, **kwargs)
    assert field in error.value.message_dict
    assert not Consultation.objects.exists()
    assert not ConsultationAttachment.objects.exists()
    assert not mail.outbox


@override_settings(CONSULTATION_ATTACHMENT_MAX_BYTES=100)
def test_a_too_large_attachment_is_refused_with_its_name(desk, english):
    with pytest.raises(ValidationError) as error:
        ask(desk, attachments=[pdf("liels.pdf", PDF + b"0" * 200)])
    [message] = error.value.message_dict["attachments"]
    assert message.startswith("liels.pdf:") and "larger than" in message
    assert not Consultation.objects.exists()


def _user(person):
    return person.user


def test_the_manager_answers_once_and_the_asker_is_mailed_in_their_language(
    desk, django_capture_on_commit_callbacks
):
    consultation = ask(desk)
    with django_capture_on_commit_callbacks(execute=True):
        answered = consultation_answer(
            consultation=consultation,
            actor=_user(desk["service_manager_a"]),
            answer="Pārbaudiet katru pielikumu pēc saraksta.",
            outcome=ConsultationOutcome.ANSWERED,
        )
    assert answered.is_answered and answered.answered_at >= answered.asked_at
    assert answered.answered_by == _user(desk["service_manager_a"])
    [message] = mail.outbox
    # The partner's employee reads English.
    assert message.to == [desk["asker_partner"].email]
    assert message.subject.startswith("Answer to your question:")
    assert "Pārbaudiet katru pielikumu" in message.body
    assert f"/en/support/consultations/{consultation.pk}/" in message.body
    with pytest.raises(ValidationError) as error:
        consultation_answer(
            consultation=consultation,
            actor=_user(desk["service_manager_a"]),
            answer="Vēlreiz",
            outcome=ConsultationOutcome.ANSWERED,
        )
    assert "answer" in error.value.message_dict
    consultation.refresh_from_db()
    assert consultation.answer.startswith("Pārbaudiet")


def test_a_latvian_asker_gets_the_latvian_answer_letter(
    desk, django_capture_on_commit_callbacks
):
    consultation = ask(desk, asker=desk["asker_a"])
    with django_capture_on_commit_callbacks(execute=True):
        consultation_answer(
            consultation=consultation,
            actor=_user(desk["service_manager_a"]),
            answer="Jā.",
            outcome=ConsultationOutcome.REFERRED,
        )
    [message] = mail.outbox
    assert message.subject.startswith("Atbilde uz jūsu jautājumu:")
    assert "Iznākums:" in message.body and "Outcome" not in message.body
    assert "/en/" not in message.body


def test_an_empty_answer_or_no_outcome_is_refused(desk, english):
    consultation = ask(desk)
    with pytest.raises(ValidationError) as error:
        consultation_answer(
            consultation=consultation,
            actor=_user(desk["service_manager_a"]),
            answer="  ",
            outcome="",
        )
    assert set(error.value.message_dict) == {"answer", "outcome"}
    consultation.refresh_from_db()
    assert not consultation.is_answered


@pytest.mark.parametrize(
    "who", ["portfolio_b", "resource_manager_a", "asker_partner", "coordinator_b"]
)
def test_only_the_routed_manager_or_a_coordinator_may_answer(desk, who):
    consultation = ask(desk)
    with pytest.raises(PermissionDenied):
        consultation_answer(
            consultation=consultation,
            actor=_user(desk[who]),
            answer="Nē.",
            outcome=ConsultationOutcome.ANSWERED,
        )
    consultation.refresh_from_db()
    assert not consultation.is_answered


def test_the_institutions_coordinator_may_answer(desk):
    consultation = ask(desk)
    consultation_answer(
        consultation=consultation,
        actor=desk["coordinator_a"],
        answer="Atbild koordinatore.",
        outcome=ConsultationOutcome.ANSWERED,
    )
    consultation.refresh_from_db()
    assert consultation.is_answered


def test_text_anonymise_leaves_out_names_and_contacts(desk):
    people = [desk["asker_partner"], desk["service_manager_a"]]
    text = (
        "Esmu Pēteris Zīle, tālr. +371 2612 3456, pēteris.zile@uznemums.lv, "
        "p.k. 010190-12345. Inese Balode teica, ka ZĪLE var pieteikties."
    )
    cleaned = text_anonymise(text, people)
    for detail in ("Pēteris", "Zīle", "ZĪLE", "2612", "uznemums", "12345", "Inese"):
        assert detail not in cleaned
    assert "teica, ka [… ] var".replace(" ]", "]") in cleaned


def test_an_answered_consultation_becomes_one_draft_material(desk, site_pages):
    consultation = ask(
        desk,
        question="Pēteris Zīle jautā: kā pārbaudīt pielikumus? Rakstiet "
        "peteris@uznemums.lv",
    )
    manager = _user(desk["service_manager_a"])
    with pytest.raises(ValidationError):
        consultation_material_create(consultation=consultation, actor=manager)
    consultation_answer(
        consultation=consultation,
        actor=manager,
        answer="Pēteri, skatiet sarakstu. Inese Balode",
        outcome=ConsultationOutcome.ANSWERED,
    )
    page = consultation_material_create(consultation=consultation, actor=manager)
    assert isinstance(page, MaterialPage)
    assert not page.live and page.get_latest_revision() is not None
    assert page.get_parent().specific_class.__name__ == "MaterialIndexPage"
    assert page.locale.language_code == "lv"
    assert list(page.topics.all()) == [desk["topic_service"]]
    assert list(page.services.all()) == [desk["service_a"]]
    text = page.title + page.summary + page.body
    for detail in ("Zīle", "Pēteris", "uznemums", "Inese", "Balode"):
        assert detail not in text
    assert "kā pārbaudīt pielikumus" in text and "skatiet sarakstu" in text
    # One action, one draft.
    again = consultation_material_create(consultation=consultation, actor=manager)
    assert again.pk == page.pk
    assert MaterialPage.objects.filter(live=False).count() == 1
    consultation.refresh_from_db()
    assert consultation.material_id == page.pk


def test_another_institutions_manager_cannot_make_the_draft(desk, site_pages):
    consultation = ask(desk)
    consultation_answer(
        consultation=consultation,
        actor=_user(desk["service_manager_a"]),
        answer="Jā.",
        outcome=ConsultationOutcome.ANSWERED,
    )
    pages = Page.objects.count()
    with pytest.raises(PermissionDenied):
        consultation_material_create(
            consultation=consultation, actor=_user(desk["portfolio_b"])
        )
    assert Page.objects.count() == pages
