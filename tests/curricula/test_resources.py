"""The `assignments` import: a good file, and every error by row and column."""

import datetime

from django.utils import timezone

from curricula.models import Assignment, AssignmentMember
from lms.imports.readers import read_table
from lms.imports.runs import import_run

HEADER = (
    "curriculum_code;course_code;person_email;organisation_code;include_units;"
    "role;scope_code;service_code;resource_code;provider;due_date;due_in_days"
)


def _run(lines, user, dry_run=False):
    data = "\n".join([HEADER, *lines]).encode()
    return import_run(
        importer_name="assignments",
        table=read_table(data, "uzdevumi.csv"),
        dry_run=dry_run,
        user=user,
    )


def test_a_good_file_assigns_and_a_check_writes_nothing(two_institutions, curriculum):
    w = two_institutions
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    lines = [
        f"PLĀNS-Ā;;;;;;;{w['service_a'].code};;external;{due};",
        f"PLĀNS-Ā;;{w['staff_a'].email.upper()};;;;;;;any;;30",
        f"PLĀNS-Ā;;;{w['unit_a'].code};nē;;;;;any;;14",
    ]
    check = _run(lines, w["coordinator_a"], dry_run=True)
    assert check.ok, check.errors
    assert not Assignment.objects.exists()
    report = _run(lines, w["coordinator_a"])
    assert report.ok and report.new == 3
    assert Assignment.objects.count() == 3
    assert AssignmentMember.objects.filter(person=w["partner_person"]).exists()


def test_every_error_is_named_by_row_and_column(two_institutions, curriculum, courses):
    w = two_institutions
    lines = [
        # 2: both a curriculum and a course
        "PLĀNS-Ā;ITIL-PAM;;;;;;SVC;;any;;30",
        # 3: no audience
        "PLĀNS-Ā;;;;;;;;;any;;30",
        # 4: unknown role
        "PLĀNS-Ā;;;;;boss;;;;any;;30",
        # 5: bad provider
        f"PLĀNS-Ā;;;;;;;{w['service_a'].code};;partners;;30",
        # 6: past due date
        f"PLĀNS-Ā;;;;;;;{w['service_a'].code};;any;2020-01-01;",
        # 7: another institution's service
        f"PLĀNS-Ā;;;;;;;{w['service_b'].code};;any;;30",
        # 8: unknown curriculum
        f"NAV-TĀDA;;;;;;;{w['service_a'].code};;any;;30",
        # 9: not a date
        f"PLĀNS-Ā;;;;;;;{w['service_a'].code};;any;31.12.2030;",
        # 10: include_units neither yes nor no
        f"PLĀNS-Ā;;;{w['unit_a'].code};varbūt;;;;;any;;30",
    ]
    report = _run(lines, w["coordinator_a"])
    found = {(error.row, error.column) for error in report.errors}
    assert found == {
        (2, "curriculum_code"),
        (3, "person_email"),
        (4, "role"),
        (5, "provider"),
        (6, "due_date"),
        (7, ""),
        (8, "curriculum_code"),
        (9, "due_date"),
        (10, "include_units"),
    }
    assert not Assignment.objects.exists()


def test_a_learner_may_not_import_assignments(two_institutions):
    from lms.imports import registry

    assert not registry.get("assignments").can_import(two_institutions["learner"])
    assert registry.get("assignments").can_import(two_institutions["coordinator_a"])
