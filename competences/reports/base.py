"""The coverage reports' shared parts: the rows of their files, the filters
and the base ReportView.

Each report is a selector in competences/coverage.py or coverage_reports.py;
the views (cells.py, summaries.py) only present it. The admin view, its
CSV/XLSX export and `manage.py report` share `REPORTS` (the selector and the
file columns), so they cannot disagree.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import Button

from catalogue.models import Relation, ResponsibleRole
from competences.coverage import (
    WINDOW_DAYS,
    CoverageFilters,
    coverage_by_person,
    coverage_by_service,
    single_points_of_failure,
)
from competences.coverage_reports import (
    attainments_expiring,
    coverage_by_organisation,
    coverage_gaps,
)
from competences.models import Competence, Obligation
from competences.permissions import (
    can_view_coverage,
    coverage_people_visible_to,
    coverage_services_visible_to,
)
from lms.pdf import html_to_pdf
from lms.spreadsheets import SafeSpreadsheetExportMixin
from people.models import OrganisationKind, Person
from people.permissions import organisations_visible_to
from people.selectors import organisation_subtree_ids


class ShortDateColumn(Column):
    """A date as the language writes it short (01.07.2026, 2026-07-01): the
    report tables hold many."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "SHORT_DATE_FORMAT") if value else ""


STATUS_LABELS = {
    "held": _("Held"),
    "expiring": _("Expiring"),
    "delegated": _("Delegated"),
    "expired": _("Expired"),
    "missing": _("Missing"),
}


@dataclass(frozen=True)
class Report:
    selector: object
    # The file's columns, exactly as scripts read them, and each cell's value.
    columns: tuple[str, ...]

    def row(self, cell) -> list:
        return [_file_value(getattr(cell, name)) for name in self.columns]


def _file_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return value


REPORT_TITLES = {
    "service-coverage": _("Service coverage"),
    "people-competences": _("People's competences"),
    "organisation-coverage": _("Organisation coverage"),
    "gaps": _("Competence gaps"),
    "expiring": _("Expiring attainments"),
    "single-points-of-failure": _("Single points of failure"),
}

REPORTS = {
    "service-coverage": Report(
        selector=coverage_by_service,
        columns=(
            "service_code",
            "person_email",
            "provider",
            "competence_code",
            "status",
            "expires_on",
            "delegated_to",
        ),
    ),
    "people-competences": Report(
        selector=coverage_by_person,
        columns=(
            "person_email",
            "organisation_code",
            "competence_code",
            "status",
            "attained_on",
            "expires_on",
        ),
    ),
    "organisation-coverage": Report(
        selector=coverage_by_organisation,
        columns=(
            "organisation_code",
            "competence_code",
            "internal_held",
            "internal_required",
            "internal_share",
            "external_held",
            "external_required",
            "external_share",
        ),
    ),
    "gaps": Report(
        selector=coverage_gaps,
        columns=(
            "person_email",
            "organisation_code",
            "competence_code",
            "obligation",
            "status",
            "expires_on",
            "gap_since",
            "course_codes",
        ),
    ),
    "expiring": Report(
        selector=attainments_expiring,
        columns=(
            "person_email",
            "organisation_code",
            "competence_code",
            "attained_on",
            "expires_on",
            "status",
            "renewed_on",
            "managers",
        ),
    ),
    "single-points-of-failure": Report(
        selector=single_points_of_failure,
        columns=("service_code", "competence_code", "holder_count", "holders"),
    ),
}


COLUMN_LABELS = {
    "service_code": _("Service"),
    "person_email": _("E-mail"),
    "provider": _("Internal or external"),
    "organisation_code": _("Organisation"),
    "competence_code": _("Competence"),
    "status": _("Status"),
    "attained_on": _("Attained on"),
    "expires_on": _("Expires on"),
    "delegated_to": _("Delegated to"),
    "holder_count": _("Holders"),
    "holders": _("Held by"),
    "internal_held": _("Internal: hold"),
    "internal_required": _("Internal: required"),
    "internal_share": _("Internal: %"),
    "external_held": _("External: hold"),
    "external_required": _("External: required"),
    "external_share": _("External: %"),
    "obligation": _("Obligation"),
    "gap_since": _("Gap since"),
    "course_codes": _("Courses"),
    "renewed_on": _("Renewed on"),
    "managers": _("Manager"),
}


def report_pdf(name: str, cells, *, as_of: datetime.date, window_days: int) -> bytes:
    """The report as a printable PDF: translated headings and statuses,
    European dates."""
    report = REPORTS[name]
    rows = []
    for cell in cells:
        values = []
        for column in report.columns:
            value = getattr(cell, column)
            if column == "status":
                value = STATUS_LABELS[value]
            elif column == "provider":
                value = Relation(value).label
            elif column == "obligation":
                value = Obligation(value).label
            elif value is None:
                value = ""
            elif isinstance(value, datetime.date):
                value = value.strftime("%d.%m.%Y")
            elif isinstance(value, list):
                value = "; ".join(value)
            values.append(value)
        rows.append({"status": getattr(cell, "status", ""), "cells": values})
    html = render_to_string(
        "competences/coverage_report_pdf.html",
        {
            "title": REPORT_TITLES[name],
            "as_of": as_of,
            "window_days": window_days,
            "headings": [COLUMN_LABELS[column] for column in report.columns],
            "rows": rows,
        },
    )
    return html_to_pdf(html)


def report_dataset(name: str, cells):
    """The report's cells as a tablib Dataset in the file's columns."""
    import tablib

    report = REPORTS[name]
    dataset = tablib.Dataset(headers=list(report.columns))
    for cell in cells:
        dataset.append(report.row(cell))
    return dataset


def _organisations(request):
    return organisations_visible_to(request.user).exclude(kind=OrganisationKind.UNIT)


def _services(request):
    return coverage_services_visible_to(request.user)


class CoverageFilterSet(WagtailFilterSet):
    as_of = django_filters.DateFilter(
        label=_("As of"), widget=AdminDateInput, method="keep"
    )
    expiring_days = django_filters.NumberFilter(
        label=_("Expiring within (days)"), min_value=0, max_value=3650, method="keep"
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"), queryset=_organisations, method="keep"
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Organisation kind"), choices=OrganisationKind.choices, method="keep"
    )
    provider = django_filters.ChoiceFilter(
        label=_("Internal or external"), choices=Relation.choices, method="keep"
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=ResponsibleRole.choices, method="keep"
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Service"), queryset=_services, method="keep"
    )
    competence = django_filters.ModelChoiceFilter(
        label=_("Competence"),
        queryset=Competence.objects.select_related("framework"),
        method="keep",
    )
    mandatory_only = django_filters.BooleanFilter(
        label=_("Mandatory only"), method="keep"
    )

    class Meta:
        model = Competence
        fields = []

    def keep(self, queryset, name, value):
        # The selector applies the filters in SQL (see CoverageReportView).
        return queryset


class CoverageReportView(SafeSpreadsheetExportMixin, ReportView):
    """A coverage report in the admin, scoped to the viewer."""

    results_template_name = "lms/report_results.html"
    report_name = ""
    filterset_class = CoverageFilterSet
    header_icon = "tick"
    paginate_by = 100
    FORMAT_PDF = "pdf"
    FORMATS = (*ReportView.FORMATS, FORMAT_PDF)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format != self.FORMAT_PDF:
            return super().as_spreadsheet(queryset, spreadsheet_format)
        response = HttpResponse(
            report_pdf(
                self.report_name,
                queryset,
                as_of=self.as_of,
                window_days=self.window_days,
            ),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.pdf"'
        )
        return response

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        buttons.append(
            Button(
                _("Download PDF"),
                url=self.get_export_url(self.FORMAT_PDF),
                icon_name="download",
                priority=110,
            )
        )
        return buttons

    def dispatch(self, request, *args, **kwargs):
        if not can_view_coverage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def list_export(self):
        return list(REPORTS[self.report_name].columns)

    def get_heading(self, queryset, field):
        # The files' columns are identifiers scripts rely on, in every language.
        return field

    def to_row_dict(self, item):
        report = REPORTS[self.report_name]
        return dict(zip(report.columns, report.row(item), strict=True))

    def get_filename(self):
        return f"{self.report_name}-{self.as_of:%Y-%m-%d}"

    def get_queryset(self):
        return Competence.objects.none()

    @property
    def cleaned(self) -> dict:
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    @property
    def as_of(self) -> datetime.date:
        return self.cleaned.get("as_of") or timezone.localdate()

    def institution_tree(self) -> set[int]:
        return organisation_subtree_ids(root_ids=[self.cleaned["institution"].pk])

    def coverage_filters(self) -> CoverageFilters:
        data, user = self.cleaned, self.request.user
        services = coverage_services_visible_to(user)
        people = coverage_people_visible_to(user)
        if data.get("service"):
            services = services.filter(pk=data["service"].pk)
        if data.get("institution"):
            services, people = self.narrow_to_institution(
                services, people, self.institution_tree()
            )
        if data.get("organisation_kind"):
            people = self.narrow_to_kind(people, data["organisation_kind"])
        if data.get("role"):
            people = people.filter(
                pk__in=Person.objects.filter(
                    role_assignments__role=data["role"]
                ).values("pk")
            )
        if data.get("provider"):
            people = self.narrow_to_provider(people, data["provider"])
        competences = None
        if data.get("competence"):
            competences = Competence.objects.filter(pk=data["competence"].pk)
        return CoverageFilters(
            services=services,
            people=people,
            competences=competences,
            mandatory_only=bool(data.get("mandatory_only")),
            provider=data.get("provider") or "",
        )

    def narrow_to_institution(self, services, people, tree):
        return services.filter(owner_id__in=tree), people

    def narrow_to_kind(self, people, kind):
        return people.filter(organisation__kind=kind)

    def narrow_to_provider(self, people, provider):
        # Service reports decide internal/external per service, in SQL.
        return people

    @property
    def window_days(self) -> int:
        expiring = self.cleaned.get("expiring_days")
        return WINDOW_DAYS if expiring is None else int(expiring)

    def decorate_paginated_queryset(self, object_list):
        # Person × competence cells; a report of other rows overrides this.
        return [_decorated(cell) for cell in object_list]

    def selector_kwargs(self) -> dict:
        """What a report's selector takes beyond the shared filters."""
        return {}

    def get_filtered_queryset(self):
        if self.filters is not None and not self.filters.is_valid():
            # A filter the form refuses (a date that is none, an organisation
            # out of scope) shows its error and no rows, never unfiltered ones.
            return []
        return REPORTS[self.report_name].selector(
            as_of=self.as_of,
            window_days=self.window_days,
            filters=self.coverage_filters(),
            **self.selector_kwargs(),
        )


def _decorated(cell):
    """The cell with translated labels for the admin table."""
    cell.status_label = STATUS_LABELS[cell.status]
    provider = getattr(cell, "provider", "")
    cell.provider_label = Relation(provider).label if provider else ""
    return cell
