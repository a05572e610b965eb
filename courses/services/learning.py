"""Enrolment and completion: the learner's path through a course.

Every write is idempotent and backed by a unique constraint, so a double
click, a retried task or two requests at once leave exactly one enrolment and
one completion (courses/models/learning.py).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from competences.models import AttainmentSource
from competences.services import attainment_grant
from courses.models import (
    Completion,
    CompletionPart,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    LessonProgress,
    SessionRegistration,
)
from courses.permissions import can_enrol_others, is_own_person
from courses.selectors import course_canonical, course_lessons
from courses.signals import completion_recorded, enrolment_changed


def _notify_enrolment(enrolment: Enrolment) -> None:
    transaction.on_commit(
        lambda: enrolment_changed.send(sender=Enrolment, enrolment=enrolment)
    )


def enrolment_check(*, person, course: CoursePage) -> None:
    """Refuse self-enrolment where the course does not allow it, or where its
    prerequisites are not completed. Raises ValidationError with the reason."""
    course = course_canonical(course)
    if not course.live:
        raise ValidationError(_("This course is not published."), code="unpublished")
    if not course.self_enrolment:
        raise ValidationError(
            _("This course does not allow self-enrolment. Ask your coordinator."),
            code="self_enrolment_closed",
        )
    missing = [
        prerequisite
        for prerequisite in course.prerequisites.all()
        if not Completion.objects.filter(
            person=person, course=course_canonical(prerequisite)
        ).exists()
    ]
    if missing:
        raise ValidationError(
            _("Complete these courses first: %(courses)s")
            % {"courses": ", ".join(page.title for page in missing)},
            code="prerequisites_missing",
        )


@transaction.atomic
def enrolment_create(
    *,
    actor,
    person,
    course: CoursePage,
    source: str = EnrolmentSource.SELF,
    due_on: datetime.date | None = None,
) -> Enrolment:
    """Enrol a person in a course, or return their open enrolment.

    Self-enrolment (`actor` is the person) checks the course's rules;
    a coordinator enrols people in their scope whatever the course allows;
    `actor` None is the system (assignments, session registrations), whose
    callers have checked their own permission. When the person is already
    enrolled, the earlier of the two due dates wins.
    """
    course = course_canonical(course)
    if actor is not None:
        if is_own_person(actor, person) and source == EnrolmentSource.SELF:
            enrolment_check(person=person, course=course)
        elif not can_enrol_others(actor, person):
            raise PermissionDenied(_("You may not enrol this person."))
    existing = (
        Enrolment.objects.select_for_update()
        .filter(person=person, course=course, is_current=True)
        .first()
    )
    if existing is not None:
        if due_on and (existing.due_on is None or due_on < existing.due_on):
            existing.due_on = due_on
            existing.save(update_fields=["due_on"])
        return existing
    last_round = (
        Enrolment.objects.filter(person=person, course=course)
        .order_by("-round")
        .values_list("round", flat=True)
        .first()
    )
    enrolment = Enrolment(
        person=person,
        course=course,
        round=(last_round or 0) + 1,
        source=source,
        due_on=due_on,
        enrolled_by=actor,
    )
    try:
        # Two requests at once: the second meets the unique constraint and
        # returns the enrolment the first one made.
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        return Enrolment.objects.get(person=person, course=course, is_current=True)
    log(
        instance=enrolment,
        action="courses.enrolment_create",
        user=actor,
        data={"source": source},
    )
    _notify_enrolment(enrolment)
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, actor, enrolment: Enrolment) -> Enrolment:
    """Close an open, uncompleted enrolment (the learner left the audience,
    or a coordinator withdrew them). Its progress stays in the history."""
    if actor is not None and not (
        is_own_person(actor, enrolment.person)
        or can_enrol_others(actor, enrolment.person)
    ):
        raise PermissionDenied(_("You may not change this enrolment."))
    if enrolment.status != EnrolmentStatus.ACTIVE:
        return enrolment
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.is_current = False
    enrolment.closed_at = timezone.now()
    enrolment.save(update_fields=["status", "is_current", "closed_at"])
    log(instance=enrolment, action="courses.enrolment_withdraw", user=actor)
    _notify_enrolment(enrolment)
    return enrolment


@transaction.atomic
def enrolment_renew(*, actor, enrolment: Enrolment, due_on=None) -> Enrolment:
    """Open the next round of a completed enrolment (a new major version asks
    for re-completion, or a curriculum recurs). The completed round stays,
    marked superseded when a new version asked for it."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not enrolment.is_current:
        current = Enrolment.objects.filter(
            person=enrolment.person, course=enrolment.course, is_current=True
        ).first()
        if current is not None:
            return current
    enrolment.is_current = False
    enrolment.closed_at = enrolment.closed_at or timezone.now()
    enrolment.save(update_fields=["is_current", "closed_at"])
    return enrolment_create(
        actor=None,
        person=enrolment.person,
        course=enrolment.course,
        source=enrolment.source,
        due_on=due_on,
    )


def _lessons_done(enrolment: Enrolment) -> bool:
    lesson_ids = set(course_lessons(enrolment.course).values_list("pk", flat=True))
    done = set(
        LessonProgress.objects.filter(
            enrolment=enrolment, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    return lesson_ids <= done


def _attended(enrolment: Enrolment) -> bool:
    # Attendance counts for the round it was registered under.
    return SessionRegistration.objects.filter(
        enrolment=enrolment, attended=True
    ).exists()


def _quiz_result(enrolment: Enrolment) -> tuple[bool, float | None]:
    """(passed, best score) of the course's quiz for this enrolment."""
    from courses.models import QuizAttempt

    best = (
        QuizAttempt.objects.filter(enrolment=enrolment)
        .order_by("-passed", "-score", "number")
        .values_list("passed", "score")
        .first()
    )
    if best is None:
        return False, None
    return best[0], best[1]


@transaction.atomic
def lesson_progress_record(*, enrolment: Enrolment, lesson, actor=None):
    """Record that the learner finished a lesson of their enrolment, then see
    whether the course is now complete. Idempotent: the first completion time
    stays, the last visit moves.

    The lesson may be any translation: progress is kept on the default-locale
    lesson, as enrolments are kept on the default-locale course. Refuses
    (ValidationError) a lesson of another course and a closed enrolment.
    """
    from courses.models import LessonPage

    if actor is not None and not is_own_person(actor, enrolment.person):
        raise PermissionDenied(_("You may not change this enrolment."))
    if not enrolment.is_current or enrolment.status not in (
        EnrolmentStatus.ACTIVE,
        EnrolmentStatus.COMPLETED,
    ):
        raise ValidationError(_("This enrolment is closed."), code="closed")
    canonical = (
        LessonPage.objects.live()
        .child_of(enrolment.course)
        .filter(translation_key=lesson.translation_key)
        .first()
    )
    if canonical is None:
        raise ValidationError(
            _("This lesson is not part of your course."), code="other_course"
        )
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment,
        lesson=canonical,
        defaults={"first_viewed_at": now, "last_viewed_at": now, "completed_at": now},
    )
    if not created:
        progress.last_viewed_at = now
        progress.completed_at = progress.completed_at or now
        progress.save(update_fields=["last_viewed_at", "completed_at"])
    completion_evaluate(enrolment=enrolment)
    return progress


def completion_evaluate(*, enrolment: Enrolment) -> Completion | None:
    """Record the completion when the course's rule is met; else None.

    The rule is the course's (`CoursePage.completion_parts`): all lessons
    viewed and the quiz passed for e-learning; attendance for classroom and
    webinar; both for blended. Called after each lesson, attempt and
    attendance mark; safe to call again at any time.
    """
    if enrolment.status != EnrolmentStatus.ACTIVE:
        return getattr(enrolment, "completion", None)
    course = enrolment.course.specific
    parts = course.completion_parts()
    score = None
    if CompletionPart.LESSONS in parts and not _lessons_done(enrolment):
        return None
    if CompletionPart.QUIZ in parts:
        passed, score = _quiz_result(enrolment)
        if not passed:
            return None
    if CompletionPart.ATTENDANCE in parts and not _attended(enrolment):
        return None
    return completion_record(enrolment=enrolment, score=score)


@transaction.atomic
def completion_record(
    *, enrolment: Enrolment, score=None, actor=None, completed_at=None
) -> Completion:
    """Record the one completion of an enrolment; a second call returns it.

    Records an attainment of each competence the course develops (through
    competences' service) and, on commit, sends `completion_recorded` so that
    certificates and curricula follow. Never undone by later edits.
    """
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    existing = Completion.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    course = enrolment.course.specific
    completed_at = completed_at or timezone.now()
    completion = Completion(
        enrolment=enrolment,
        person=enrolment.person,
        course=course,
        completed_at=completed_at,
        completed_on=timezone.localdate(completed_at),
        score=score,
        revision=course.live_revision,
        course_version=course.major_version,
    )
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:
        return Completion.objects.get(enrolment=enrolment)
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save(update_fields=["status"])
    for competence in course.competences.all():
        attainment_grant(
            actor=None,
            person=enrolment.person,
            competence=competence,
            attained_on=completion.completed_on,
            level=course.competence_level(competence),
            source=AttainmentSource.COURSE,
            note=_("Course %(code)s completed") % {"code": course.code},
            channel="task",
        )
    log(instance=completion, action="courses.completion_record", user=actor)
    transaction.on_commit(
        lambda: completion_recorded.send(sender=Completion, completion=completion)
    )
    _notify_enrolment(enrolment)
    return completion
