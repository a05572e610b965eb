from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet

from lms.imports import views
from lms.imports.permissions import can_use_imports, import_jobs_visible_to
from lms.imports.registry import importer_label
from lms.models import ImportJob
from lms.permissions import can_view_site_history
from lms.viewsets import (
    CHOOSER_QUERYSET_HOOK,
    ScopedDeleteBulkAction,
    ScopedSnippetViewSet,
    scoped_for,
)

app_name = "lms_imports"
import_urls = [
    path("", views.ImportIndexView.as_view(), name="index"),
    path("<slug:name>/", views.ImportUploadView.as_view(), name="upload"),
    path(
        "<slug:name>/template.xlsx", views.ImportTemplateView.as_view(), name="template"
    ),
    path("<slug:name>/export.csv", views.ImportExportView.as_view(), name="export"),
    path("job/<int:pk>/", views.ImportJobView.as_view(), name="job"),
    path(
        "job/<int:pk>/progress/", views.ImportJobProgressView.as_view(), name="progress"
    ),
    path("job/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="confirm"),
    path("job/<int:pk>/retry/", views.ImportRetryView.as_view(), name="retry"),
    path("job/<int:pk>/file/", views.ImportJobFileView.as_view(), name="file"),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("imports/", include((import_urls, "lms_imports")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_imports(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import data"), reverse("lms_imports:index"), icon_name="upload", order=900
    )


# Replaces Wagtail's snippet bulk delete (registered at order 0) for every
# snippet model, so its confirmation page lists only records in scope.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=1)


@hooks.register(CHOOSER_QUERYSET_HOOK)
def scope_snippet_chooser(objects, request):
    # Every snippet chooser lists only what its model's registered scope allows.
    return scoped_for(request.user, objects)


@hooks.register("construct_reports_menu")
def hide_site_history(request, menu_items):
    # The view itself is guarded in lms/urls.py; this hides the dead link.
    if not can_view_site_history(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("insert_global_admin_css")
def import_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_help_menu")
def hide_cms_release_notes(request, menu_items):
    # "What's new in Wagtail" is the CMS's English release notes, with an unread
    # badge: not the portal's news, so our users don't get it.
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith("whats-new-in-wagtail")
    ]


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action(
        "lms.import_check", _("Import checked"), _("Import checked")
    )
    actions.register_action("lms.import", _("Data imported"), _("Data imported"))
    actions.register_action(
        "lms.import_expired", _("Import stopped"), _("Import stopped")
    )
    actions.register_action(
        "lms.import_retry", _("Import retried"), _("Import retried")
    )


class ImportJobViewSet(ScopedSnippetViewSet):
    """The audit of imports: who, when, which file and data, counts and outcome."""

    model = ImportJob
    icon = "history"
    menu_label = _("Import history")
    # A menu item of its own keeps it out of the generic Snippets list, whose
    # counts are not scoped.
    add_to_admin_menu = True
    menu_order = 901
    scope = staticmethod(import_jobs_visible_to)
    list_display = [
        "file_name",
        # The importer's human name, not its machine name ("people").
        Column(
            "importer",
            label=_("data"),
            accessor=lambda job: importer_label(job.importer),
            sort_key="importer",
        ),
        "created_by",
        "created_at",
        "status",
        "new_count",
        "updated_count",
        "skipped_count",
        "error_count",
    ]
    list_filter = ["importer", "status", "created_at"]
    list_export = [
        "file_name",
        "importer",
        "created_by",
        "created_at",
        "finished_at",
        "status",
        "total_rows",
        "new_count",
        "updated_count",
        "skipped_count",
        "error_count",
    ]
    export_filename = "imports"
    ordering = ["-created_at"]


register_snippet(ImportJobViewSet)
