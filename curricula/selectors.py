"""Reads of curricula/: audiences, compliance and notices, all in SQL.

Compliance is computed per (member, course) from the person's current
enrolment, its completion and its lesson progress, so that a listing of
10,000 rows is one query, and the admin, the exports and `manage.py report
compliance` read the same rows.
"""

import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import translation

from catalogue.models import Involvement, RoleAssignment
from courses.models import Completion, Enrolment, LessonProgress
from curricula.models import (
    Assignment,
    AssignmentMember,
    AssignmentStatus,
    AudienceKind,
    CurriculumCompletion,
    MemberStatus,
    Notification,
    Provider,
)
from people.models import Person
from people.selectors import internal_organisation_ids
from support.models import Acknowledgement

# A curriculum is below target under this share of completed courses.
TARGET_PERCENT = 80


def audience_people(
    *, assignment: Assignment, as_of: datetime.date, people: QuerySet | None = None
) -> QuerySet[Person]:
    """The people `assignment`'s audience rule matches on `as_of`, limited to
    `people` (the assigning coordinator's scope). Unsaved assignments work
    for every kind but individual people (the preview passes their ids)."""
    qs = Person.objects.all() if people is None else people
    kind = assignment.audience_kind
    if kind == AudienceKind.PEOPLE:
        if assignment.pk is None:
            return qs.none()
        return qs.filter(pk__in=assignment.people.values("pk"))
    if kind == AudienceKind.ORGANISATION:
        if not assignment.organisation_id:
            return qs.none()
        org_ids = {assignment.organisation_id}
        if assignment.include_units:
            org_ids = internal_organisation_ids(owner_ids=[assignment.organisation_id])[
                assignment.organisation_id
            ]
        return qs.filter(organisation_id__in=org_ids)
    if kind == AudienceKind.ROLE:
        if not assignment.role:
            return qs.none()
        roles = RoleAssignment.objects.filter(role=assignment.role)
        if assignment.organisation_id:
            roles = roles.filter(organisation_id=assignment.organisation_id)
        if assignment.service_id:
            roles = roles.filter(service_id=assignment.service_id)
        if assignment.resource_id:
            roles = roles.filter(resource_id=assignment.resource_id)
        return qs.filter(pk__in=roles.values("person_id"))
    if kind in (AudienceKind.SERVICE, AudienceKind.RESOURCE):
        target = {kind: getattr(assignment, f"{kind}_id")}
        if not target[kind]:
            return qs.none()
        involvements = Involvement.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=as_of),
            start_date__lte=as_of,
            **{f"{kind}_id": target[kind]},
        )
        if assignment.provider != Provider.ANY:
            involvements = involvements.filter(relation=assignment.provider)
        return qs.filter(pk__in=involvements.values("person_id"))
    return qs.none()


def assignment_course_ids(assignment: Assignment) -> list[int]:
    """The assigned course, or the curriculum's courses in order."""
    if assignment.course_id:
        return [assignment.course_id]
    return [
        pk
        for pk in assignment.curriculum.items.order_by("sort_order").values_list(
            "course_id", flat=True
        )
        if pk is not None
    ]


def compliance_rows(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date
) -> QuerySet[AssignmentMember]:
    """One row per member and assigned course, with its compliance `status`
    on `as_of` and `completed_on`, `assigned_on`, `due` in SQL.

    The join through the curriculum's courses gives one row per course (a
    single-course assignment has none, so the course is coalesced in).
    Completed counts only in the member's current round: a recurrence opens
    a new enrolment, whose completion is still missing.
    """
    rows = (
        members.filter(entered_on__lte=as_of)
        .exclude(assignment__status=AssignmentStatus.DRAFT)
        .annotate(
            course_id=Coalesce(
                F("assignment__course_id"),
                F("assignment__curriculum__items__course_id"),
            ),
            course_code=Coalesce(
                F("assignment__course__code"),
                F("assignment__curriculum__items__course__code"),
            ),
        )
        .filter(course_id__isnull=False)
    )
    current = Enrolment.objects.filter(
        person_id=OuterRef("person_id"),
        course_id=OuterRef("course_id"),
        is_current=True,
    )
    completed = Completion.objects.filter(
        person_id=OuterRef("person_id"),
        course_id=OuterRef("course_id"),
        enrolment__is_current=True,
        completed_on__lte=as_of,
    )
    progress = LessonProgress.objects.filter(
        enrolment__person_id=OuterRef("person_id"),
        enrolment__course_id=OuterRef("course_id"),
        enrolment__is_current=True,
        first_viewed_at__date__lte=as_of,
    )
    rows = rows.annotate(
        enrolment_id=Subquery(current.values("pk")[:1]),
        completed_on=Subquery(
            completed.values("completed_on")[:1], output_field=DateField()
        ),
        started=Exists(progress),
        assigned_on=F("entered_on"),
        curriculum_code=F("assignment__curriculum__code"),
        person_email=F("person__email"),
    ).annotate(
        status=Case(
            When(left_on__lte=as_of, then=Value(MemberStatus.LEFT.value)),
            When(completed_on__isnull=False, then=Value(MemberStatus.COMPLETED.value)),
            When(due_on__lt=as_of, then=Value(MemberStatus.OVERDUE.value)),
            When(started=True, then=Value(MemberStatus.IN_PROGRESS.value)),
            default=Value(MemberStatus.NOT_STARTED.value),
            output_field=CharField(),
        )
    )
    return rows.select_related(
        "person", "person__organisation", "assignment", "assignment__curriculum"
    ).order_by("assignment_id", "person__last_name", "person__first_name", "course_id")


def material_compliance_rows(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date
) -> QuerySet[AssignmentMember]:
    """One row per member and material of their curriculum, with its `status`
    on `as_of` and `completed_on` (the day of the acknowledgement), in SQL.

    A material counts as completed when the person has acknowledged the
    version that was current on `as_of` (support's Acknowledgement); there is
    no "in progress". These rows are shown in the admin overview and on the
    learner's dashboard; the `compliance` report's CSV (a fixed contract of
    course rows) leaves them out.
    """
    rows = (
        members.filter(entered_on__lte=as_of)
        .exclude(assignment__status=AssignmentStatus.DRAFT)
        .annotate(
            material_id=F("assignment__curriculum__materials__material_id"),
            material_order=F("assignment__curriculum__materials__sort_order"),
        )
        .filter(material_id__isnull=False)
    )
    acknowledged = Acknowledgement.objects.filter(
        Q(version__superseded_at__isnull=True)
        | Q(version__superseded_at__date__gt=as_of),
        person_id=OuterRef("person_id"),
        material_id=OuterRef("material_id"),
        version__published_at__date__lte=as_of,
        acknowledged_at__date__lte=as_of,
    )
    rows = rows.annotate(
        completed_on=Subquery(
            acknowledged.annotate(day=TruncDate("acknowledged_at"))
            .order_by("-acknowledged_at")
            .values("day")[:1],
            output_field=DateField(),
        ),
    ).annotate(
        status=Case(
            When(left_on__lte=as_of, then=Value(MemberStatus.LEFT.value)),
            When(completed_on__isnull=False, then=Value(MemberStatus.COMPLETED.value)),
            When(due_on__lt=as_of, then=Value(MemberStatus.OVERDUE.value)),
            default=Value(MemberStatus.NOT_STARTED.value),
            output_field=CharField(),
        )
    )
    return rows.select_related("person", "assignment__curriculum").order_by(
        "assignment_id", "person__last_name", "person__first_name", "material_order"
    )


def members_all_items_done(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date
) -> dict[int, datetime.date]:
    """Member id → the day they finished their last item, for the members
    whose every course is completed in their current round and every
    material acknowledged in its current version (two queries)."""
    done = (
        compliance_rows(members=members, as_of=as_of)
        .order_by()
        .values("pk")
        .annotate(
            total=Count("course_id"),
            completed=Count("course_id", filter=Q(status=MemberStatus.COMPLETED)),
            last=Max("completed_on"),
        )
        .filter(total=F("completed"))
    )
    last = {row["pk"]: row["last"] for row in done}
    if not last:
        return last
    materials = (
        material_compliance_rows(
            members=AssignmentMember.objects.filter(pk__in=list(last)), as_of=as_of
        )
        .order_by()
        .values("pk")
        .annotate(
            total=Count("material_id"),
            completed=Count("material_id", filter=Q(status=MemberStatus.COMPLETED)),
            last=Max("completed_on"),
        )
    )
    for row in materials:
        if row["total"] != row["completed"]:
            del last[row["pk"]]
        else:
            last[row["pk"]] = max(last[row["pk"]], row["last"])
    return last


def member_items_done_on(
    *, member: AssignmentMember, as_of: datetime.date
) -> datetime.date | None:
    """The day the member finished the last item of their curriculum's
    current round, or None while an item is missing (or the plan is empty)."""
    done = members_all_items_done(
        members=AssignmentMember.objects.filter(pk=member.pk), as_of=as_of
    )
    return done.get(member.pk)


def open_curriculum_members(
    *, person_id: int, course_id: int | None = None, material_id: int | None = None
) -> QuerySet[AssignmentMember]:
    """A person's open memberships of curriculum assignments (those whose
    curriculum has `course_id` or `material_id`, if given)."""
    members = AssignmentMember.objects.filter(
        person_id=person_id,
        left_on__isnull=True,
        assignment__curriculum__isnull=False,
    ).exclude(assignment__status=AssignmentStatus.DRAFT)
    if course_id is not None:
        members = members.filter(assignment__curriculum__items__course_id=course_id)
    if material_id is not None:
        members = members.filter(
            assignment__curriculum__materials__material_id=material_id
        )
    return members.distinct().order_by("pk")


def compliance_summary(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date, by: str
) -> list[dict]:
    """Compliance % grouped `by` "assignment" or "organisation": completed
    courses of the people still in the audience over all their courses."""
    group = {
        "assignment": ("assignment_id",),
        "organisation": ("person__organisation_id",),
    }[by]
    rows = (
        compliance_rows(members=members, as_of=as_of)
        .exclude(status=MemberStatus.LEFT)
        .order_by()
        .values(*group)
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(status=MemberStatus.COMPLETED)),
            overdue=Count("pk", filter=Q(status=MemberStatus.OVERDUE)),
            people=Count("person_id", distinct=True),
        )
    )
    result = []
    for row in rows:
        row["percent"] = round(100 * row["completed"] / row["total"])
        row["key"] = row[group[0]]
        result.append(row)
    return result


def overdue_members(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date
) -> QuerySet[AssignmentMember]:
    """Open members with at least one overdue course or material on `as_of`."""
    overdue = compliance_rows(members=members, as_of=as_of).filter(
        status=MemberStatus.OVERDUE
    )
    overdue_materials = material_compliance_rows(members=members, as_of=as_of).filter(
        status=MemberStatus.OVERDUE
    )
    return (
        members.filter(
            Q(pk__in=overdue.values("pk")) | Q(pk__in=overdue_materials.values("pk"))
        )
        .select_related("person", "person__organisation", "assignment")
        .order_by("due_on", "person__last_name")
    )


def member_status_counts(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date
) -> dict[str, int]:
    rows = (
        compliance_rows(members=members, as_of=as_of)
        .order_by()
        .values("status")
        .annotate(n=Count("pk", output_field=IntegerField()))
    )
    return {row["status"]: row["n"] for row in rows}


def learner_curricula(*, person: Person, as_of: datetime.date) -> list[dict]:
    """The person's open assignments with their due dates, soonest first,
    each with the courses and the materials to acknowledge and their status
    (five queries, however many)."""
    from courses.models import CoursePage, MaterialPage
    from lms.page_cache import active_locale_id

    members = AssignmentMember.objects.filter(person=person, left_on__isnull=True)
    rows = list(compliance_rows(members=members, as_of=as_of))
    material_rows = list(material_compliance_rows(members=members, as_of=as_of))
    by_member: dict[int, dict] = {}
    for key, group in (("courses", rows), ("materials", material_rows)):
        for row in group:
            if row.pk not in by_member:
                by_member[row.pk] = {
                    "member": row,
                    "title": str(row.assignment.curriculum or ""),
                    "due_on": row.due_on,
                    "courses": [],
                    "materials": [],
                }
            by_member[row.pk][key].append(row)
            row.status_label = MemberStatus(row.status).label
    courses = CoursePage.objects.in_bulk({row.course_id for row in rows})
    materials = MaterialPage.objects.in_bulk({row.material_id for row in material_rows})
    # Each material is linked in the reader's language when it is translated.
    translated = {
        page.translation_key: page
        for page in MaterialPage.objects.live().filter(
            translation_key__in=[page.translation_key for page in materials.values()],
            locale_id=active_locale_id(),
        )
    }
    for entry in by_member.values():
        for row in entry["courses"]:
            row.course = courses.get(row.course_id)
        for row in entry["materials"]:
            source = materials.get(row.material_id)
            row.material = source and translated.get(source.translation_key, source)
        entry["to_acknowledge"] = [
            row
            for row in entry["materials"]
            if row.status != MemberStatus.COMPLETED and row.material is not None
        ]
        if not entry["title"] and entry["courses"]:
            entry["title"] = str(entry["courses"][0].course)
        statuses = {row.status for row in entry["courses"] + entry["materials"]}
        entry["status"] = (
            MemberStatus.COMPLETED
            if statuses == {MemberStatus.COMPLETED}
            else MemberStatus.OVERDUE
            if MemberStatus.OVERDUE in statuses
            else MemberStatus.IN_PROGRESS
            if statuses & {MemberStatus.IN_PROGRESS, MemberStatus.COMPLETED}
            else MemberStatus.NOT_STARTED
        )
        entry["status_label"] = MemberStatus(entry["status"]).label
    return sorted(
        by_member.values(),
        key=lambda entry: (entry["due_on"] or datetime.date.max, entry["title"]),
    )


def curriculum_completion_list(
    *, members: QuerySet[AssignmentMember]
) -> QuerySet[CurriculumCompletion]:
    """The recorded curriculum completions of `members`, newest first."""
    return (
        CurriculumCompletion.objects.filter(member__in=members)
        .select_related("person", "person__organisation", "member")
        .order_by("-completed_on", "-recorded_at")
    )


def texts_in_both_languages(subject) -> tuple[str, str]:
    """`str(subject)` with Latvian active, then with English: a notice's
    subject in both languages, whichever language the caller runs in."""
    with translation.override("lv"):
        latvian = str(subject)[:255]
    with translation.override("en"):
        english = str(subject)[:255]
    return latvian, english


def assignment_subject_texts(assignment: Assignment) -> tuple[str, str]:
    """What an assignment is about, in Latvian and English: the curriculum's
    code and name, or the course's title and its English translation's."""
    if assignment.curriculum_id:
        return texts_in_both_languages(assignment.curriculum)
    from courses.models import CoursePage

    english = (
        CoursePage.objects.filter(
            translation_key=assignment.course.translation_key,
            locale__language_code="en",
        )
        .values_list("title", flat=True)
        .first()
    )
    return assignment.course.title[:255], (english or "")[:255]


def notification_list(*, queryset: QuerySet[Notification]) -> QuerySet[Notification]:
    """Notices newest first, with their recipient (whose language they are
    shown in) and the learner they are about."""
    return queryset.select_related("person", "about_person").order_by("-created_at")


def any_completed_course(person_ids: list[int], course_ids: list[int]) -> bool:
    """Whether one of the people may have finished a plan of these courses
    already: someone with a completion of one of them (a plan of materials
    alone: anyone)."""
    if not course_ids:
        return True
    return Completion.objects.filter(
        person_id__in=person_ids, course_id__in=course_ids
    ).exists()
