"""Curriculum certificates: issued when a curriculum is completed, exactly once,
superseded on recertification, and handled as a course's everywhere else."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateStatus,
    CertificateTemplate,
)
from certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from certificates.tasks import (
    certificates_sweep_task,
    curriculum_certificate_issue_task,
)
from courses.models import Completion
from curricula.models import CurriculumCompletion
from curricula.services import assignments_recur
from curricula.signals import curriculum_completed
from people.permissions import COORDINATOR
from tests.certificates.conftest import PLAN_DAY
from tests.concurrency import run_together


def _curriculum_certificates(**filters):
    return Certificate.objects.filter(curriculum_completion__isnull=False, **filters)


def _pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def curriculum_certificate(certificate_template, curriculum_completion):
    return certificate_issue(curriculum_completion=curriculum_completion)


def test_completing_the_curriculum_issues_its_certificate_through_the_signal(
    certificate_template,
    plan,
    plan_member,
    complete_plan,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_plan(plan_member.person)
    completion = CurriculumCompletion.objects.get(member=plan_member)
    certificate = Certificate.objects.get(curriculum_completion=completion)
    assert certificate.completion is None and certificate.is_curriculum
    assert certificate.status == CertificateStatus.ACTIVE
    # The holder's language (Latvian): the plan's Latvian name.
    assert certificate.title == "Pakalpojumu pārvaldības plāns"
    assert certificate.completed_on == PLAN_DAY
    # The template's validity, from the day the plan was completed.
    assert certificate.expires_on == datetime.date(2028, 3, 2)
    text = _pdf_text(certificate)
    assert "Pakalpojumu pārvaldības plāns" in text
    # Every competence of the plan's courses, each once.
    assert "K01, K06" in text and "K06, K06" not in text
    # The courses' own certificates are issued beside it, as before.
    assert Certificate.objects.filter(completion__isnull=False).count() == 2


def test_a_double_signal_and_a_retried_task_issue_one_certificate(
    certificate_template, curriculum_completion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _time in range(2):
            curriculum_completed.send(
                sender=CurriculumCompletion, completion=curriculum_completion
            )
    first = Certificate.objects.get(curriculum_completion=curriculum_completion)
    assert curriculum_certificate_issue_task.call(curriculum_completion.pk) == first.pk
    assert certificate_issue(curriculum_completion=curriculum_completion).pk == first.pk
    assert _curriculum_certificates().count() == 1


def test_no_template_gives_no_certificate_and_no_failure(curriculum_completion):
    assert curriculum_certificate_issue_task.call(curriculum_completion.pk) is None
    with pytest.raises(ValidationError) as refused:
        certificate_issue(curriculum_completion=curriculum_completion)
    assert "curriculum" in str(refused.value) or "plān" in str(refused.value)
    assert not Certificate.objects.exists()


def _course_completion(curriculum_completion):
    """One of the course completions that made up the curriculum's."""
    return Completion.objects.filter(person=curriculum_completion.person).first()


def test_exactly_one_of_completion_and_curriculum_completion_is_given(
    certificate_template, curriculum_completion
):
    completion = _course_completion(curriculum_completion)
    with pytest.raises(ValueError):
        certificate_issue()
    with pytest.raises(ValueError):
        certificate_issue(
            completion=completion, curriculum_completion=curriculum_completion
        )


def test_recertification_supersedes_the_earlier_curriculum_certificate(
    certificate_template,
    plan,
    plan_member,
    complete_plan,
    django_capture_on_commit_callbacks,
):
    plan.recurrence_months = 6
    plan.recertification_window_days = 14
    plan.save()
    with django_capture_on_commit_callbacks(execute=True):
        complete_plan(plan_member.person)
    first = _curriculum_certificates().get()
    # Due again on 2 September; the next round opens 14 days before.
    window = datetime.date(2026, 8, 19)
    assert assignments_recur(today=window) == 1
    with django_capture_on_commit_callbacks(execute=True):
        complete_plan(plan_member.person, day=window)
    second = _curriculum_certificates(curriculum_completion__round=2).get()
    first.refresh_from_db()
    assert first.status == CertificateStatus.SUPERSEDED
    assert first.superseded_by == second
    assert second.status == CertificateStatus.ACTIVE
    # Both stay in the holder's history.
    assert _curriculum_certificates(person=plan_member.person).count() == 2


def test_the_database_refuses_both_or_neither_completion(curriculum_certificate):
    completion = _course_completion(curriculum_certificate.curriculum_completion)
    rows = Certificate.objects.filter(pk=curriculum_certificate.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(completion=completion)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(curriculum_completion=None)


def test_the_database_refuses_a_second_valid_certificate_of_one_completion(
    curriculum_certificate,
):
    duplicate = Certificate.objects.get(pk=curriculum_certificate.pk)
    duplicate.pk = None
    duplicate.code = "cits-kods-ābele"
    duplicate.short_code = "0000-0000-00"
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_curriculums_own_template_and_the_english_name(
    certificate_template, plan, curriculum_completion, two_institutions
):
    own = CertificateTemplate.objects.create(
        name="Plāna apliecība",
        curriculum=plan,
        issuer=two_institutions["inst_a"],
        validity_months=None,
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="{person} apguva mācību plānu “{curriculum}” ({competences}).",
        body_en="{person} has completed the curriculum “{curriculum}”.",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Koordinatore",
        signatory_title_en="Coordinator",
    )
    own.full_clean()  # {curriculum} is a placeholder the validation knows
    holder = curriculum_completion.person
    holder.language = "en"
    holder.save()
    certificate = certificate_issue(curriculum_completion=curriculum_completion)
    assert certificate.template == own
    assert certificate.title == "Service management plan"
    assert certificate.expires_on is None
    assert "has completed the curriculum “Service management plan”" in _pdf_text(
        certificate
    )


def test_a_template_belongs_to_a_course_or_a_curriculum_not_both(
    certificate_template, plan, site_pages
):
    certificate_template.course = site_pages["course"]
    certificate_template.curriculum = plan
    with pytest.raises(ValidationError) as refused:
        certificate_template.full_clean()
    assert "curriculum" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        certificate_template.save()


def test_sweep_issues_a_curriculum_certificate_a_lost_task_missed(
    certificate_template, curriculum_completion
):
    # The course completions have none either (their tasks were lost too).
    assert certificates_sweep_task.call() == 3
    assert certificates_sweep_task.call() == 0
    assert _curriculum_certificates().count() == 1


def test_revoke_and_reissue_need_a_coordinator_in_scope(
    curriculum_certificate, two_institutions
):
    with pytest.raises(PermissionDenied):
        certificate_revoke(
            actor=two_institutions["manager_b"],
            certificate=curriculum_certificate,
            reason="Nē",
        )
    with pytest.raises(PermissionDenied):
        certificate_reissue(
            actor=two_institutions["manager_a"],
            certificate=curriculum_certificate,
            reason="Nē",
        )
    new = certificate_reissue(
        actor=two_institutions["coordinator_a"],
        certificate=curriculum_certificate,
        reason="Vārda labojums",
    )
    assert (
        new.curriculum_completion_id == curriculum_certificate.curriculum_completion_id
    )
    assert new.completion is None
    curriculum_certificate.refresh_from_db()
    assert curriculum_certificate.status == CertificateStatus.SUPERSEDED
    certificate_revoke(
        actor=two_institutions["coordinator_a"],
        certificate=new,
        reason="Kļūdaini izsniegta",
    )
    new.refresh_from_db()
    assert new.status == CertificateStatus.REVOKED


def test_command_issues_a_curriculums_certificates(
    certificate_template, curriculum_completion, two_institutions
):
    out = io.StringIO()
    call_command(
        "issue_certificates", "--curriculum", "PLĀNS-Ā", "--no-progress", stdout=out
    )
    assert _curriculum_certificates().count() == 1
    assert "1" in out.getvalue()
    # Again, and limited to an organisation: nothing more.
    call_command(
        "issue_certificates",
        "--curriculum",
        "PLĀNS-Ā",
        "--organisation",
        two_institutions["partner"].code,
        "--no-progress",
        stdout=out,
    )
    assert _curriculum_certificates().count() == 1
    # The course's certificates were not touched.
    assert not Certificate.objects.filter(completion__isnull=False).exists()


def test_command_wants_exactly_one_of_course_and_curriculum(
    certificate_template, curriculum_completion
):
    with pytest.raises(CommandError):
        call_command(
            "issue_certificates",
            "--course",
            "ITIL-PAM",
            "--curriculum",
            "PLĀNS-Ā",
            "--no-progress",
        )
    with pytest.raises(CommandError):
        call_command("issue_certificates", "--no-progress")
    with pytest.raises(CommandError, match="NAV-TĀDA"):
        call_command("issue_certificates", "--curriculum", "NAV-TĀDA", "--no-progress")
    assert not Certificate.objects.exists()


def test_pdf_only_for_the_holder_and_their_scope(
    client, curriculum_certificate, two_institutions, other_learner
):
    url = reverse("certificate_download", args=[curriculum_certificate.pk])
    for user, expected in (
        (two_institutions["learner"], 200),
        (two_institutions["coordinator_a"], 200),
        (other_learner, 404),
        (two_institutions["manager_b"], 404),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user
        if expected == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_verification_page_names_the_curriculum(client, curriculum_certificate):
    html = client.get(f"/v/{curriculum_certificate.code}/").content.decode()
    assert "<dt>Mācību plāns</dt>" in html and "<dt>Kurss</dt>" not in html
    assert "Pakalpojumu pārvaldības plāns" in html
    assert curriculum_certificate.holder_name in html
    # Nothing else personal: no e-mail, no organisation, no assignment.
    holder = curriculum_certificate.person
    assert holder.email not in html and str(holder.organisation) not in html
    english = client.get(f"/en/v/{curriculum_certificate.code}/").content.decode()
    assert "<dt>Curriculum</dt>" in english and "<dt>Course</dt>" not in english


def test_verification_page_of_a_course_certificate_still_says_course(
    client, certificate_template, completion
):
    certificate = certificate_issue(completion=completion)
    html = client.get(f"/v/{certificate.code}/").content.decode()
    assert "<dt>Kurss</dt>" in html and "<dt>Mācību plāns</dt>" not in html


def test_dashboard_lists_the_curriculum_certificate(
    client, curriculum_certificate, two_institutions
):
    client.force_login(two_institutions["learner"])
    html = client.get("/en/dashboard/").content.decode()
    assert curriculum_certificate.short_code in html
    assert "Pakalpojumu pārvaldības plāns" in html
    assert reverse("certificate_download", args=[curriculum_certificate.pk]) in html


def test_bulk_issue_for_a_curriculum_in_scope(
    client,
    certificate_template,
    curriculum_completion,
    plan,
    two_institutions,
    django_capture_on_commit_callbacks,
):
    client.force_login(two_institutions["coordinator_a"])
    # The curricula listing offers it, opening the form with the plan chosen.
    listing = client.get(reverse("wagtailsnippets_curricula_curriculum:list"))
    link = reverse("certificates_bulk") + f"?curriculum={plan.pk}"
    assert link in listing.content.decode()
    form = client.get(link).content.decode()
    assert f'<option value="{plan.pk}" selected>' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates_bulk"),
            {"kind": "issue", "curriculum": plan.pk, "course": "", "organisation": ""},
        )
    assert response.status_code == 302
    batch = CertificateBatch.objects.get()
    assert batch.curriculum == plan and batch.course is None
    assert batch.status == "done" and batch.total == 1 and batch.done == 1
    assert _curriculum_certificates().count() == 1
    assert not Certificate.objects.filter(completion__isnull=False).exists()


def test_bulk_form_wants_a_course_or_a_curriculum_not_both(
    client,
    certificate_template,
    curriculum_completion,
    plan,
    site_pages,
    two_institutions,
):
    client.force_login(two_institutions["coordinator_a"])
    for data in (
        {"course": site_pages["course"].pk, "curriculum": plan.pk},
        {"course": "", "curriculum": ""},
    ):
        response = client.post(
            reverse("certificates_bulk"), {"kind": "issue", "organisation": "", **data}
        )
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not CertificateBatch.objects.exists()


def test_another_institutions_coordinator_cannot_target_the_curriculum(
    client,
    certificate_template,
    curriculum_completion,
    plan,
    two_institutions,
    make_member,
):
    coordinator_b = make_member(two_institutions["inst_b"], [COORDINATOR])
    client.force_login(coordinator_b)
    form = client.get(reverse("certificates_bulk")).content.decode()
    assert "PLĀNS-Ā" not in form
    response = client.post(
        reverse("certificates_bulk"),
        {"kind": "issue", "curriculum": plan.pk, "course": "", "organisation": ""},
    )
    assert response.status_code == 200
    assert "curriculum" in response.context["form"].errors
    assert not CertificateBatch.objects.exists()
    # The service refuses it too, whoever calls it.
    from certificates.services import certificate_batch_start

    with pytest.raises(PermissionDenied):
        certificate_batch_start(actor=coordinator_b, kind="issue", curriculum=plan)
    assert not Certificate.objects.filter(curriculum_completion__isnull=False).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks need PostgreSQL; SQLite serialises writers anyway.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issue_gives_one_curriculum_certificate(
    curriculum_completion, two_institutions
):
    # Recorded (autocommit) while there was no template: no certificate yet.
    assert not Certificate.objects.exists()
    CertificateTemplate.objects.create(
        name="Vienīgā",
        is_default=True,
        issuer=two_institutions["inst_a"],
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="{person}: {curriculum}",
        body_en="{person}: {curriculum}",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Koordinatore",
        signatory_title_en="Coordinator",
    )
    results, errors = run_together(
        lambda: certificate_issue(curriculum_completion=curriculum_completion).pk
    )
    assert not errors
    assert len(set(results)) == 1
    assert (
        Certificate.objects.filter(curriculum_completion=curriculum_completion).count()
        == 1
    )


def test_an_assignment_with_certificates_is_not_deleted(
    client, curriculum_certificate, two_institutions, plan
):
    from curricula.models import Assignment, AudienceKind
    from curricula.services import assignment_save

    certified = curriculum_certificate.curriculum_completion.member.assignment
    client.force_login(two_institutions["coordinator_a"])
    url = reverse("wagtailsnippets_curricula_assignment:delete", args=[certified.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert Assignment.objects.filter(pk=certified.pk).exists()
    curriculum_certificate.refresh_from_db()
    assert curriculum_certificate.status == CertificateStatus.ACTIVE
    # An assignment without certificates is deleted as before.
    other = assignment_save(
        assignment=Assignment(
            curriculum=plan, audience_kind=AudienceKind.PEOPLE, due_in_days=30
        ),
        actor=two_institutions["coordinator_a"],
        people_ids=[two_institutions["staff_a"].pk],
        today=PLAN_DAY,
    ).assignment
    client.post(reverse("wagtailsnippets_curricula_assignment:delete", args=[other.pk]))
    assert not Assignment.objects.filter(pk=other.pk).exists()
