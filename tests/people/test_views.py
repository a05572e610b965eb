import pytest
from django.core import mail
from django.urls import reverse

from people.services import invitation_send
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _reset_axes():
    from axes.utils import reset

    reset()


def test_login_with_email_in_any_case(client):
    UserFactory(email="ilze@example.lv")
    response = client.post(
        reverse("login"), {"username": "ILZE@example.lv", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_wrong_password_shows_an_error_in_latvian(client):
    UserFactory(email="ilze@example.lv")
    response = client.post(
        reverse("login"), {"username": "ilze@example.lv", "password": "nepareizi"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'lang="lv"' in response.content.decode()


@pytest.mark.parametrize("url_name", ["login", "wagtailadmin_login"])
def test_login_is_throttled_after_repeated_failures(client, settings, url_name):
    UserFactory(email="target@example.lv")
    url = reverse(url_name)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "target@example.lv", "password": "wrong"})
    # Even the right password is refused once the account is locked out.
    response = client.post(url, {"username": "target@example.lv", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link(client):
    UserFactory(email="ilze@example.lv")
    response = client.post(reverse("password_reset"), {"email": "Ilze@example.lv"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/password-reset/" in mail.outbox[0].body


def test_invitation_page_sets_password_and_logs_in(
    client, django_capture_on_commit_callbacks
):
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person)
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/invitation/" in line
    )
    path = link.split("://", 1)[1].split("/", 1)[1]
    url = "/" + path

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"new_password1": "Ziemas-saule-2026", "new_password2": "Ziemas-saule-2026"},
    )
    assert response.status_code == 302
    assert response.url == reverse("account")
    person.refresh_from_db()
    assert person.user is not None
    # The link works once.
    assert client.get(url).status_code == 404


def test_invitation_page_rejects_weak_password(
    client, django_capture_on_commit_callbacks
):
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person)
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/invitation/" in line
    )
    url = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.user is None


def test_unknown_invitation_token_is_404(client):
    response = client.get(reverse("invitation_accept", kwargs={"token": "nope"}))
    assert response.status_code == 404
