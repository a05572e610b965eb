import pytest
from django.core import mail
from wagtail.models import Locale

from courses.models import MaterialPage
from support.models import NotificationKind, NotificationSent
from support.selectors import material_current_version
from support.services import acknowledgement_record, material_version_notify
from support.tasks import material_version_notify_task
from tests.support.fixtures import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_speaker(library):
    person = library["partner_person"]
    person.language = "en"
    person.save(update_fields=["language"])
    return person


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_a_new_version_emails_its_audience_in_their_language(
    library, english_speaker, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(library["material"], version="2", change_note="Jauns termiņš")
    messages = _by_recipient()
    assert set(messages) == {library["staff_a"].email, english_speaker.email}
    latvian = messages[library["staff_a"].email]
    assert "Lūdzu" in latvian.body and "Jauns termiņš" in latvian.body
    assert "/materiali/vadlinijas/" in latvian.body
    english = messages[english_speaker.email]
    assert "Please read it" in english.body
    assert english.subject == "Please acknowledge: Guideline, version 2"
    assert latvian.subject == "Lūdzam iepazīties: Vadlīnijas, versija 2"
    # The English page exists, so the English reader gets its address.
    assert "/en/materiali/vadlinijas/" in english.body


def test_never_twice_to_the_same_person_for_the_same_version(
    library, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        material = publish(library["material"], version="2")
    sent = len(mail.outbox)
    assert sent == 2
    version = material_current_version(material)
    # The task again, a correction of the same version, the English page.
    assert material_version_notify_task.call(version.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        material = publish(material, body="<p>Labots.</p>")
        english = MaterialPage.objects.get(
            translation_key=material.translation_key,
            locale=Locale.objects.get(language_code="en"),
        )
        publish(english, version="2")
    assert len(mail.outbox) == sent
    assert (
        NotificationSent.objects.filter(kind=NotificationKind.MATERIAL_VERSION).count()
        == 2
    )


def test_the_next_version_is_announced_again(
    library, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        material = publish(library["material"], version="2")
    with django_capture_on_commit_callbacks(execute=True):
        publish(material, version="3")
    assert len(mail.outbox) == 4


def test_a_version_superseded_before_the_task_ran_is_not_announced(
    library, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        material = publish(library["material"], version="2")
        publish(material, version="3")
    assert len(mail.outbox) == 2
    assert all(
        ", version 3" in message.subject or "versija 3" in message.subject
        for message in mail.outbox
    )


def test_people_who_already_acknowledged_are_not_emailed(library):
    material = library["material"]
    version = material_current_version(material)
    acknowledgement_record(
        person=library["staff_a"],
        material=material,
        version=version,
        actor=library["staff_user"],
    )
    mail.outbox.clear()
    assert material_version_notify(version=version) == 1
    assert [message.to[0] for message in mail.outbox] == [
        library["partner_person"].email
    ]


def test_a_material_not_requiring_acknowledgement_emails_nobody(
    library, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(library["material"], version="2", requires_acknowledgement=False)
    assert mail.outbox == []
