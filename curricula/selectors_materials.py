"""Reads of curricula/ about the materials a curriculum asks to acknowledge:
who they ask (for support/'s audience) and how an assignment stands with
each. The rows themselves are `curricula.selectors.material_compliance_rows`.
"""

import datetime

from django.db.models import Count, IntegerField, Max, QuerySet

from curricula.models import (
    AssignmentMember,
    AssignmentStatus,
    CurriculumMaterial,
    MemberStatus,
)
from curricula.selectors import material_compliance_rows

# A material is acknowledged or not: it has no "in progress".
MATERIAL_STATUSES = (
    MemberStatus.COMPLETED,
    MemberStatus.OVERDUE,
    MemberStatus.NOT_STARTED,
    MemberStatus.LEFT,
)


def _asking_members() -> QuerySet[AssignmentMember]:
    return AssignmentMember.objects.filter(left_on__isnull=True).exclude(
        assignment__status=AssignmentStatus.DRAFT
    )


def curriculum_material_people(material) -> QuerySet:
    """Ids (`person_id`) of the people whose open assignment's curriculum
    lists `material` (its Latvian page): support/ asks them to acknowledge
    it, whatever the material's own audience."""
    return (
        _asking_members()
        .filter(assignment__curriculum__materials__material=material)
        .values("person_id")
    )


def curriculum_material_ids(person) -> QuerySet:
    """Ids (`material_id`) of the materials listed by the curricula of
    `person`'s open assignments (the same rule, from the person's side)."""
    return CurriculumMaterial.objects.filter(
        material_id__isnull=False,
        curriculum__assignments__in=_asking_members()
        .filter(person=person)
        .values("assignment_id"),
    ).values("material_id")


def material_status_counts(
    *, members: QuerySet[AssignmentMember], as_of: datetime.date
) -> list[dict]:
    """Per material of the members' curricula, in the plan's order: the
    material page and how many members are in each status (two queries)."""
    from courses.models import MaterialPage

    rows = (
        material_compliance_rows(members=members, as_of=as_of)
        .order_by()
        .values("material_id", "status")
        .annotate(
            n=Count("pk", output_field=IntegerField()), order=Max("material_order")
        )
    )
    by_material: dict[int, dict] = {}
    for row in rows:
        entry = by_material.setdefault(
            row["material_id"],
            {"order": row["order"], "counts": dict.fromkeys(MemberStatus.values, 0)},
        )
        entry["counts"][row["status"]] = row["n"]
    pages = MaterialPage.objects.in_bulk(list(by_material))
    result = []
    for pk, entry in sorted(by_material.items(), key=lambda item: item[1]["order"]):
        entry["material"] = pages.get(pk)
        entry["statuses"] = [
            (MemberStatus(status).label, entry["counts"][status])
            for status in MATERIAL_STATUSES
        ]
        result.append(entry)
    return result
