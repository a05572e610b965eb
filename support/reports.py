"""Who in the viewer's scope has not acknowledged a material's current version.

One selector (`support.selectors.acknowledgements_missing`), one scope
(`support.permissions.acknowledgement_people_visible_to`), one view: the admin
page and its CSV/XLSX export show the same rows.
"""

from functools import cached_property

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from lms.spreadsheets import SafeSpreadsheetExportMixin
from people.models import Person
from support.permissions import (
    acknowledgement_people_visible_to,
    can_view_acknowledgements,
)
from support.selectors import acknowledgement_materials, acknowledgements_missing


def _materials(request):
    return acknowledgement_materials()


class AcknowledgementFilterSet(WagtailFilterSet):
    material = django_filters.ModelChoiceFilter(
        label=_("Material"), queryset=_materials, method="keep", empty_label=None
    )

    class Meta:
        model = Person
        fields = []

    def keep(self, queryset, name, value):
        # The selector applies the material (see AcknowledgementsMissingView).
        return queryset


class AcknowledgementsMissingView(SafeSpreadsheetExportMixin, ReportView):
    results_template_name = "lms/report_results.html"
    page_title = _("Acknowledgements not given")
    header_icon = "tick"
    index_url_name = "support_reports:acknowledgements_missing"
    index_results_url_name = "support_reports:acknowledgements_missing_results"
    filterset_class = AcknowledgementFilterSet
    paginate_by = 100
    columns = [
        Column("full_name", label=_("Person")),
        Column("email", label=_("E-mail")),
        Column("organisation", label=_("Organisation")),
    ]
    list_export = ["full_name", "email", "organisation.name", "material", "version"]
    export_headings = {
        "full_name": _("Person"),
        "organisation.name": _("Organisation"),
        "material": _("Material"),
        "version": _("Version"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_acknowledgements(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def material(self):
        """The chosen material, or the first that requires acknowledgement."""
        chosen = None
        if self.filters is not None and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("material")
        return chosen or acknowledgement_materials().first()

    @cached_property
    def version(self):
        if self.material is None or not self.material.current_versions:
            return None
        return self.material.current_versions[0]

    def get_queryset(self):
        if self.version is None:
            return Person.objects.none()
        return acknowledgements_missing(
            material=self.material,
            version=self.version,
            people=acknowledgement_people_visible_to(self.request.user),
        )

    def get_page_subtitle(self):
        # Which material the rows are about: the filter sits behind a button.
        if self.version is None:
            return ""
        return _("%(title)s, version %(version)s") % {
            "title": self.material.title,
            "version": self.version.version,
        }

    def get_filename(self):
        return "acknowledgements-missing"

    def to_row_dict(self, item):
        return {
            "full_name": item.full_name,
            "email": item.email,
            "organisation.name": item.organisation.name,
            "material": self.material.title,
            "version": self.version.version,
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["material"] = self.material
        context["version"] = self.version
        return context
