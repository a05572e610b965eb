"""Reads of courses/: learners' records and course structure."""

from django.db.models import QuerySet
from wagtail.models import Locale

from courses.models import CoursePage, Enrolment, LessonPage


def course_canonical(course: CoursePage) -> CoursePage:
    """The page that stands for a course in every language: its default-locale
    translation when there is one (enrolments and completions point at it)."""
    if course.locale_id == Locale.get_default().pk:
        return course
    return (
        CoursePage.objects.filter(
            translation_key=course.translation_key,
            locale=Locale.get_default(),
        ).first()
        or course
    )


def course_lessons(course: CoursePage) -> QuerySet[LessonPage]:
    """The course's live lessons, in the editor's order."""
    return LessonPage.objects.live().child_of(course).order_by("path")


def enrolment_current(*, person, course: CoursePage) -> Enrolment | None:
    """The person's open enrolment in the course, if any."""
    return (
        Enrolment.objects.filter(
            person=person, course=course_canonical(course), is_current=True
        )
        .select_related("course", "person")
        .first()
    )


def enrolment_list(*, queryset: QuerySet | None = None) -> QuerySet[Enrolment]:
    """Enrolments with what a listing shows, in one query."""
    qs = Enrolment.objects.all() if queryset is None else queryset
    return qs.select_related(
        "person", "person__organisation", "course", "completion", "enrolled_by"
    )
