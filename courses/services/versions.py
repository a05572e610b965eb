"""A new major version of a course: who must complete it again."""

from django.db import transaction
from django.db.models import QuerySet

from courses.models import CoursePage, Enrolment, EnrolmentStatus
from courses.selectors import course_canonical
from courses.services.learning import enrolment_renew
from lms.page_cache import people_touch


def recompletion_due(*, course: CoursePage) -> QuerySet[Enrolment]:
    """Current completed enrolments whose completion is of an older version
    than the course's published one, when that version asks for it."""
    course = course_canonical(course)
    if not course.live or not course.requires_recompletion:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        course=course,
        is_current=True,
        status=EnrolmentStatus.COMPLETED,
        completion__course_version__lt=course.major_version,
    )


def course_recompletion_request(*, course: CoursePage) -> int:
    """Ask everyone who completed an older major version to complete the
    course again: each gets a new round (enrolment_renew) and the completed
    round is marked superseded. The completion itself stays in their history.
    Safe to run again: a renewed person is no longer due. Returns how many."""
    course = CoursePage.objects.get(pk=course_canonical(course).pk)
    renewed = 0
    for enrolment in recompletion_due(course=course).iterator():
        with transaction.atomic():
            enrolment_renew(actor=None, enrolment=enrolment)
            Enrolment.objects.filter(pk=enrolment.pk).update(
                status=EnrolmentStatus.SUPERSEDED
            )
            people_touch([enrolment.person_id])
        renewed += 1
    return renewed
