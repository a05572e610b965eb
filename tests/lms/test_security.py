import pytest

pytestmark = pytest.mark.django_db


def test_site_pages_forbid_inline_script_and_style(client, site_pages):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_admin_gets_the_widened_policy_only(client):
    policy = client.get("/admin/login/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def test_pages_have_no_inline_styles_or_scripts(client, site_pages):
    for url in ("/", "/kursi/itil-pam/", "/login/"):
        html = client.get(url).content.decode()
        assert "style=" not in html, url
        assert "<script>" not in html and "<script " not in html, url


def test_admin_login_works(client):
    from tests.factories import UserFactory

    user = UserFactory(email="admin@example.lv", is_superuser=True, is_staff=True)
    response = client.post(
        "/admin/login/",
        {"username": "admin@example.lv", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert int(client.session["_auth_user_id"]) == user.pk
