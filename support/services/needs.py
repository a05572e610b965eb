"""Support needs and feedback: recording what people need and what they thought."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from catalogue.models import Resource, Service
from competences.models import SupportTopic
from courses.models import Completion, CoursePage, MaterialPage
from people.models import Person
from support.models import Consultation, Feedback, SupportForm, SupportNeed
from support.permissions import can_record_need_for


@transaction.atomic
def support_need_record(
    *,
    actor,
    person: Person,
    topic: SupportTopic,
    form: str,
    text: str,
    service: Service | None = None,
    resource: Resource | None = None,
    recorded_at=None,
) -> SupportNeed:
    """Record a need for support: one's own, or a manager's for their team
    (`support.permissions.can_record_need_for`)."""
    if not can_record_need_for(actor, person):
        raise PermissionDenied
    errors = {}
    text = " ".join((text or "").split())
    if not text:
        errors["text"] = _("Say briefly what you need.")
    if form not in SupportForm.values:
        errors["form"] = _("Choose the form of support.")
    if service is not None and resource is not None:
        errors["resource"] = _("Choose a service or a resource, not both.")
    if errors:
        raise ValidationError(errors)
    need = SupportNeed(
        person=person,
        topic=topic,
        form=form,
        text=text,
        service=service,
        resource=resource,
        recorded_by=actor,
        recorded_at=recorded_at or timezone.now(),
    )
    need.full_clean()
    need.save()
    return need


def _already() -> ValidationError:
    return ValidationError(_("You have already given feedback on this."))


def _rating_check(rating) -> int:
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("The rating is from 1 to 5.")})
    return rating


def _original(page):
    """The page in the default language (itself if it has no such translation)."""
    original = page.get_translation_or_none(Locale.get_default())
    return (original or page).specific


def _create_once(**fields) -> Feedback:
    # The unique constraint is the guard: a double submit or a race ends here.
    try:
        with transaction.atomic():
            return Feedback.objects.create(**fields)
    except IntegrityError as error:
        raise _already() from error


@transaction.atomic
def feedback_give(
    *,
    person: Person,
    rating,
    comment: str = "",
    consultation: Consultation | None = None,
    material: MaterialPage | None = None,
    course: CoursePage | None = None,
) -> Feedback:
    """Rate (1–5) and comment on one's own answered consultation, a published
    material or a course one has completed (courses.Completion); once per
    person per thing.

    Feedback on a material's or course's translation is recorded against its
    original in the default language, so each has one set of ratings.
    """
    rating = _rating_check(rating)
    comment = (comment or "").strip()
    if sum(target is not None for target in (consultation, material, course)) != 1:
        raise ValidationError(_("Rate one consultation, material or course."))
    if course is not None:
        course = _original(course)
        if not Completion.objects.filter(person=person, course=course).exists():
            raise ValidationError(
                _("You can rate a course once you have completed it.")
            )
        if Feedback.objects.filter(person=person, course=course).exists():
            raise _already()
        return _create_once(
            person=person, course=course, rating=rating, comment=comment
        )
    if consultation is not None:
        if consultation.asker_id != person.pk:
            raise PermissionDenied
        if not consultation.is_answered:
            raise ValidationError(
                _("You can rate a consultation once it has been answered.")
            )
        if Feedback.objects.filter(person=person, consultation=consultation).exists():
            raise _already()
        return _create_once(
            person=person, consultation=consultation, rating=rating, comment=comment
        )
    if not material.live:
        raise PermissionDenied
    material = _original(material)
    if Feedback.objects.filter(person=person, material=material).exists():
        raise _already()
    return _create_once(
        person=person, material=material, rating=rating, comment=comment
    )
