"""Invitations are bound to a person and an e-mail, and never open an existing
account (issue 6, section 1)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from people.models import Invitation, Person
from people.permissions import COORDINATOR
from people.selectors import invitation_for_token
from people.services import (
    INVITATION_REFUSED,
    AccountExists,
    invitation_accept,
    invitation_send,
    invitation_void_for_person,
    person_save,
)
from people.tasks import invitations_send
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Ziemas-saule-2026"


def _token(message) -> str:
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    return link.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def coordinator(make_member):
    return make_member(OrganisationFactory(name_lv="Iestāde Ā"), [COORDINATOR])


@pytest.fixture
def invited(coordinator, django_capture_on_commit_callbacks):
    """A person invited by a coordinator, and the token of their link."""
    # Of the coordinator's own institution: she may change this person.
    person = PersonFactory(
        email="liga.ozola@example.lv",
        first_name="Līga",
        last_name="Ozoliņa",
        organisation=coordinator.person.organisation,
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(person=person, invited_by=coordinator)
    token = _token(mail.outbox[-1])
    mail.outbox.clear()
    return person, invitation, token


def test_invitation_records_the_email_it_was_sent_to(invited):
    person, invitation, _token_value = invited
    assert invitation.email == "liga.ozola@example.lv"
    assert invitation.email == person.email


def test_changing_the_email_voids_open_invitations(invited, coordinator):
    person, invitation, token = invited
    person.email = "liga.cita@example.lv"
    person_save(person=person, actor=coordinator)
    assert invitation_for_token(token=token) is None
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=PASSWORD)
    person.refresh_from_db()
    assert person.user_id is None


def test_other_edits_and_letter_case_keep_the_invitation(invited, coordinator):
    person, _invitation, token = invited
    person.job_title = "Vadītāja"
    person.email = "LIGA.Ozola@example.lv"
    person_save(person=person, actor=coordinator)
    assert invitation_for_token(token=token) is not None


def test_an_email_changed_behind_the_services_back_still_kills_the_link(invited):
    # An importer or a shell that forgets invitation_void_for_person: the
    # accept step compares e-mails itself.
    person, _invitation, token = invited
    Person.objects.filter(pk=person.pk).update(email="cits@example.lv")
    assert invitation_for_token(token=token) is None
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=PASSWORD)
    assert not get_user_model().objects.filter(email="cits@example.lv").exists()


def test_void_for_person_counts_only_open_invitations(invited):
    person, invitation, _token_value = invited
    accepted = Invitation.objects.create(
        person=person,
        email=person.email,
        token_hash="x" * 64,
        expires_at=invitation.expires_at,
        accepted_at=invitation.created_at,
    )
    assert invitation_void_for_person(person=person) == 1
    assert invitation_void_for_person(person=person) == 0
    accepted.refresh_from_db()
    assert accepted.expires_at == invitation.expires_at


def test_accept_is_refused_when_an_account_took_the_email_meanwhile(
    invited, coordinator, django_capture_on_commit_callbacks
):
    person, _invitation, token = invited
    # e.g. an administrator created an account by hand after the invitation.
    existing = UserFactory(
        email="LIGA.Ozola@Example.LV", is_superuser=True, is_staff=True
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(AccountExists),
    ):
        invitation_accept(token=token, password=PASSWORD)

    person.refresh_from_db()
    existing.refresh_from_db()
    assert person.user_id is None
    assert not existing.groups.exists()
    assert not existing.check_password(PASSWORD)
    assert get_user_model().objects.filter(email__iexact=person.email).count() == 1
    # The link is dead, so the refusal is told once.
    assert invitation_for_token(token=token) is None
    entry = ModelLogEntry.objects.get(action=INVITATION_REFUSED)
    assert entry.object_id == str(person.pk)
    assert entry.user == coordinator
    assert entry.data["email"] == person.email
    # The inviting coordinator is told, in Latvian (their language).
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    body = mail.outbox[0].body
    assert person.email in body
    assert f"/admin/snippets/people/person/edit/{person.pk}/" in body
    assert "Uzaicinājums atteikts" in mail.outbox[0].subject


def test_administrators_are_alerted_too(
    invited, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Drošība", "drosiba@example.lv")]
    _person, _invitation, token = invited
    UserFactory(email="liga.ozola@example.lv")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(AccountExists),
    ):
        invitation_accept(token=token, password=PASSWORD)
    assert ["drosiba@example.lv"] in [m.to for m in mail.outbox]


def test_a_person_whose_email_has_an_account_is_not_invited():
    UserFactory(email="Janis@Example.lv")
    person = PersonFactory(email="janis@example.lv")
    with pytest.raises(ValidationError) as raised:
        invitation_send(person=person)
    assert raised.value.code == "account_exists"
    assert not Invitation.objects.exists()


def test_bulk_invitations_skip_emails_with_accounts(
    coordinator, django_capture_on_commit_callbacks
):
    taken = PersonFactory(email="aiznemts@example.lv", first_name="Aiga")
    UserFactory(email="AIZNEMTS@example.lv")
    free = PersonFactory(email="brivs@example.lv")
    with django_capture_on_commit_callbacks(execute=True):
        result = invitations_send.enqueue(
            person_ids=[taken.pk, free.pk], invited_by_id=coordinator.pk
        )
    assert result.return_value == 1
    assert [m.to for m in mail.outbox] == [["brivs@example.lv"]]
    assert not Invitation.objects.filter(person=taken).exists()
