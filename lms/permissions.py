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


def can_open_admin(user, request=None) -> bool:
    """Whether the header links to the Wagtail admin (`wagtailadmin.access_admin`).

    Asked on every page a signed-in person opens; the answer is kept in the
    page cache per user (lms/page_cache.py), which changes of group
    memberships and group permissions clear.
    """
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    from lms.page_cache import page_cache_get_or_set

    return page_cache_get_or_set(
        request,
        f"can-open-admin:{user.pk}",
        lambda: user.has_perm("wagtailadmin.access_admin"),
    )
