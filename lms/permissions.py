"""Who may see import jobs. (Domain scoping rules live in the apps.)"""

from django.db.models import QuerySet
from wagtail.admin.auth import user_has_any_page_permission

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


def can_search_pages(user) -> bool:
    """The dashboard's page search leads to the page explorer; only those who
    may explore pages (editors, administrators) get the search box."""
    return user_has_any_page_permission(user)
