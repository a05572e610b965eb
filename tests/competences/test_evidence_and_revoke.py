"""The evidence download (holder, scoped coordinators and managers,
administrators; anyone else 404) and the admin's Revoke action."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from competences.coverage_reports import coverage_gaps
from competences.models import Attainment, Competence
from competences.services import recognition_record
from people.permissions import COORDINATOR, LEARNER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REVOKE = "wagtailsnippets_competences_attainment:revoke"
LIST = "wagtailsnippets_competences_attainment:list"


@pytest.fixture
def recognised(two_institutions):
    """Staff A's K01 recognised, with evidence; staff A has an account."""
    staff = two_institutions["staff_a"]
    staff.user = UserFactory(groups=[LEARNER], email=staff.email)
    staff.save()
    attainment = recognition_record(
        actor=two_institutions["coordinator_a"],
        person=staff,
        competence=Competence.objects.get(code="K01"),
        attained_on=datetime.date(2026, 1, 15),
        evidence=SimpleUploadedFile("apliecība.pdf", PDF),
        note="Ārējs sertifikāts",
    )
    return {**two_institutions, "attainment": attainment}


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _get(client, attainment):
    return client.get(reverse("attainment_evidence", args=[attainment.pk]))


def test_holder_coordinator_manager_and_admin_download(recognised, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="admin@example.lv", password="x"
    )
    for user in (
        recognised["staff_a"].user,
        recognised["coordinator_a"],
        recognised["manager_a"],
        admin,
    ):
        response = _get(_client(user), recognised["attainment"])
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")


def test_everyone_else_gets_404(recognised, make_member):
    other_coordinator = make_member(recognised["inst_b"], [COORDINATOR])
    for user in (
        recognised["learner"],  # another person's record
        recognised["manager_b"],
        other_coordinator,
    ):
        assert _get(_client(user), recognised["attainment"]).status_code == 404
    # Not signed in: to the login page, never the file.
    response = _get(_client(), recognised["attainment"])
    assert response.status_code == 302 and "login" in response["Location"]
    # An attainment without evidence has nothing to download.
    plain = Attainment.objects.create(
        person=recognised["staff_a"],
        competence=Competence.objects.get(code="K02"),
        attained_on=datetime.date(2026, 1, 1),
    )
    assert _get(_client(recognised["coordinator_a"]), plain).status_code == 404


def test_listing_links_evidence_and_revoke(recognised):
    page = _client(recognised["coordinator_a"]).get(reverse(LIST)).content.decode()
    assert reverse("attainment_evidence", args=[recognised["attainment"].pk]) in page
    assert reverse(REVOKE, args=[recognised["attainment"].pk]) in page
    # A manager sees the evidence but does not revoke.
    page = _client(recognised["manager_a"]).get(reverse(LIST)).content.decode()
    assert reverse(REVOKE, args=[recognised["attainment"].pk]) not in page


def test_revoke_with_a_reason(recognised):
    attainment = recognised["attainment"]
    client = _client(recognised["coordinator_a"])
    url = reverse(REVOKE, args=[attainment.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Atsaukšanas iemesls" in page.content.decode()
    # No reason: refused on the form, nothing changed.
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    attainment.refresh_from_db()
    assert attainment.revoked_at is None
    response = client.post(url, {"reason": "Sertifikāts izrādījās viltots"})
    assert response.status_code == 302
    attainment.refresh_from_db()
    assert attainment.revoked_by == recognised["coordinator_a"]
    assert attainment.revocation_reason == "Sertifikāts izrādījās viltots"
    entry = ModelLogEntry.objects.get(
        object_id=str(attainment.pk), action="competences.attainment_revoke"
    )
    assert entry.data["channel"] == "admin"
    # It no longer counts: staff A lacks K01 again (involved in service A).
    gaps = coverage_gaps(as_of=datetime.date(2026, 7, 1))
    assert (recognised["staff_a"].email, "K01") in {
        (g.person_email, g.competence_code) for g in gaps
    }
    # Twice: a clear refusal, not a second revocation.
    response = client.post(url, {"reason": "Vēlreiz"})
    assert response.status_code == 200
    assert "jau ir atsaukts" in response.content.decode()


def test_revoke_outside_scope_or_without_the_role(recognised, make_member):
    attainment = recognised["attainment"]
    url = reverse(REVOKE, args=[attainment.pk])
    other = _client(make_member(recognised["inst_b"], [COORDINATOR]))
    assert other.get(url).status_code == 404
    assert other.post(url, {"reason": "x"}).status_code == 404
    manager = _client(recognised["manager_a"])
    # Wagtail answers PermissionDenied in the admin with a redirect and a message.
    assert manager.get(url).status_code in (302, 403)
    assert manager.post(url, {"reason": "x"}).status_code in (302, 403)
    attainment.refresh_from_db()
    assert attainment.revoked_at is None
