"""courses/ models, one module per noun (the 500-line house rule).

Callers keep `from courses.models import CoursePage`.
"""

from courses.models.course import (
    CompletionPart,
    CourseCompetenceLevel,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    CourseScope,
)
from courses.models.learning import (
    Completion,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    LessonProgress,
)
from courses.models.lesson import LessonPage
from courses.models.material import (
    MATERIAL_PAGE_PANELS_HOOK,
    MaterialAudience,
    MaterialDocument,
    MaterialFilterSet,
    MaterialIndexPage,
    MaterialKind,
    MaterialPage,
    MaterialVersion,
)
from courses.models.quizzes import QuestionKind, QuizAttempt, QuizPage
from courses.models.sessions import (
    CourseSession,
    RegistrationStatus,
    SessionRegistration,
)
from courses.models.site import (
    AccessibilityStatementPage,
    ConformanceStatus,
    ContentPage,
    FooterSettings,
    HomePage,
)
from courses.models.tagged import TaggedPage, TaggedPageForm

__all__ = [
    "AccessibilityStatementPage",
    "Completion",
    "CompletionPart",
    "ConformanceStatus",
    "ContentPage",
    "CourseCompetenceLevel",
    "CourseFormat",
    "CourseIndexPage",
    "CoursePage",
    "CourseScope",
    "CourseSession",
    "Enrolment",
    "EnrolmentSource",
    "EnrolmentStatus",
    "FooterSettings",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "MATERIAL_PAGE_PANELS_HOOK",
    "MaterialAudience",
    "MaterialDocument",
    "MaterialFilterSet",
    "MaterialIndexPage",
    "MaterialKind",
    "MaterialPage",
    "MaterialVersion",
    "QuestionKind",
    "QuizAttempt",
    "QuizPage",
    "RegistrationStatus",
    "SessionRegistration",
    "TaggedPage",
    "TaggedPageForm",
]
