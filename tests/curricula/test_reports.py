"""Compliance: statuses in SQL, the command's file, the admin reports' scope."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment, LessonPage, LessonProgress
from courses.services import completion_record
from curricula.models import AssignmentMember, AudienceKind, MemberStatus, Provider
from curricula.selectors import compliance_rows, compliance_summary
from tests.curricula.conftest import TODAY

COLUMNS = [
    "person_email",
    "curriculum_code",
    "course_code",
    "status",
    "assigned_on",
    "due_on",
    "completed_on",
]


@pytest.fixture
def statuses(two_institutions, curriculum, courses, assign):
    """Service A's people: the partner completes one course and starts the
    other; the staff member does nothing; an idle partner joins and leaves."""
    w = two_institutions
    assignment = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.ANY,
        due_in_days=10,
    ).assignment
    partner = w["partner_person"]
    first = Enrolment.objects.get(person=partner, course=courses[0])
    completion_record(
        enrolment=first,
        completed_at=datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC),
    )
    lesson = LessonPage(title="Ievads", slug="ievads")
    courses[1].add_child(instance=lesson)
    second = Enrolment.objects.get(person=partner, course=courses[1])
    LessonProgress.objects.create(
        enrolment=second,
        lesson=lesson,
        first_viewed_at=datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC),
    )
    left = AssignmentMember.objects.create(
        assignment=assignment,
        person=w["idle_partner_person"],
        entered_on=TODAY,
        left_on=TODAY + datetime.timedelta(days=2),
        round_started_on=TODAY,
        due_on=TODAY + datetime.timedelta(days=10),
    )
    return {"assignment": assignment, "left": left}


def _status_map(as_of):
    return {
        (row.person_email, row.course_code): row.status
        for row in compliance_rows(members=AssignmentMember.objects.all(), as_of=as_of)
    }


def test_every_status_is_computed_in_the_database(statuses, two_institutions):
    w = two_institutions
    partner, staff = w["partner_person"].email, w["staff_a"].email
    idle = w["idle_partner_person"].email
    on_time = _status_map(TODAY + datetime.timedelta(days=5))
    assert on_time[(partner, "ITIL-PAM")] == MemberStatus.COMPLETED
    assert on_time[(partner, "DATU-DRO")] == MemberStatus.IN_PROGRESS
    assert on_time[(staff, "ITIL-PAM")] == MemberStatus.NOT_STARTED
    assert on_time[(idle, "ITIL-PAM")] == MemberStatus.LEFT
    late = _status_map(TODAY + datetime.timedelta(days=11))
    assert late[(partner, "ITIL-PAM")] == MemberStatus.COMPLETED
    assert late[(partner, "DATU-DRO")] == MemberStatus.OVERDUE
    assert late[(staff, "DATU-DRO")] == MemberStatus.OVERDUE
    # Before it was completed, the course was not completed yet.
    assert _status_map(TODAY)[(partner, "ITIL-PAM")] == MemberStatus.NOT_STARTED


def test_summary_percent_counts_only_people_still_in_the_audience(statuses):
    members = AssignmentMember.objects.all()
    [row] = compliance_summary(
        members=members, as_of=TODAY + datetime.timedelta(days=5), by="assignment"
    )
    # 4 courses of the two people in the audience, one completed.
    assert (row["total"], row["completed"], row["percent"]) == (4, 1, 25)


def test_report_compliance_command_writes_exactly_the_columns(statuses, tmp_path):
    out = tmp_path / "atbilstība.csv"
    call_command("report", "compliance", "--as-of", "2026-03-13", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0] == COLUMNS
    statuses_seen = {row[3] for row in rows[1:]}
    assert statuses_seen == {"completed", "overdue", "left"}
    completed = next(row for row in rows[1:] if row[3] == "completed")
    assert completed[1:3] == ["PLĀNS-Ā", "ITIL-PAM"]
    assert completed[4:] == ["2026-03-02", "2026-03-12", "2026-03-05"]
    for format in ("xlsx", "pdf"):
        target = tmp_path / f"report.{format}"
        call_command("report", "compliance", "--format", format, "-o", str(target))
        assert target.stat().st_size > 0


def test_existing_reports_still_registered():
    from lms import reporting

    assert {
        "compliance",
        "people-competences",
        "service-coverage",
        "single-points-of-failure",
    } <= set(reporting.registry.names())


def test_admin_reports_show_only_the_viewers_scope(statuses, two_institutions):
    w = two_institutions
    mine, theirs = Client(), Client()
    mine.force_login(w["manager_a"])
    theirs.force_login(w["manager_b"])
    for name in ("compliance", "by_assignment", "by_organisation"):
        url = reverse(f"curricula_reports:{name}")
        page = mine.get(url, {"as_of": "2026-03-13"})
        assert page.status_code == 200
        other = theirs.get(url, {"as_of": "2026-03-13"})
        assert other.status_code == 200
        assert w["partner_person"].email not in other.content.decode()
        assert "PLĀNS-Ā" not in other.content.decode()
    page = mine.get(reverse("curricula_reports:compliance"), {"as_of": "2026-03-13"})
    assert w["partner_person"].email in page.content.decode()
    export = mine.get(
        reverse("curricula_reports:compliance"),
        {"as_of": "2026-03-13", "export": "csv", "status": "overdue"},
    )
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0] == ",".join(COLUMNS)
    statuses_in_file = {line.split(",")[3] for line in body.splitlines()[1:]}
    assert statuses_in_file == {"overdue"}
    learner = Client()
    learner.force_login(w["learner"])
    assert learner.get(reverse("curricula_reports:compliance")).status_code in (
        302,
        403,
    )


@pytest.mark.parametrize("extra", [0, 15])
def test_the_compliance_report_costs_the_same_queries(
    extra, statuses, two_institutions, django_assert_max_num_queries
):
    from catalogue.services import involvement_upsert
    from curricula.services import assignment_sync
    from tests.factories import PersonFactory

    w = two_institutions
    for number in range(extra):
        person = PersonFactory(organisation=w["partner"], last_name=f"Ļaudis{number}")
        involvement_upsert(person=person, service=w["service_a"], start_date=TODAY)
    assignment_sync(assignment=statuses["assignment"], today=TODAY)
    client = Client()
    client.force_login(w["manager_a"])
    with django_assert_max_num_queries(25):
        response = client.get(reverse("curricula_reports:compliance"))
    assert response.status_code == 200
