"""courses/ models, one module per noun (the 500-line house rule).

Callers keep `from courses.models import CoursePage`.
"""

from courses.models.course import CourseIndexPage, CoursePage
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
from courses.models.site import (
    AccessibilityStatementPage,
    ConformanceStatus,
    ContentPage,
    FooterSettings,
    HomePage,
)
from courses.models.tagged import TaggedPage, TaggedPageForm

__all__ = [
    "MATERIAL_PAGE_PANELS_HOOK",
    "MaterialAudience",
    "MaterialDocument",
    "MaterialFilterSet",
    "MaterialVersion",
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
