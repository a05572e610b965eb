"""The coverage snippets in the admin save through the services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from competences.models import Attainment, Competence, Requirement
from people.permissions import MANAGER
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ADD_ATTAINMENT = "wagtailsnippets_competences_attainment:add"


def _post(client, staff, evidence):
    return client.post(
        reverse(ADD_ATTAINMENT),
        {
            "person": staff.pk,
            "competence": Competence.objects.get(code="K01").pk,
            "attained_on": "2026-01-15",
            "note": "Sertifikāts no ārējas mācību iestādes",
            "evidence": evidence,
        },
    )


def test_admin_recognition_checks_evidence_by_content(two_institutions):
    client = Client()
    client.force_login(two_institutions["coordinator_a"])
    staff = two_institutions["staff_a"]
    fake = SimpleUploadedFile("cert.pdf", b"MZ\x90\x00 not a pdf at all")
    response = _post(client, staff, fake)
    assert response.status_code == 200
    # The admin speaks Latvian, the default language.
    assert "Fails nav PDF, attēls vai biroja dokuments." in response.content.decode()
    assert not Attainment.objects.exists()

    response = _post(client, staff, SimpleUploadedFile("cert.pdf", PDF))
    assert response.status_code == 302
    attainment = Attainment.objects.get()
    assert attainment.source == "recognition"
    assert attainment.recorded_by == two_institutions["coordinator_a"]
    # One audit entry, the service's, with its channel.
    entries = ModelLogEntry.objects.filter(object_id=str(attainment.pk))
    assert [(e.action, e.data) for e in entries] == [
        ("competences.recognition_record", {"channel": "admin"})
    ]


def test_admin_recognition_for_another_institution_is_refused(two_institutions):
    client = Client()
    client.force_login(two_institutions["coordinator_a"])
    response = _post(
        client, two_institutions["staff_b"], SimpleUploadedFile("c.pdf", PDF)
    )
    # Out-of-scope people are not even offered as a choice.
    assert response.status_code == 200
    assert not Attainment.objects.exists()


def test_service_manager_adds_a_requirement_for_their_service(
    two_institutions, make_member
):
    manager = make_member(two_institutions["inst_b"], [MANAGER])
    service = two_institutions["service_b"]
    RoleAssignmentFactory(person=manager.person, service=service)
    client = Client()
    client.force_login(manager)
    add = reverse("wagtailsnippets_competences_requirement:add")
    k08 = Competence.objects.get(code="K08")
    response = client.post(add, {"competence": k08.pk, "service": service.pk})
    assert response.status_code == 302
    assert Requirement.objects.get().created_by == manager
    # Another institution's service is not a choice for them.
    response = client.post(
        add, {"competence": k08.pk, "service": two_institutions["service_a"].pk}
    )
    assert response.status_code == 200
    assert Requirement.objects.count() == 1
