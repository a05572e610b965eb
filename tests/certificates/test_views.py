"""The verification page and the PDF download, as visitors and attackers use them."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)


@pytest.fixture
def certificate(certificate_template, completion):
    return certificate_issue(completion=completion)


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _verify(client, code, **kwargs):
    # Latvian, the default language, has no prefix.
    return client.get(f"/v/{code}/", **kwargs)


def test_valid_certificate_page_shows_only_what_it_must(client, certificate, holder):
    response = _verify(client, certificate.code)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Šī apliecība ir derīga" in html or "valid" in html
    assert holder.full_name in html and certificate.title in html
    assert holder.email not in html
    assert str(holder.organisation) not in html


def test_english_page(client, certificate):
    with_prefix = f"/en/v/{certificate.code}/"
    response = client.get(with_prefix)
    assert response.status_code == 200
    assert "This certificate is valid." in response.content.decode()


def test_revoked_expired_and_superseded_states(
    client, certificate, two_institutions, settings
):
    certificate_revoke(
        actor=two_institutions["coordinator_a"],
        certificate=certificate,
        reason="Dokuments viltots",
    )
    html = client.get(f"/en/v/{certificate.code}/").content.decode()
    assert "has been revoked" in html and "Dokuments viltots" in html

    new = certificate_reissue(
        actor=two_institutions["coordinator_a"], certificate=certificate, reason="x"
    )
    new.expires_on = datetime.date(2020, 1, 1)
    new.save()
    html = client.get(f"/en/v/{new.code}/").content.decode()
    assert "has expired" in html

    second = certificate_reissue(
        actor=two_institutions["coordinator_a"], certificate=new, reason="y"
    )
    html = client.get(f"/en/v/{new.code}/").content.decode()
    assert "replaced by a newer one" in html
    assert second.code != new.code


def test_unknown_or_tampered_code_is_a_404_that_offers_the_lookup(client, certificate):
    tampered = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    for code in (tampered, "nav-tada", certificate.short_code + "X"):
        response = _verify(client, code)
        assert response.status_code == 404
        html = response.content.decode()
        assert certificate.holder_name not in html
        assert certificate.title not in html
        # Whoever followed a damaged link can type the printed code instead.
        assert "Nav apliecības ar šādu kodu" in html
        assert f'action="{reverse("certificate_lookup")}"' in html


def test_short_code_lookup_in_any_case_redirects(client, certificate):
    typed = certificate.short_code.lower().replace("-", " ")
    response = client.get(reverse("certificate_lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/v/{certificate.code}/")
    missing = client.get(reverse("certificate_lookup"), {"code": "0000-0000-00"})
    assert missing.status_code == 404


def test_verification_is_rate_limited_per_client(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE = "3/m"
    statuses = [_verify(client, certificate.code).status_code for _i in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    other_client = _verify(client, certificate.code, REMOTE_ADDR="10.1.2.3")
    assert other_client.status_code == 200


def test_download_only_for_holder_and_their_scope(
    client, certificate, two_institutions, other_learner
):
    url = reverse("certificate_download", args=[certificate.pk])
    assert client.get(url).status_code == 302  # to the login page
    for user, expected in (
        (two_institutions["learner"], 200),
        (two_institutions["coordinator_a"], 200),
        (two_institutions["manager_a"], 200),
        (other_learner, 404),
        (two_institutions["manager_b"], 404),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_dashboard_lists_the_learners_certificates(
    client, certificate, two_institutions
):
    client.force_login(two_institutions["learner"])
    html = client.get("/en/dashboard/").content.decode()
    assert certificate.short_code in html
    assert reverse("certificate_download", args=[certificate.pk]) in html


def test_download_is_named_after_the_holder_in_latvian_letters(
    client, site_pages, certificate_template, latvian_holder, two_institutions
):
    from urllib.parse import quote

    from courses.services import completion_record, enrolment_create

    enrolment = enrolment_create(
        actor=None, person=latvian_holder, course=site_pages["course"]
    )
    certificate = certificate_issue(completion=completion_record(enrolment=enrolment))
    client.force_login(two_institutions["coordinator_a"])
    response = client.get(reverse("certificate_download", args=[certificate.pk]))
    expected = f"Ģirts-Ābeļkalns-Čakste-{certificate.short_code}.pdf"
    assert f"filename*=utf-8''{quote(expected)}" in response["Content-Disposition"]
