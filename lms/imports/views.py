"""Admin screens: choose data, upload, see the check, confirm, follow progress."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.imports import registry
from lms.imports.exports import ChoiceExport
from lms.imports.permissions import can_run_import_job, import_jobs_visible_to
from lms.imports.progress import progress_get
from lms.imports.readers import FileRejected, check_file_name
from lms.imports.report import ImportReport
from lms.imports.services import (
    import_job_confirm,
    import_job_retry,
    import_job_start,
    import_jobs_expire,
)
from lms.imports.templates_xlsx import template_workbook
from lms.models import ImportJob
from lms.spreadsheets import dataset_bytes
from lms.views import private_download

ERRORS_SHOWN = 1000


def _importer_for(user, name):
    try:
        importer = registry.get(name)
    except LookupError:
        raise Http404 from None
    if not importer.can_import(user):
        raise PermissionDenied
    return importer


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        help_text=gettext_lazy(
            "CSV in UTF-8 or Windows-1257, separated by commas or semicolons; "
            "dates as dd.mm.yyyy or yyyy-mm-dd."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_file_name(upload.name)
        except FileRejected as error:
            raise forms.ValidationError(str(error)) from None
        limit = getattr(settings, "IMPORT_MAX_FILE_BYTES", 20 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large; the limit is %(limit)d MB.")
                % {"limit": limit // (1024 * 1024)}
            )
        return upload


class ImportIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Import data")
    header_icon = "upload"
    template_name = "lms/imports/index.html"

    def dispatch(self, request, *args, **kwargs):
        if not registry.importers_for(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        import_jobs_expire()  # the sweep for jobs whose worker died
        context["importers"] = registry.importers_for(self.request.user)
        context["jobs"] = import_jobs_visible_to(self.request.user).select_related(
            "created_by"
        )[:20]
        return context


class ImportUploadView(WagtailAdminTemplateMixin, FormView):
    header_icon = "upload"
    template_name = "lms/imports/upload.html"
    form_class = UploadForm

    def dispatch(self, request, *args, **kwargs):
        self.importer = _importer_for(request.user, kwargs["name"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import: %(what)s") % {"what": self.importer.label}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lms_imports:index"), "label": _("Import data")},
            {"url": "", "label": self.importer.label},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(importer=self.importer, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        job = import_job_start(
            importer_name=self.importer.name,
            file_name=upload.name,
            data=upload.read(),
            user=self.request.user,
            language=get_language(),
        )
        return redirect("lms_imports:job", pk=job.pk)


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "upload"
    template_name = "lms/imports/job.html"

    def dispatch(self, request, *args, **kwargs):
        import_jobs_expire()  # the sweep for jobs whose worker died
        self.job = get_object_or_404(
            import_jobs_visible_to(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.job.file_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lms_imports:index"), "label": _("Import data")},
            {"url": "", "label": self.job.file_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = ImportReport.from_dict(self.job.report) if self.job.report else None
        try:
            importer = registry.get(self.job.importer)
        except LookupError:
            importer = None
        progress = progress_get(self.job.pk) if self.job.is_running else None
        may_run = (
            importer is not None
            and can_run_import_job(self.request.user, self.job)
            and importer.can_import(self.request.user)
        )
        context.update(
            job=self.job,
            importer=importer,
            report=report,
            errors=report.errors[:ERRORS_SHOWN] if report else [],
            errors_hidden=max(0, len(report.errors) - ERRORS_SHOWN) if report else 0,
            progress=progress,
            can_confirm=self.job.can_confirm and may_run,
            can_retry=self.job.status == ImportJob.Status.FAILED
            and self.job.has_file
            and may_run,
        )
        return context


class ImportJobProgressView(View):
    """JSON for scripts and monitoring; the page itself refreshes without JS."""

    def get(self, request, pk):
        job = get_object_or_404(import_jobs_visible_to(request.user), pk=pk)
        done, total = progress_get(job.pk) or (0, job.total_rows)
        return JsonResponse(
            {
                "status": job.status,
                "done": done,
                "total": total,
                "errors": job.error_count,
            }
        )


class ImportConfirmView(View):
    def post(self, request, pk):
        job = get_object_or_404(import_jobs_visible_to(request.user), pk=pk)
        try:
            job = import_job_confirm(job=job, user=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("lms_imports:job", pk=pk)
        if job.status == ImportJob.Status.SUCCEEDED:
            messages.success(
                request,
                _("Imported: %(new)d new, %(updated)d updated, %(skipped)d unchanged.")
                % {
                    "new": job.new_count,
                    "updated": job.updated_count,
                    "skipped": job.skipped_count,
                },
            )
        return redirect("lms_imports:job", pk=pk)


class ImportRetryView(View):
    def post(self, request, pk):
        job = get_object_or_404(import_jobs_visible_to(request.user), pk=pk)
        try:
            import_job_retry(job=job, user=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
        return redirect("lms_imports:job", pk=pk)


class ImportJobFileView(View):
    """The uploaded file, to those who may see the job, always as a download.

    Never rendered by the browser: an attachment of an opaque type, with
    nosniff, so an uploaded file can carry no script into the portal's origin.
    """

    def get(self, request, pk):
        job = get_object_or_404(import_jobs_visible_to(request.user), pk=pk)
        if not job.has_file:
            raise Http404
        return private_download(job.file, filename=job.file_name)


class ImportTemplateView(View):
    def get(self, request, name):
        importer = _importer_for(request.user, name)
        response = HttpResponse(
            template_workbook(importer),
            content_type="application/vnd.openxmlformats-officedocument"
            ".spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{importer.name}-template.xlsx"'
        )
        return response


class ImportExportView(View):
    """An importer's own file for a chosen value (a Moodle framework), as CSV.

    Only importers whose export takes a choice offer it here; their other data
    is exported from its listing, where it is scoped.
    """

    def get(self, request, name):
        importer = _importer_for(request.user, name)
        if not isinstance(importer, ChoiceExport):
            raise Http404
        try:
            choice = importer.export_choice(request.GET.get(importer.export_option))
        except LookupError:
            raise Http404 from None
        response = HttpResponse(
            dataset_bytes(importer.export(choice), "csv"),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{importer.name}-{slugify(choice)}.csv"'
        )
        return response
