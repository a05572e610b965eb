"""django-axes counts failed logins per e-mail whatever its letter case, and a
password reset lifts the lockout (issue 6 section 5, issue 7 section 7)."""

import re
from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.core import mail
from django.urls import reverse

from people.services import account_lockout_clear
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "Jauna-Parole-Ķekava-2026"
EMAIL = "laura.vanaga@example.lv"
VARIANTS = [
    "LAURA.VANAGA@example.lv",
    "Laura.Vanaga@Example.LV",
    "  laura.vanaga@EXAMPLE.lv ",
    "lAuRa.VaNaGa@example.lv",
]
LOGIN_URLS = ["login", "wagtailadmin_login"]


@pytest.fixture(autouse=True)
def _reset_axes():
    reset()


@pytest.fixture
def laura(db):
    return UserFactory(
        email=EMAIL, first_name="Laura", last_name="Vanaga", is_staff=True
    )


def _fail(client, url, username):
    return client.post(url, {"username": username, "password": "nepareiza"})


def _lock_out(client, url, settings):
    """Five wrong passwords, spread over letter-case variants of the e-mail."""
    names = [EMAIL, *VARIANTS]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, url, names[attempt % len(names)])


def _logs_in(client, url, username, password) -> bool:
    response = client.post(url, {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.parametrize("url_name", LOGIN_URLS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_case_variants_do_not_get_fresh_guesses(
    client, settings, laura, url_name, variant
):
    url = reverse(url_name)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, url, EMAIL)
    response = _fail(client, url, variant)
    assert response.status_code == 429
    # The right password in another case is refused as well.
    response = client.post(url, {"username": variant, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url_name", LOGIN_URLS)
def test_failures_spread_over_variants_add_up(client, settings, laura, url_name):
    url = reverse(url_name)
    _lock_out(client, url, settings)
    assert AccessAttempt.objects.get().username == EMAIL
    assert not _logs_in(client, url, EMAIL, PASSWORD)


def test_one_account_locked_leaves_others_alone(client, settings, laura):
    UserFactory(email="ilze.kalnina@example.lv")
    url = reverse("login")
    _lock_out(client, url, settings)
    assert _logs_in(client, url, "Ilze.Kalnina@example.lv", PASSWORD)


def test_lockout_page_promises_only_what_happens(client, settings, laura):
    url = reverse("login")
    _lock_out(client, url, settings)
    response = _fail(client, url, EMAIL)
    assert response.status_code == 429
    body = response.content.decode()
    assert 'lang="lv"' in body
    assert reverse("password_reset") in body
    assert "uzreiz" in body  # a new password works at once


def _reset_link(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return urlparse(url).path


@pytest.mark.parametrize("url_name", LOGIN_URLS)
def test_site_password_reset_lifts_the_lockout(client, settings, laura, url_name):
    url = reverse(url_name)
    _lock_out(client, url, settings)
    assert not _logs_in(client, url, EMAIL, PASSWORD)

    client.post(reverse("password_reset"), {"email": "Laura.Vanaga@example.lv"})
    set_password_url = client.get(_reset_link(mail.outbox[-1])).url
    response = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("password_reset_complete")

    assert not AccessAttempt.objects.exists()
    assert _logs_in(client, url, "LAURA.VANAGA@example.lv", NEW_PASSWORD)


def test_admin_password_reset_lifts_the_lockout(client, settings, laura):
    url = reverse("wagtailadmin_login")
    _lock_out(client, url, settings)
    assert not _logs_in(client, url, EMAIL, PASSWORD)

    client.post(reverse("wagtailadmin_password_reset"), {"email": EMAIL})
    set_password_url = client.get(_reset_link(mail.outbox[-1])).url
    response = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("wagtailadmin_password_reset_complete")

    assert not AccessAttempt.objects.exists()
    assert _logs_in(client, url, EMAIL, NEW_PASSWORD)


def test_a_failed_reset_keeps_the_lockout(client, settings, laura):
    url = reverse("login")
    _lock_out(client, url, settings)
    client.post(reverse("password_reset"), {"email": EMAIL})
    set_password_url = client.get(_reset_link(mail.outbox[-1])).url
    # Mismatched passwords: nothing is reset, so nothing is lifted.
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "x"})
    assert AccessAttempt.objects.filter(username=EMAIL).exists()


def test_lockout_clear_removes_every_case_variant(laura):
    # Records from before the normalisation may carry any letter case.
    for index, name in enumerate([EMAIL, *VARIANTS[:2]]):
        AccessAttempt.objects.create(
            username=name,
            ip_address=f"10.0.0.{index}",
            user_agent="pārlūks",
            failures_since_start=5,
        )
    other = AccessAttempt.objects.create(
        username="ilze@example.lv",
        ip_address="10.0.0.9",
        user_agent="pārlūks",
        failures_since_start=5,
    )
    assert account_lockout_clear(user=laura) == 3
    assert list(AccessAttempt.objects.all()) == [other]
