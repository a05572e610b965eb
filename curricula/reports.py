"""The compliance reports: admin ReportViews and `manage.py report compliance`.

Both read `curricula.selectors.compliance_rows` through the viewer's scope
(`members_visible_to`); the command, like the coverage reports' command, runs
as the system over all the data. The file's columns are identifiers scripts
rely on, in every language.
"""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from curricula.models import Assignment, AssignmentMember, MemberStatus
from curricula.permissions import (
    assignments_visible_to,
    can_view_compliance,
    members_visible_to,
)
from curricula.selectors import compliance_rows, compliance_summary
from lms.pdf import html_to_pdf
from lms.spreadsheets import SafeSpreadsheetExportMixin, dataset_bytes
from people.models import Organisation

COLUMNS = (
    "person_email",
    "curriculum_code",
    "course_code",
    "status",
    "assigned_on",
    "due_on",
    "completed_on",
)
COLUMN_LABELS = {
    "person_email": _("E-mail"),
    "curriculum_code": _("Curriculum"),
    "course_code": _("Course"),
    "status": _("Status"),
    "assigned_on": _("Assigned on"),
    "due_on": _("Due on"),
    "completed_on": _("Completed on"),
}


def _file_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def compliance_write(*, as_of: datetime.date, format: str, **options) -> bytes:
    """The file of `manage.py report compliance` (registered in lms.reporting)."""
    import tablib

    rows = compliance_rows(members=AssignmentMember.objects.all(), as_of=as_of)
    if format == "pdf":
        html = render_to_string(
            "curricula/compliance_report_pdf.html",
            {
                "title": _("Compliance"),
                "as_of": as_of,
                "headings": [COLUMN_LABELS[column] for column in COLUMNS],
                "rows": [
                    [
                        MemberStatus(row.status).label
                        if column == "status"
                        else (
                            value.strftime("%d.%m.%Y")
                            if isinstance(value := getattr(row, column), datetime.date)
                            else value or ""
                        )
                        for column in COLUMNS
                    ]
                    for row in rows
                ],
            },
        )
        return html_to_pdf(html)
    dataset = tablib.Dataset(headers=list(COLUMNS))
    for row in rows:
        dataset.append([_file_value(getattr(row, column)) for column in COLUMNS])
    return dataset_bytes(dataset, format)


class ComplianceFilterSet(WagtailFilterSet):
    as_of = django_filters.DateFilter(
        label=_("As of"), widget=AdminDateInput, method="keep"
    )
    assignment = django_filters.ModelChoiceFilter(
        label=_("Assignment"),
        queryset=lambda request: assignments_visible_to(request.user).select_related(
            "curriculum", "course"
        ),
        method="keep",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MemberStatus.choices, method="keep"
    )

    class Meta:
        model = AssignmentMember
        fields = []

    def keep(self, queryset, name, value):
        # The view filters in SQL after the status is computed.
        return queryset


class ComplianceBaseView(SafeSpreadsheetExportMixin, ReportView):
    results_template_name = "lms/report_results.html"
    filterset_class = ComplianceFilterSet
    header_icon = "tick-inverse"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not can_view_compliance(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def cleaned(self) -> dict:
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    @property
    def as_of(self) -> datetime.date:
        return self.cleaned.get("as_of") or timezone.localdate()

    def members(self):
        members = members_visible_to(self.request.user)
        if self.cleaned.get("assignment"):
            members = members.filter(assignment=self.cleaned["assignment"])
        return members

    def get_queryset(self):
        return AssignmentMember.objects.none()


class ComplianceView(ComplianceBaseView):
    """Every (person, assigned course) with its status: the overdue list is
    this report filtered to "Overdue"."""

    page_title = _("Compliance")
    index_url_name = "curricula_reports:compliance"
    index_results_url_name = "curricula_reports:compliance_results"
    list_export = list(COLUMNS)
    columns = [
        Column("person", label=_("Person")),
        Column("person_email", label=_("E-mail")),
        Column("curriculum_code", label=_("Curriculum")),
        Column("course_code", label=_("Course")),
        Column("status_label", label=_("Status")),
        Column("assigned_on", label=_("Assigned on")),
        Column("due_on", label=_("Due on")),
        Column("completed_on", label=_("Completed on")),
    ]

    def get_heading(self, queryset, field):
        return field

    def to_row_dict(self, item):
        return {column: _file_value(getattr(item, column)) for column in COLUMNS}

    def get_filename(self):
        return f"compliance-{self.as_of:%Y-%m-%d}"

    def get_filtered_queryset(self):
        rows = compliance_rows(members=self.members(), as_of=self.as_of)
        if self.cleaned.get("status"):
            rows = rows.filter(status=self.cleaned["status"])
        return rows

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row.status_label = MemberStatus(row.status).label
        return object_list


class _SummaryRow:
    def __init__(self, row, label):
        self.label = label
        self.people = row["people"]
        self.total = row["total"]
        self.completed = row["completed"]
        self.overdue = row["overdue"]
        self.percent = row["percent"]


class ComplianceSummaryView(ComplianceBaseView):
    """Compliance % per assignment or per organisation of the viewer's scope."""

    page_title = _("Compliance by assignment")
    by = "assignment"
    index_url_name = "curricula_reports:by_assignment"
    index_results_url_name = "curricula_reports:by_assignment_results"
    list_export = ["label", "people", "total", "completed", "overdue", "percent"]
    export_headings = {
        "label": _("Assignment"),
        "people": _("People"),
        "total": _("Assigned courses"),
        "completed": _("Completed"),
        "overdue": _("Overdue"),
        "percent": _("Compliance %"),
    }
    columns = [
        Column("label", label=_("Assignment")),
        Column("people", label=_("People")),
        Column("total", label=_("Assigned courses")),
        Column("completed", label=_("Completed")),
        Column("overdue", label=_("Overdue")),
        Column("percent", label=_("Compliance %")),
    ]

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def to_row_dict(self, item):
        return {field: getattr(item, field) for field in self.list_export}

    def get_filtered_queryset(self):
        rows = compliance_summary(members=self.members(), as_of=self.as_of, by=self.by)
        model = Assignment if self.by == "assignment" else Organisation
        names = model.objects.select_related(
            *(("curriculum", "course") if self.by == "assignment" else ())
        ).in_bulk([row["key"] for row in rows])
        result = [_SummaryRow(row, str(names.get(row["key"], ""))) for row in rows]
        return sorted(result, key=lambda row: (row.percent, row.label))


class ComplianceByOrganisationView(ComplianceSummaryView):
    page_title = _("Compliance by organisation")
    by = "organisation"
    index_url_name = "curricula_reports:by_organisation"
    index_results_url_name = "curricula_reports:by_organisation_results"
    export_headings = {
        **ComplianceSummaryView.export_headings,
        "label": _("Organisation"),
    }
    columns = [
        Column("label", label=_("Organisation")),
        *ComplianceSummaryView.columns[1:],
    ]
