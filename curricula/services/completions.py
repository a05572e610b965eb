"""Curriculum completions: the record that a member finished the whole plan.

A member completes a round when every course of the curriculum has a
completion of the person's current enrolment (the rule of
`curricula.selectors.compliance_rows`) and every material of it is
acknowledged in its current version (`material_compliance_rows`). The
record is made once per member and round (a unique constraint), whoever asks
first: the receiver of `courses.signals.completion_recorded` or of a saved
acknowledgement, the synchronisation (a joiner who had finished everything
already) or the daily run (before recurrence opens the next round).
`curriculum_completed` is sent after the commit, once.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from curricula.models import (
    AssignmentMember,
    AssignmentStatus,
    CurriculumCompletion,
)
from curricula.selectors import (
    member_items_done_on,
    members_all_items_done,
    open_curriculum_members,
)
from curricula.signals import curriculum_completed


def _send(completion: CurriculumCompletion) -> None:
    transaction.on_commit(
        lambda: curriculum_completed.send(
            sender=CurriculumCompletion, completion=completion
        )
    )


@transaction.atomic
def curriculum_completion_evaluate(
    *, member: AssignmentMember, today: datetime.date | None = None
) -> CurriculumCompletion | None:
    """Record the member's completion of the current round, if every item of
    the curriculum is done by `today`; return it (or the one recorded
    earlier), or None while something is missing.

    Only open members of curriculum assignments: a single course's own
    Completion is its record. Idempotent: the member row is locked, and the
    insert is a get-or-create on the unique (member, round), so a double call
    or two concurrent calls record one completion and send one signal.
    """
    today = today or timezone.localdate()
    member = (
        AssignmentMember.objects.select_for_update(of=("self",))
        .select_related("assignment__curriculum")
        .filter(pk=member.pk)
        .first()
    )
    if (
        member is None
        or member.left_on is not None
        or not member.assignment.curriculum_id
        or member.assignment.status == AssignmentStatus.DRAFT
    ):
        return None
    existing = CurriculumCompletion.objects.filter(
        member=member, round=member.round
    ).first()
    if existing is not None:
        return existing
    completed_on = member_items_done_on(member=member, as_of=today)
    if completed_on is None:
        return None
    completion, created = CurriculumCompletion.objects.get_or_create(
        member=member,
        round=member.round,
        defaults={
            "person_id": member.person_id,
            "curriculum_id": member.assignment.curriculum_id,
            "completed_on": completed_on,
        },
    )
    if created:
        _send(completion)
    return completion


def curriculum_completions_evaluate(
    *,
    person_id: int,
    course_id: int | None = None,
    material_id: int | None = None,
    today: datetime.date | None = None,
) -> list[CurriculumCompletion]:
    """Evaluate every open curriculum membership of a person (those whose plan
    contains `course_id` or `material_id`, if given): after a course
    completion or an acknowledgement. Returns the completions recorded or
    found."""
    completions = []
    for member in open_curriculum_members(
        person_id=person_id, course_id=course_id, material_id=material_id
    ):
        completion = curriculum_completion_evaluate(member=member, today=today)
        if completion is not None:
            completions.append(completion)
    return completions


def curriculum_completions_sweep(
    *, today: datetime.date | None = None, members: QuerySet | None = None
) -> int:
    """Record the completions still missing among `members` (every open
    member of a curriculum assignment): whoever finished everything but has
    no record of the round, because a receiver was lost or the last item was
    done before they joined. One query finds them; returns how many were
    recorded. The daily run and the synchronisation call it."""
    today = today or timezone.localdate()
    if members is None:
        members = AssignmentMember.objects.all()
    members = members.filter(
        left_on__isnull=True, assignment__curriculum__isnull=False
    ).exclude(
        Exists(
            CurriculumCompletion.objects.filter(
                member_id=OuterRef("pk"), round=OuterRef("round")
            )
        )
    )
    recorded = 0
    for pk in sorted(members_all_items_done(members=members, as_of=today)):
        member = AssignmentMember(pk=pk)
        if curriculum_completion_evaluate(member=member, today=today) is not None:
            recorded += 1
    return recorded
