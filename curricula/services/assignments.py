"""Curricula and assignments: the checks and saves every path goes through.

The admin forms, the `assignments` importer and the demo loader call these;
the audience itself is kept true by curricula/services/sync.py.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalogue.permissions import resources_visible_to, services_visible_to
from courses.selectors import course_canonical
from curricula.models import (
    Assignment,
    AssignmentStatus,
    AudienceKind,
    Curriculum,
)
from curricula.permissions import (
    assignable_people,
    assignments_visible_to,
    can_assign,
    curricula_visible_to,
)
from curricula.selectors import audience_people
from people.permissions import WriteScope, home_organisation, organisations_visible_to
from support.selectors import material_source

# Audiences up to this size are synchronised in the request; larger ones by
# the task worker, with a progress bar.
INLINE_MAX_PEOPLE = 200


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# Curricula -------------------------------------------------------------------------


def curriculum_courses_check(*, courses) -> str | None:
    """Why a plan with these courses cannot be assigned now, if it cannot: a
    course removed from the site (None) or not published."""
    if any(course is None for course in courses):
        return _("A course of this curriculum has been deleted. Remove it first.")
    unpublished = [course.title for course in courses if not course.live]
    if unpublished:
        return _("These courses are not published: %(courses)s") % {
            "courses": ", ".join(unpublished)
        }
    if not courses:
        return _("The curriculum has no courses.")
    return None


def curriculum_materials_check(*, materials) -> str | None:
    """Why a plan with these materials to acknowledge cannot be assigned now,
    if it cannot: a material removed from the site (None), not published, or
    not asking for acknowledgement (nobody could acknowledge it)."""
    if any(material is None for material in materials):
        return _("A material of this curriculum has been deleted. Remove it first.")
    unpublished = [material.title for material in materials if not material.live]
    if unpublished:
        return _("These materials are not published: %(materials)s") % {
            "materials": ", ".join(unpublished)
        }
    silent = [
        material.title
        for material in materials
        if not material.requires_acknowledgement
    ]
    if silent:
        return _("These materials do not ask for acknowledgement: %(materials)s") % {
            "materials": ", ".join(silent)
        }
    return None


def curriculum_check(*, curriculum: Curriculum, stored, scope: WriteScope) -> dict:
    """Errors, by field, of storing `curriculum` as `scope`'s user: the owner is
    their institution, before and after."""
    for old_or_new in (stored, curriculum):
        if old_or_new is None or old_or_new.owner_id is None:
            continue
        if not scope.owns_organisation_id(old_or_new.owner_id):
            return {
                "owner": _("The owner must be your institution or one of its units.")
            }
    return {}


@transaction.atomic
def curriculum_save(*, curriculum: Curriculum, actor=None) -> Curriculum:
    """Validate and store a curriculum (its courses with it); the owner defaults
    to the actor's institution."""
    if curriculum.owner_id is None and actor is not None:
        curriculum.owner = home_organisation(actor)
    stored = (
        Curriculum.objects.filter(pk=curriculum.pk).first() if curriculum.pk else None
    )
    _raise(
        curriculum_check(curriculum=curriculum, stored=stored, scope=WriteScope(actor))
    )
    curriculum.full_clean(exclude=["items", "materials"])
    # Enrolments point at a course's default-language page: so must the plan,
    # whichever translation the editor picked.
    for item in curriculum.items.all():
        if item.course_id is not None:
            item.course = course_canonical(item.course)
    # Acknowledgements are recorded on a material's Latvian page (support).
    for item in curriculum.materials.all():
        if item.material_id is not None:
            item.material = material_source(item.material)
    curriculum.save()
    return curriculum


# Assignments -----------------------------------------------------------------------


@dataclass
class AssignmentOutcome:
    assignment: Assignment
    warnings: list[str] = field(default_factory=list)
    matched: int = 0
    queued: bool = False


REQUIRED_BY_KIND = {
    AudienceKind.ORGANISATION: "organisation",
    AudienceKind.ROLE: "role",
    AudienceKind.SERVICE: "service",
    AudienceKind.RESOURCE: "resource",
}


def _subject_courses(assignment: Assignment) -> list:
    if assignment.course_id:
        return [assignment.course]
    return [item.course for item in assignment.curriculum.items.all()]


def assignment_scope_check(*, assignment: Assignment, actor, people_ids=()) -> None:
    """Raise PermissionDenied (403) when `actor` may not assign this: not a
    coordinator, or a curriculum, audience or person outside their scope."""
    if actor is None:
        return
    if not can_assign(actor):
        raise PermissionDenied(_("You may not assign curricula."))
    outside = False
    if assignment.curriculum_id:
        outside |= (
            not curricula_visible_to(actor).filter(pk=assignment.curriculum_id).exists()
        )
    if assignment.organisation_id:
        outside |= (
            not organisations_visible_to(actor)
            .filter(pk=assignment.organisation_id)
            .exists()
        )
    if assignment.service_id:
        outside |= (
            not services_visible_to(actor).filter(pk=assignment.service_id).exists()
        )
    if assignment.resource_id:
        outside |= (
            not resources_visible_to(actor).filter(pk=assignment.resource_id).exists()
        )
    ids = set(people_ids)
    if ids:
        outside |= assignable_people(actor).filter(pk__in=ids).count() != len(ids)
    if outside:
        raise PermissionDenied(
            _("You may assign only within your institution's scope.")
        )


def assignment_check(
    *, assignment: Assignment, stored: Assignment | None, today: datetime.date
) -> dict:
    """Errors, by field, of an assignment (the same for the form and the import)."""
    errors = {}
    if bool(assignment.curriculum_id) == bool(assignment.course_id):
        errors["curriculum"] = _("Choose either a curriculum or a single course.")
    else:
        problem = curriculum_courses_check(courses=_subject_courses(assignment))
        if problem is None and assignment.curriculum_id:
            problem = curriculum_materials_check(
                materials=[
                    item.material for item in assignment.curriculum.materials.all()
                ]
            )
        if problem:
            errors["curriculum" if assignment.curriculum_id else "course"] = problem
    needed = REQUIRED_BY_KIND.get(assignment.audience_kind)
    if needed and not getattr(
        assignment, needed if needed == "role" else f"{needed}_id"
    ):
        errors[needed] = _("Choose the audience's %(field)s.") % {
            "field": Assignment._meta.get_field(needed).verbose_name
        }
    if assignment.due_date and assignment.due_in_days is not None:
        errors["due_in_days"] = _(
            "Give either an absolute due date or a number of days, not both."
        )
    elif not assignment.due_date and assignment.due_in_days is None:
        errors["due_date"] = _("Give a due date or a number of days.")
    changed = stored is None or stored.due_date != assignment.due_date
    if assignment.due_date and changed and assignment.due_date < today:
        errors["due_date"] = _("The due date %(date)s is in the past.") % {
            "date": assignment.due_date.strftime("%d.%m.%Y")
        }
    return errors


def assignment_overlaps(*, assignment: Assignment) -> list[str]:
    """Warnings: a course assigned alone and in a curriculum to the same audience.
    The person still gets one enrolment (enrolments are per course)."""
    same_audience = Assignment.objects.filter(
        audience_kind=assignment.audience_kind,
        organisation_id=assignment.organisation_id,
        service_id=assignment.service_id,
        resource_id=assignment.resource_id,
        role=assignment.role,
        status=AssignmentStatus.ACTIVE,
    ).exclude(pk=assignment.pk)
    if assignment.course_id:
        clash = same_audience.filter(curriculum__items__course_id=assignment.course_id)
    else:
        course_ids = assignment.curriculum.items.values("course_id")
        clash = same_audience.filter(course_id__in=course_ids)
    return [
        _(
            "%(other)s already assigns an overlapping course to this audience; "
            "each person keeps one enrolment per course."
        )
        % {"other": other}
        for other in clash.select_related("curriculum", "course").distinct()
    ]


@transaction.atomic
def assignment_save(
    *,
    assignment: Assignment,
    actor=None,
    people_ids=None,
    today: datetime.date | None = None,
) -> AssignmentOutcome:
    """Validate and store an assignment, then bring its audience in.

    An audience that matches nobody can be saved only as a draft (a warning
    says so). Small audiences are synchronised now; for large ones
    `outcome.queued` is set and the caller passes the outcome to
    `curricula.tasks.sync_later` (the worker, after the commit). Refuses (403)
    anything outside `actor`'s scope.
    """
    from curricula.services.sync import assignment_sync

    today = today or timezone.localdate()
    if assignment.course_id:
        assignment.course = course_canonical(assignment.course)
    stored = (
        Assignment.objects.filter(pk=assignment.pk).first() if assignment.pk else None
    )
    if (
        stored is not None
        and actor is not None
        and not (assignments_visible_to(actor).filter(pk=stored.pk).exists())
    ):
        raise PermissionDenied(_("You may not change this assignment."))
    if people_ids is None and assignment.pk:
        people_ids = list(assignment.people.values_list("pk", flat=True))
    people_ids = list(people_ids or [])
    assignment_scope_check(assignment=assignment, actor=actor, people_ids=people_ids)
    _raise(assignment_check(assignment=assignment, stored=stored, today=today))
    if assignment.owner_id is None:
        owner = home_organisation(actor) if actor is not None else None
        assignment.owner = owner or (
            assignment.curriculum.owner if assignment.curriculum_id else None
        )
    if assignment.owner_id is None:
        raise ValidationError(
            {"curriculum": _("The assignment needs an owner institution.")}
        )
    if stored is None and actor is not None:
        assignment.created_by = actor
    outcome = AssignmentOutcome(assignment=assignment)
    assignment.full_clean(exclude=["people"])
    assignment.save()
    if assignment.audience_kind == AudienceKind.PEOPLE:
        assignment.people.set(people_ids)
    outcome.matched = audience_people(
        assignment=assignment,
        as_of=today,
        people=assignable_people(assignment.created_by),
    ).count()
    if outcome.matched == 0 and assignment.status == AssignmentStatus.ACTIVE:
        assignment.status = AssignmentStatus.DRAFT
        assignment.save(update_fields=["status"])
        outcome.warnings.append(
            _("The audience matches nobody, so the assignment was saved as a draft.")
        )
    outcome.warnings += assignment_overlaps(assignment=assignment)
    log(
        instance=assignment,
        action="wagtail.create" if stored is None else "wagtail.edit",
        user=actor,
    )
    if assignment.status == AssignmentStatus.ACTIVE:
        if outcome.matched <= INLINE_MAX_PEOPLE:
            assignment_sync(assignment=assignment, today=today)
        else:
            # The caller hands it to the worker (curricula.tasks.sync_later).
            outcome.queued = True
    return outcome
