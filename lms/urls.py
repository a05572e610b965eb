from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.documents import urls as wagtaildocs_urls

from certificates import urls as certificates_urls
from competences import urls as competences_urls
from courses import urls as courses_urls
from curricula import urls as curricula_urls
from lms.permissions import can_view_site_history
from lms.views import FaviconView, administrators_only
from people import urls as people_urls
from people.views import AdminPasswordResetConfirmView
from support import urls as support_urls

urlpatterns = [
    path("favicon.ico", FaviconView.as_view()),
    # Wagtail's own reset view, which also lifts the login lockout; it must
    # come before the admin URLs so that it replaces theirs.
    path(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        AdminPasswordResetConfirmView.as_view(),
        name="wagtailadmin_password_reset_confirm",
    ),
    # Wagtail's site history is not scoped by institution: administrators only.
    # These come first so that they shadow Wagtail's own URLs.
    path(
        "admin/reports/site-history/",
        administrators_only(LogEntriesView.as_view(), can_view_site_history),
    ),
    path(
        "admin/reports/site-history/results/",
        administrators_only(
            LogEntriesView.as_view(results_only=True), can_view_site_history
        ),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]


def dev_media_urls() -> list:
    """MEDIA_ROOT for the development server, minus what must go through a view.

    Documents are served by Wagtail's view (privacy, collections); import
    files are not under MEDIA_ROOT at all, and an old path is refused too.
    """
    prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(
            rf"^{prefix}(?P<path>(?!documents/|imports/).+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


if settings.DEBUG:
    urlpatterns += dev_media_urls()

# Latvian, the default, has no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path("", include(people_urls)),
    path("", include(certificates_urls)),
    path("", include(competences_urls)),
    path("", include(courses_urls)),
    path("", include(support_urls)),
    path("", include(curricula_urls)),
    # Wagtail's catch-all must come last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
