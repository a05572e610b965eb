"""Who may see import jobs. (Domain scoping rules live in the apps.)"""

from django.db.models import QuerySet

from lms.imports import registry
from lms.models import ImportJob


def import_jobs_visible_to(user, queryset: QuerySet[ImportJob] | None = None):
    """Administrators see every import; others see the imports they started."""
    qs = ImportJob.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(created_by=user)


def can_use_imports(user) -> bool:
    return bool(registry.importers_for(user))


def can_view_site_history(user) -> bool:
    """Wagtail's site history lists every model's log entries unscoped.

    Its entries name people, services and import files of every institution,
    so only administrators see it; everyone else reads the scoped history
    of each record (its "History" view).
    """
    return user.is_authenticated and user.is_superuser
