"""Keeping assignments true: joiners in, leavers out, rounds renewed.

Every write is in bulk, so that synchronising an audience of 10,000 costs the
same number of queries as one of 10 (per batch of 5,000 people). Run again,
it changes nothing: members are compared with the audience, and enrolments
are ensured, never duplicated (courses.services.enrolment_bulk_ensure).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from courses.models import CoursePage, Enrolment
from courses.services import enrolment_bulk_ensure, enrolment_renew
from curricula.models import (
    Assignment,
    AssignmentMember,
    AssignmentStatus,
    CurriculumCompletion,
    Notification,
    NotificationKind,
)
from curricula.permissions import assignable_people
from curricula.progress import progress_clear, progress_set
from curricula.selectors import (
    any_completed_course,
    assignment_course_ids,
    assignment_subject_texts,
    audience_people,
)
from curricula.services.completions import curriculum_completions_sweep
from lms.page_cache import people_touch

DEFAULT_WINDOW_DAYS = 30


@dataclass
class SyncResult:
    joined: int = 0
    left: int = 0


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months, clamped to the month's last day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def member_due_on(assignment: Assignment, entered_on: datetime.date):
    """The absolute due date, or `due_in_days` after entering the audience."""
    if assignment.due_date:
        return assignment.due_date
    if assignment.due_in_days is not None:
        return entered_on + datetime.timedelta(days=assignment.due_in_days)
    return None


@transaction.atomic
def assignment_sync(
    *, assignment: Assignment, today: datetime.date | None = None
) -> SyncResult:
    """Bring an active assignment's members in line with its audience today.

    Joiners get a member row (entered today), enrolments in every course
    (due per the assignment; an earlier due date elsewhere wins) and an
    "assigned" notice; leavers' open rows are closed as left, their history
    (enrolments, completions) untouched.
    """
    today = today or timezone.localdate()
    result = SyncResult()
    if assignment.status != AssignmentStatus.ACTIVE:
        return result
    audience = set(
        audience_people(
            assignment=assignment,
            as_of=today,
            people=assignable_people(assignment.created_by),
        ).values_list("pk", flat=True)
    )
    open_members = dict(
        AssignmentMember.objects.filter(
            assignment=assignment, left_on__isnull=True
        ).values_list("person_id", "pk")
    )
    joiners = sorted(audience - set(open_members))
    leavers = [open_members[pk] for pk in set(open_members) - audience]
    course_ids = assignment_course_ids(assignment)
    steps = len(course_ids) + 2
    progress_set(assignment.pk, 0, steps)
    # Bulk writes send no post_save: the dashboards concerned are recomputed.
    people_touch([*joiners, *(set(open_members) - audience)])
    if leavers:
        result.left = AssignmentMember.objects.filter(pk__in=leavers).update(
            left_on=today
        )
    if joiners:
        due_on = member_due_on(assignment, today)
        AssignmentMember.objects.bulk_create(
            [
                AssignmentMember(
                    assignment=assignment,
                    person_id=pk,
                    entered_on=today,
                    due_on=due_on,
                    round_started_on=today,
                )
                for pk in joiners
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        result.joined = len(joiners)
        progress_set(assignment.pk, 1, steps)
        courses = CoursePage.objects.in_bulk(course_ids)
        for done, pk in enumerate(course_ids, start=2):
            enrolment_bulk_ensure(
                person_ids=joiners,
                course=courses[pk],
                due_on=due_on,
                actor=assignment.created_by,
            )
            progress_set(assignment.pk, done, steps)
        subject_type = ContentType.objects.get_for_model(Assignment)
        latvian, english = assignment_subject_texts(assignment)
        Notification.objects.bulk_create(
            [
                Notification(
                    person_id=pk,
                    kind=NotificationKind.ASSIGNED,
                    subject_type=subject_type,
                    subject_id=assignment.pk,
                    due_round=today.isoformat(),
                    subject_text=latvian,
                    subject_text_en=english,
                    due_on=due_on,
                )
                for pk in joiners
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        if assignment.curriculum_id and any_completed_course(joiners, course_ids):
            # A joiner who had finished every item already completes now.
            curriculum_completions_sweep(
                today=today,
                members=AssignmentMember.objects.filter(
                    assignment=assignment, person_id__in=joiners
                ),
            )
    assignment.synced_at = timezone.now()
    assignment.save(update_fields=["synced_at"])
    if joiners or leavers:
        log(
            instance=assignment,
            action="curricula.assignment_sync",
            user=None,
            data={"joined": result.joined, "left": result.left},
        )
    progress_clear(assignment.pk)
    return result


def assignments_sync_all(*, today: datetime.date | None = None) -> SyncResult:
    """Synchronise every active assignment (`manage.py sync_assignments`, and
    after people, roles or involvements change). Idempotent."""
    total = SyncResult()
    for assignment in Assignment.objects.filter(
        status=AssignmentStatus.ACTIVE
    ).select_related("curriculum", "course", "created_by"):
        result = assignment_sync(assignment=assignment, today=today)
        total.joined += result.joined
        total.left += result.left
    return total


@transaction.atomic
def assignments_recur(*, today: datetime.date | None = None) -> int:
    """Open the next round of recurring curricula whose window has opened.

    A member who completed the current round (CurriculumCompletion) is due
    again `recurrence_months` after that completion; from
    `recertification_window_days` before that date, each course gets a new
    enrolment round (courses.services.enrolment_renew) and the member a new
    round and due date. The completed round stays in the history. Returns how
    many members were renewed; run twice the same day, the second renews none.
    """
    today = today or timezone.localdate()
    members = AssignmentMember.objects.filter(
        left_on__isnull=True,
        assignment__status=AssignmentStatus.ACTIVE,
        assignment__curriculum__recurrence_months__isnull=False,
    )
    # The round's completion is recorded before the next round opens, even if
    # the receiver that should have recorded it was lost.
    curriculum_completions_sweep(today=today, members=members)
    last_completed = dict(
        CurriculumCompletion.objects.filter(
            member__in=members, round=F("member__round")
        ).values_list("member_id", "completed_on")
    )
    renewed = 0
    for member in AssignmentMember.objects.filter(
        pk__in=list(last_completed)
    ).select_related("assignment__curriculum"):
        curriculum = member.assignment.curriculum
        next_due = add_months(last_completed[member.pk], curriculum.recurrence_months)
        window = curriculum.recertification_window_days
        window = DEFAULT_WINDOW_DAYS if window is None else window
        if today < next_due - datetime.timedelta(days=window):
            continue
        for enrolment in Enrolment.objects.filter(
            person_id=member.person_id,
            course_id__in=assignment_course_ids(member.assignment),
            is_current=True,
        ):
            enrolment_renew(actor=None, enrolment=enrolment, due_on=next_due)
        member.round += 1
        member.due_on = next_due
        member.round_started_on = today
        member.save(update_fields=["round", "due_on", "round_started_on"])
        renewed += 1
    return renewed
