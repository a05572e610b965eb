"""Who may use the site-wide admin screens. (Domain scoping rules live in the
apps; who may see imports, in lms.imports.permissions.)"""

from wagtail.admin.auth import user_has_any_page_permission


def can_view_site_history(user) -> bool:
    """Wagtail's site history lists every model's log entries unscoped.

    Its entries name people, services and import files of every institution,
    so only administrators see it; everyone else reads the scoped history
    of each record (its "History" view).
    """
    return user.is_authenticated and user.is_superuser


def can_search_pages(user) -> bool:
    """The dashboard's page search leads to the page explorer; only those who
    may explore pages (editors, administrators) get the search box."""
    return user_has_any_page_permission(user)
