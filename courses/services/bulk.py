"""Enrolments for many people at once: assignments to whole audiences.

The same rules as `enrolment_create` (one current enrolment per person and
course, the earliest due date wins, a new round after the last one), written
with a fixed number of queries per batch of people rather than per person.
"""

import datetime

from django.db import transaction
from django.db.models import Case, Max, Q, When

from courses.models import CoursePage, Enrolment, EnrolmentSource
from courses.selectors import course_canonical
from lms.page_cache import people_touch

# Person ids per statement: far below SQLite's parameter limit.
BATCH = 5000


def _batches(ids: list[int]):
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


@transaction.atomic
def enrolment_bulk_ensure(
    *,
    person_ids,
    course: CoursePage,
    due_on: datetime.date | None = None,
    source: str = EnrolmentSource.ASSIGNMENT,
    actor=None,
) -> int:
    """Give every person in `person_ids` a current enrolment in `course`.

    Existing current enrolments are kept; their due date moves only earlier.
    New ones open the round after the person's last. Callers have checked
    that the people are theirs to enrol (the system writes, `actor` is
    recorded as `enrolled_by`). Concurrent calls for the same people leave one
    enrolment each: the unique constraint on current enrolments turns the
    second insert into a no-op. Returns how many enrolments were created.
    """
    course = course_canonical(course)
    created = 0
    for ids in _batches(sorted(set(person_ids))):
        # Each person's last round and whether they have a current
        # enrolment, in one grouped read.
        rounds = (
            Enrolment.objects.filter(course=course, person_id__in=ids)
            .values("person_id")
            .annotate(
                last=Max("round"),
                current=Max(Case(When(is_current=True, then=1), default=0)),
            )
            .values_list("person_id", "last", "current")
        )
        last_round, current = {}, set()
        for pk, last, is_current in rounds:
            last_round[pk] = last
            if is_current:
                current.add(pk)
        new = [
            Enrolment(
                person_id=pk,
                course=course,
                round=last_round.get(pk, 0) + 1,
                source=source,
                due_on=due_on,
                enrolled_by=actor,
            )
            for pk in ids
            if pk not in current
        ]
        Enrolment.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        created += len(new)
        if due_on is not None and current:
            Enrolment.objects.filter(
                course=course, person_id__in=ids, is_current=True
            ).filter(Q(due_on__isnull=True) | Q(due_on__gt=due_on)).update(
                due_on=due_on
            )
        # Bulk writes send no post_save: their dashboards are recomputed.
        people_touch(ids)
    return created
