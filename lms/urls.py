from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.documents import urls as wagtaildocs_urls

from courses import urls as courses_urls
from lms.permissions import can_view_site_history
from lms.views import FaviconView, administrators_only
from people import urls as people_urls

urlpatterns = [
    path("favicon.ico", FaviconView.as_view()),
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Latvian, the default, has no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path("", include(people_urls)),
    path("", include(courses_urls)),
    # Wagtail's catch-all must come last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
