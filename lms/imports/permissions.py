"""Who may see import jobs and their files, and who may import at all.

lms knows no institutions: the app that does (people) passes in, at start-up,
the function that says whose imports a user oversees.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from lms.imports import registry
from lms.models import ImportJob

# user -> a queryset of user ids whose imports that user oversees, or None.
_uploader_scope: Callable | None = None


def import_uploader_scope_set(scope: Callable | None) -> None:
    """Install the rule for whose imports a (non-admin) user sees besides their own."""
    global _uploader_scope
    _uploader_scope = scope


def import_jobs_visible_to(user, queryset: QuerySet[ImportJob] | None = None):
    """Administrators see every import; others the imports they started and
    those of the uploaders in their scope (coordinators: their institution's).

    The same rule lets a user download a job's file.
    """
    qs = ImportJob.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    visible = Q(created_by=user)
    uploaders = _uploader_scope(user) if _uploader_scope else None
    if uploaders is not None:
        visible |= Q(created_by__in=uploaders)
    return qs.filter(visible)


def can_run_import_job(user, job: ImportJob) -> bool:
    """Confirming or retrying writes the file as its uploader's change, so only
    the uploader (or an administrator) may; colleagues only look."""
    return bool(
        user.is_authenticated and (user.is_superuser or job.created_by_id == user.pk)
    )


def can_use_imports(user) -> bool:
    return bool(registry.importers_for(user))
