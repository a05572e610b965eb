from django.db.models import Prefetch, QuerySet

from competences.models import Competence
from courses.models import CoursePage, MaterialPage


def course_list(*, parent=None) -> QuerySet[CoursePage]:
    """Live courses (in the active locale when `parent` is given) with their tags."""
    qs = CoursePage.objects.live().public()
    if parent is not None:
        qs = qs.child_of(parent)
    return qs.order_by("title").prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("sort_order"))
    )


def material_list(*, parent=None) -> QuerySet[MaterialPage]:
    qs = MaterialPage.objects.live().public()
    if parent is not None:
        qs = qs.child_of(parent)
    return qs.order_by("kind", "title").prefetch_related("tasks")
