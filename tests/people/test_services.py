import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from people.models import Invitation
from people.permissions import LEARNER
from people.selectors import invitation_for_token
from people.services import (
    AccountExists,
    account_create,
    invitation_accept,
    invitation_send,
    organisation_upsert,
    person_upsert,
)
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _token_from_mail(message) -> str:
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    return link.rstrip("/").rsplit("/", 1)[-1]


def test_invitation_mails_a_one_time_link_in_the_persons_language(
    django_capture_on_commit_callbacks,
):
    person = PersonFactory(language="en", first_name="Laura")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert "Hello Laura" in message.body
    token = _token_from_mail(message)
    # Only the hash is stored.
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation_for_token(token=token).person == person


def test_accepting_creates_a_learner_account_once(django_capture_on_commit_callbacks):
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person)
    token = _token_from_mail(mail.outbox[0])

    user = invitation_accept(token=token, password="Ziemas-saule-2026")

    person.refresh_from_db()
    assert person.user == user
    assert user.check_password("Ziemas-saule-2026")
    assert list(user.groups.values_list("name", flat=True)) == ["Learner"]
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password="Cits-parole-2026")


def test_expired_invitation_is_refused(django_capture_on_commit_callbacks):
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(person=person)
    token = _token_from_mail(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert invitation_for_token(token=token) is None
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password="Ziemas-saule-2026")
    person.refresh_from_db()
    assert person.user is None


def test_a_new_invitation_voids_the_older_link(django_capture_on_commit_callbacks):
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person)
        invitation_send(person=person)
    first, second = (_token_from_mail(m) for m in mail.outbox)
    assert invitation_for_token(token=first) is None
    assert invitation_for_token(token=second) is not None


def test_person_with_an_account_is_not_invited():
    person = PersonFactory(user=UserFactory())
    with pytest.raises(ValidationError):
        invitation_send(person=person)


def test_rolled_back_invitation_sends_no_mail(django_capture_on_commit_callbacks):
    person = PersonFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitation_send(person=person)
        raise RuntimeError
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_upserts_are_idempotent():
    org = organisation_upsert(code="90000000099", name_lv="Aģentūra", kind="ngo")
    again = organisation_upsert(code="90000000099", name_lv="Aģentūra", kind="ngo")
    assert org.pk == again.pk
    person = person_upsert(
        email="Ieva@Example.lv", first_name="Ieva", last_name="Ozola", organisation=org
    )
    same = person_upsert(
        email="ieva@example.lv", first_name="Ieva", last_name="Ozola", organisation=org
    )
    assert person.pk == same.pk
    assert same.email == "ieva@example.lv"


@pytest.mark.parametrize("user_email", ["maris@example.lv", "Maris@Example.LV"])
def test_account_create_never_attaches_an_existing_account(user_email):
    user = UserFactory(email=user_email, is_superuser=True, is_staff=True)
    person = PersonFactory(email=user_email.lower())
    with pytest.raises(AccountExists):
        account_create(person=person, password="Ziemas-saule-2026", groups=[LEARNER])
    person.refresh_from_db()
    assert person.user_id is None
    assert not user.groups.exists()
    assert get_user_model().objects.count() == 1


def test_account_create_keeps_a_persons_own_account():
    person = PersonFactory(user=UserFactory(email="ieva@example.lv"))
    user = account_create(person=person, password=None, groups=["Manager"])
    assert user == person.user
    assert user.groups.filter(name="Manager").exists()
