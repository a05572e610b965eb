"""Reads of courses/: learners' records and course structure."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page

from courses.models import (
    Completion,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
)
from lms.page_cache import (
    active_locale_id,
    default_locale_id,
    page_cache_get_many,
    page_cache_get_or_set,
)


def course_canonical(course: CoursePage) -> CoursePage:
    """The page that stands for a course in every language: its default-locale
    translation when there is one (enrolments and completions point at it)."""
    if course.locale_id == default_locale_id():
        return course
    return (
        CoursePage.objects.filter(
            translation_key=course.translation_key,
            locale_id=default_locale_id(),
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


@dataclass
class OutlineItem:
    page: Page
    is_quiz: bool
    done: bool


@dataclass
class Outline:
    """A course as one learner sees it: lessons (and quiz) with what is done."""

    course: CoursePage
    enrolment: Enrolment | None
    items: list[OutlineItem] = field(default_factory=list)
    quiz_passed: bool = False

    @property
    def lessons(self) -> list[OutlineItem]:
        return [item for item in self.items if not item.is_quiz]

    @property
    def quiz(self) -> OutlineItem | None:
        return next((item for item in self.items if item.is_quiz), None)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_item(self) -> OutlineItem | None:
        """Where the learner resumes: the first lesson not done, then the quiz."""
        return next((item for item in self.items if not item.done), None)


def course_outlines(pairs: list[tuple[CoursePage, Enrolment | None]]) -> list[Outline]:
    """Outlines of several courses at once, each with its learner's enrolment
    (or None): four queries whatever the number of courses and lessons.

    `course` is the page shown (any translation); progress is kept on the
    default-locale lessons and matched by translation key.
    """
    from courses.models import LessonProgress, QuizAttempt, QuizPage

    outlines = [Outline(course=course, enrolment=e) for course, e in pairs]
    if not outlines:
        return outlines
    quiz_type = ContentType.objects.get_for_model(QuizPage)
    # A course's lessons change only with its pages: cached per generation.
    by_parent = {
        key.removeprefix("outline:"): children
        for key, children in page_cache_get_many(
            None,
            [f"outline:{outline.course.path}" for outline in outlines],
            _outline_children,
        ).items()
    }
    enrolment_ids = [o.enrolment.pk for o in outlines if o.enrolment is not None]
    done: dict[int, set] = {}
    passed: set[int] = set()
    if enrolment_ids:
        for enrolment_id, key in LessonProgress.objects.filter(
            enrolment_id__in=enrolment_ids, completed_at__isnull=False
        ).values_list("enrolment_id", "lesson__translation_key"):
            done.setdefault(enrolment_id, set()).add(key)
        passed = set(
            QuizAttempt.objects.filter(
                enrolment_id__in=enrolment_ids, passed=True
            ).values_list("enrolment_id", flat=True)
        )
    for outline in outlines:
        enrolment_pk = outline.enrolment.pk if outline.enrolment else None
        outline.quiz_passed = enrolment_pk in passed
        for child in by_parent.get(outline.course.path, []):
            is_quiz = child.content_type_id == quiz_type.pk
            outline.items.append(
                OutlineItem(
                    page=child,
                    is_quiz=is_quiz,
                    done=outline.quiz_passed
                    if is_quiz
                    else child.translation_key in done.get(enrolment_pk, ()),
                )
            )
    return outlines


def _outline_children(keys: list[str]) -> dict[str, list[Page]]:
    """The live lessons and quizzes under the courses at `outline:<path>`
    keys, in page order: one query for all of them."""
    from courses.models import QuizPage

    paths = [key.removeprefix("outline:") for key in keys]
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    quiz_type = ContentType.objects.get_for_model(QuizPage)
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
    children = (
        Page.objects.live()
        .filter(under, content_type__in=[lesson_type, quiz_type])
        .only(
            "id",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "content_type_id",
            "translation_key",
            "locale_id",
        )
        .order_by("path")
    )
    by_parent: dict[str, list[Page]] = {path: [] for path in paths}
    for child in children:
        by_parent[child.path[: -Page.steplen]].append(child)
    return {f"outline:{path}": by_parent[path] for path in paths}


def learner_enrolments(*, person, locale=None) -> list[tuple[CoursePage, Enrolment]]:
    """The person's open enrolments, each with its course page in `locale`
    (the active language by default; the default-locale page when untranslated)."""
    enrolments = list(
        Enrolment.objects.filter(
            person=person, is_current=True, status=EnrolmentStatus.ACTIVE
        )
        .select_related("course")
        .order_by("due_on", "-enrolled_at")
    )
    shown = _in_locale([e.course for e in enrolments], locale)
    return [(shown.get(e.course.translation_key, e.course), e) for e in enrolments]


def learner_completions(*, person, locale=None) -> list[tuple[CoursePage, Completion]]:
    """The person's completions, newest first, with the course page in `locale`
    (earlier rounds' completions stay in this history)."""
    completions = list(
        Completion.objects.filter(person=person)
        .select_related("course")
        .order_by("-completed_at")
    )
    shown = _in_locale([c.course for c in completions], locale)
    return [(shown.get(c.course.translation_key, c.course), c) for c in completions]


def _in_locale(courses: list[CoursePage], locale) -> dict:
    if not courses:
        return {}
    locale_id = locale.pk if locale is not None else active_locale_id()
    return {
        page.translation_key: page
        for page in CoursePage.objects.live().filter(
            translation_key__in={course.translation_key for course in courses},
            locale_id=locale_id,
        )
    }


def lesson_course(*, lesson, request=None) -> CoursePage:
    """The course a lesson belongs to (its parent page), from the page cache:
    it changes only with the pages."""
    return page_cache_get_or_set(
        request, f"lesson-course:{lesson.pk}", lambda: lesson.get_parent().specific
    )
