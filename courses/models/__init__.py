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
from courses.models.material import MaterialIndexPage, MaterialKind, MaterialPage
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
    "Completion",
    "CompletionPart",
    "CourseCompetenceLevel",
    "CourseFormat",
    "CourseScope",
    "QuestionKind",
    "QuizAttempt",
    "QuizPage",
    "CourseSession",
    "Enrolment",
    "EnrolmentSource",
    "EnrolmentStatus",
    "LessonPage",
    "LessonProgress",
    "RegistrationStatus",
    "SessionRegistration",
    "AccessibilityStatementPage",
    "ConformanceStatus",
    "ContentPage",
    "CourseIndexPage",
    "CoursePage",
    "FooterSettings",
    "HomePage",
    "MaterialIndexPage",
    "MaterialKind",
    "MaterialPage",
    "TaggedPage",
    "TaggedPageForm",
]
