"""Issue 6, section 1: a coordinator must not obtain another account through an
invitation. The attack is replayed end to end through the admin as the issue
describes it: add a person, invite them with the bulk Invite action, change
their e-mail to the superuser's, open the link and set a password.
"""

import pytest
from django.core import mail
from django.urls import reverse

from people.models import Invitation, Person
from people.permissions import LEARNER
from people.services import invitation_send
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SUPERUSER_EMAIL = "admin@example.lv"
ATTACKER_PASSWORD = "Uzbrucēja-parole-2026"


def _person_form(person_email: str, organisation) -> dict:
    return {
        "first_name": "Žanis",
        "last_name": "Ķēniņš",
        "email": person_email,
        "organisation": organisation.pk,
        "job_title": "",
        "language": "lv",
    }


def _link_path(message) -> str:
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def superuser(db):
    return UserFactory(
        email=SUPERUSER_EMAIL, is_staff=True, is_superuser=True, password="Admin-2026"
    )


def _invite_then_retarget(client, t, django_capture_on_commit_callbacks, new_email):
    """Steps 1-3 of the attack as institution A's coordinator; returns the link."""
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_person:add"),
        _person_form("zanis.kenins@example.lv", t["inst_a"]),
    )
    assert response.status_code == 302
    person = Person.objects.get(email="zanis.kenins@example.lv")

    invite_url = (
        reverse("wagtail_bulk_action", args=["people", "person", "invite"])
        + f"?id={person.pk}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(invite_url).status_code == 302
    assert [m.to for m in mail.outbox] == [["zanis.kenins@example.lv"]]
    link = _link_path(mail.outbox[0])

    response = client.post(
        reverse("wagtailsnippets_people_person:edit", args=[person.pk]),
        _person_form(new_email, t["inst_a"]),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == new_email.strip().lower()
    client.logout()
    return person, link


@pytest.mark.parametrize(
    "new_email", [SUPERUSER_EMAIL, "Admin@Example.LV", "  ADMIN@example.lv "]
)
def test_retargeted_invitation_cannot_take_over_the_superuser(
    client, two_institutions, superuser, django_capture_on_commit_callbacks, new_email
):
    t = two_institutions
    groups_before = set(superuser.groups.values_list("name", flat=True))
    person, link = _invite_then_retarget(
        client, t, django_capture_on_commit_callbacks, new_email
    )

    # Step 4: open the link and set a password.
    client.get(link)
    response = client.post(
        link, {"new_password1": ATTACKER_PASSWORD, "new_password2": ATTACKER_PASSWORD}
    )

    assert response.status_code != 302
    assert "_auth_user_id" not in client.session
    superuser.refresh_from_db()
    assert superuser.check_password("Admin-2026")
    assert not superuser.check_password(ATTACKER_PASSWORD)
    assert set(superuser.groups.values_list("name", flat=True)) == groups_before
    person.refresh_from_db()
    assert person.user_id is None
    # The link is dead: changing the e-mail voided the invitation.
    assert not Invitation.objects.filter(
        person=person, accepted_at__isnull=False
    ).exists()
    assert client.get(link).status_code == 404


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "Konts ar šo e-pasta adresi jau pastāv"), ("/en", "already exists")],
)
def test_link_to_an_email_with_an_account_is_refused_in_the_users_language(
    client, two_institutions, django_capture_on_commit_callbacks, prefix, text
):
    t = two_institutions
    person = PersonFactory(
        organisation=t["inst_a"], email="ojars.berzins@example.lv", first_name="Ojārs"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person, invited_by=t["coordinator_a"])
    link = prefix + _link_path(mail.outbox[0])
    # An account with this e-mail appears after the invitation was sent.
    existing = UserFactory(email="Ojars.Berzins@example.lv", is_staff=True)

    assert client.get(link).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link,
            {"new_password1": ATTACKER_PASSWORD, "new_password2": ATTACKER_PASSWORD},
        )

    assert response.status_code == 409
    assert text in response.content.decode()
    assert "_auth_user_id" not in client.session
    person.refresh_from_db()
    existing.refresh_from_db()
    assert person.user_id is None
    assert not existing.groups.filter(name=LEARNER).exists()
    assert [m.to for m in mail.outbox[1:]] == [[t["coordinator_a"].email]]
