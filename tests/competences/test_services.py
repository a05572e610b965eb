import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import ModelLogEntry

from competences.models import (
    Attainment,
    Competence,
    CompetenceFramework,
    Delegation,
    Requirement,
)
from competences.moodle import MoodleRow
from competences.services import (
    attainment_grant,
    attainment_revoke,
    delegation_save,
    framework_import,
    recognition_record,
    requirement_save,
)
from people.permissions import MANAGER
from tests.factories import OrganisationFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def _framework(code="VAL-1", **values):
    return MoodleRow(2, code, {"name_lv": "Valodu prasmes", **values})


def _competence(number, code, parent="", related=None, **values):
    return MoodleRow(
        number, code, {"name_lv": f"Prasme {code}", **values}, parent, related
    )


def test_creates_the_framework_and_its_tree_in_tree_order():
    counts = framework_import(
        framework=_framework(scale_values=["Vāji", "Labi"]),
        competences=[
            _competence(3, "L1", related=["L2"]),
            _competence(4, "L2", related=[]),
            _competence(5, "L1.1", parent="L1", related=[]),
        ],
    )
    assert (counts.new, counts.updated, counts.unchanged, counts.left_out) == (
        4,
        0,
        0,
        0,
    )
    framework = CompetenceFramework.objects.get(code="VAL-1")
    assert framework.scale_values == ["Vāji", "Labi"]
    order = framework.competences.order_by("sort_order").values_list("code", flat=True)
    # Parents before children: L1.1 follows its parent, not the file.
    assert list(order) == ["L1", "L1.1", "L2"]
    l1 = framework.competences.get(code="L1")
    assert framework.competences.get(code="L1.1").parent == l1
    assert set(l1.cross_references.values_list("code", flat=True)) == {"L2"}
    # The relation is symmetrical.
    l2 = framework.competences.get(code="L2")
    assert set(l2.cross_references.values_list("code", flat=True)) == {"L1"}


def test_only_given_values_are_written_and_the_rest_is_counted_left_out():
    framework_import(
        framework=_framework(),
        competences=[
            _competence(3, "L1", rule_type="core_competency\\competency_rule_all"),
            _competence(4, "L2"),
        ],
    )
    Competence.objects.filter(code="L1").update(name_en="Languages")
    counts = framework_import(
        framework=_framework(), competences=[_competence(3, "L1")]
    )
    assert (counts.new, counts.updated, counts.unchanged, counts.left_out) == (
        0,
        0,
        2,
        1,
    )
    l1 = Competence.objects.get(code="L1")
    assert l1.name_en == "Languages"
    assert l1.rule_type == "core_competency\\competency_rule_all"
    assert Competence.objects.filter(code="L2").exists()


def test_related_competences_are_left_alone_without_the_column():
    framework_import(
        framework=_framework(),
        competences=[
            _competence(3, "L1", related=["L2"]),
            _competence(4, "L2", related=[]),
        ],
    )
    counts = framework_import(
        framework=_framework(),
        competences=[_competence(3, "L1"), _competence(4, "L2")],
    )
    assert counts.updated == 0
    l1 = Competence.objects.get(code="L1")
    assert list(l1.cross_references.values_list("code", flat=True)) == ["L2"]


# --- Requirements, attainments, recognitions and delegations ---------------------


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _k(code):
    return Competence.objects.select_related("framework").get(code=code)


def _logs(instance, action):
    return ModelLogEntry.objects.filter(object_id=str(instance.pk), action=action)


@pytest.mark.django_db
def test_grant_computes_expiry_and_keeps_the_old(two_institutions):
    k01 = _k("K01")
    k01.validity_months = 12
    k01.save()
    coordinator = two_institutions["coordinator_a"]
    staff = two_institutions["staff_a"]
    first = attainment_grant(
        actor=coordinator,
        person=staff,
        competence=k01,
        attained_on=datetime.date(2024, 1, 31),
    )
    assert first.expires_on == datetime.date(2025, 1, 31)
    second = attainment_grant(
        actor=coordinator,
        person=staff,
        competence=k01,
        attained_on=datetime.date(2025, 2, 28),
        channel="import",
    )
    assert Attainment.objects.filter(person=staff).count() == 2
    assert second.recorded_by == coordinator
    entry = _logs(second, "competences.attainment_grant").get()
    assert entry.data["channel"] == "import"
    assert entry.user == coordinator


@pytest.mark.django_db
def test_grant_without_validity_never_expires(two_institutions):
    attainment = attainment_grant(
        actor=None,
        person=two_institutions["staff_a"],
        competence=_k("K07"),
        attained_on=datetime.date(2026, 1, 1),
        source="course",
        channel="task",
    )
    assert attainment.expires_on is None


@pytest.mark.django_db
def test_grant_refuses_future_dates_and_other_institutions(two_institutions, english):
    coordinator = two_institutions["coordinator_a"]
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError, match="future"):
        attainment_grant(
            actor=coordinator,
            person=two_institutions["staff_a"],
            competence=_k("K01"),
            attained_on=tomorrow,
        )
    with pytest.raises(PermissionDenied):
        attainment_grant(
            actor=coordinator,
            person=two_institutions["staff_b"],
            competence=_k("K01"),
            attained_on=datetime.date(2026, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        attainment_grant(
            actor=two_institutions["manager_a"],
            person=two_institutions["staff_a"],
            competence=_k("K01"),
            attained_on=datetime.date(2026, 1, 1),
        )
    assert not Attainment.objects.exists()


def _recognise(two_institutions, evidence, **kwargs):
    return recognition_record(
        actor=two_institutions["coordinator_a"],
        person=two_institutions["staff_a"],
        competence=_k("K01"),
        attained_on=kwargs.pop("attained_on", datetime.date(2026, 1, 1)),
        evidence=evidence,
        note="Ārējs sertifikāts",
        **kwargs,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [("cert.pdf", PDF), ("scan.png", PNG)])
def test_recognition_with_evidence(two_institutions, name, content):
    attainment = _recognise(two_institutions, SimpleUploadedFile(name, content))
    assert attainment.source == "recognition"
    assert attainment.evidence.name
    assert _logs(attainment, "competences.recognition_record").exists()


@pytest.mark.django_db
def test_recognition_checks_the_evidence(two_institutions, english):
    with pytest.raises(ValidationError, match="evidence file"):
        _recognise(two_institutions, None)
    # Named like a PDF, but HTML inside: refused by content.
    fake = SimpleUploadedFile("cert.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError, match="not a PDF"):
        _recognise(two_institutions, fake)
    with (
        override_settings(COMPETENCE_EVIDENCE_MAX_BYTES=16),
        pytest.raises(ValidationError, match="larger than"),
    ):
        _recognise(two_institutions, SimpleUploadedFile("c.pdf", PDF))
    future = datetime.date.today() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError, match="future"):
        _recognise(
            two_institutions,
            SimpleUploadedFile("c.pdf", PDF),
            attained_on=future,
        )
    assert not Attainment.objects.exists()


@pytest.mark.django_db
def test_revocation_is_recorded_not_deleted(two_institutions, english):
    coordinator = two_institutions["coordinator_a"]
    attainment = attainment_grant(
        actor=coordinator,
        person=two_institutions["staff_a"],
        competence=_k("K01"),
        attained_on=datetime.date(2026, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        attainment_revoke(
            actor=two_institutions["manager_b"], attainment=attainment, reason="x"
        )
    with pytest.raises(ValidationError, match="reason"):
        attainment_revoke(actor=coordinator, attainment=attainment, reason="  ")
    revoked = attainment_revoke(
        actor=coordinator, attainment=attainment, reason="Kļūda ierakstā"
    )
    assert revoked.revoked_by == coordinator
    assert Attainment.objects.filter(pk=attainment.pk).exists()
    assert _logs(attainment, "competences.attainment_revoke").get().data == {
        "channel": "admin",
        "reason": "Kļūda ierakstā",
    }
    with pytest.raises(ValidationError, match="already revoked"):
        attainment_revoke(actor=coordinator, attainment=attainment, reason="vēlreiz")


@pytest.mark.django_db
def test_requirement_permissions(two_institutions, make_member):
    service_a = two_institutions["service_a"]
    coordinator = two_institutions["coordinator_a"]
    saved = requirement_save(
        actor=coordinator,
        requirement=Requirement(competence=_k("K07"), service=service_a),
    )
    assert saved.created_by == coordinator
    assert _logs(saved, "wagtail.create").get().data == {"channel": "admin"}
    # Another institution's service, and requirements of everyone: refused.
    for requirement in (
        Requirement(competence=_k("K08"), service=two_institutions["service_b"]),
        Requirement(competence=_k("K08")),
        Requirement(competence=_k("K08"), role="service_manager"),
    ):
        with pytest.raises(PermissionDenied):
            requirement_save(actor=coordinator, requirement=requirement)

    # A service manager adds requirements for their own service only.
    manager = make_member(two_institutions["inst_b"], [MANAGER])
    RoleAssignmentFactory(person=manager.person, service=two_institutions["service_b"])
    requirement_save(
        actor=manager,
        requirement=Requirement(
            competence=_k("K08"), service=two_institutions["service_b"]
        ),
    )
    with pytest.raises(PermissionDenied):
        requirement_save(
            actor=manager,
            requirement=Requirement(competence=_k("K09"), service=service_a),
        )
    # A manager who manages no service may not.
    with pytest.raises(PermissionDenied):
        requirement_save(
            actor=two_institutions["manager_a"],
            requirement=Requirement(competence=_k("K09"), service=service_a),
        )


@pytest.mark.django_db
def test_delegation_save(two_institutions, english):
    centre = OrganisationFactory(kind="competence_centre", name_lv="Centrs Ā")
    coordinator = two_institutions["coordinator_a"]
    delegation = delegation_save(
        actor=coordinator,
        delegation=Delegation(
            competence=_k("K07"),
            centre=centre,
            institution=two_institutions["inst_a"],
            start_date=datetime.date(2026, 1, 1),
        ),
    )
    assert delegation.created_by == coordinator
    with pytest.raises(PermissionDenied):
        delegation_save(
            actor=coordinator,
            delegation=Delegation(
                competence=_k("K07"),
                centre=centre,
                service=two_institutions["service_b"],
                start_date=datetime.date(2026, 1, 1),
            ),
        )
    with pytest.raises(ValidationError, match="mandatory"):
        delegation_save(
            actor=coordinator,
            delegation=Delegation(
                competence=_k("K01"),
                centre=centre,
                service=two_institutions["service_a"],
                start_date=datetime.date(2026, 1, 1),
            ),
        )
    assert Delegation.objects.count() == 1
