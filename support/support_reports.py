"""Admin reports of the support app: needs (for planning) and feedback ratings.

Each is one selector over one permission filter; the page, its CSV and XLSX
exports share them (SafeSpreadsheetExportMixin escapes formulae).
"""

from functools import cached_property
from types import SimpleNamespace

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from competences.models import SupportTopic
from lms.spreadsheets import SafeSpreadsheetExportMixin
from support.models import Feedback, SupportForm, SupportNeed
from support.permissions import (
    can_view_support_reports,
    feedback_visible_to,
    needs_visible_to,
)
from support.selectors import month_starts, need_summary, rating_summary

MONTHS = 6
TREND_LABELS = {1: _("Growing"), 0: _("Steady"), -1: _("Falling")}


class SupportReportView(SafeSpreadsheetExportMixin, ReportView):
    results_template_name = "lms/report_results.html"
    header_icon = "help"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not can_view_support_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def cleaned(self) -> dict:
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def to_row_dict(self, item):
        return {field: getattr(item, field) for field in self.list_export}


class NeedFilterSet(WagtailFilterSet):
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=SupportTopic.objects.all()
    )
    form = django_filters.ChoiceFilter(
        label=_("Form of support"), choices=SupportForm.choices
    )

    class Meta:
        model = SupportNeed
        fields = ["topic", "form"]


class NeedReportView(SupportReportView):
    """Needs in the viewer's scope by topic, service or resource and form, with
    the count per month over the last six months and the trend."""

    page_title = _("Support needs")
    index_url_name = "support_reports:needs"
    index_results_url_name = "support_reports:needs_results"
    filterset_class = NeedFilterSet
    export_filename = "support-needs"

    @cached_property
    def month_labels(self) -> list[str]:
        starts = month_starts(months=MONTHS)[:-1]
        return [formats.date_format(start, "M Y") for start in starts]

    @property
    def columns(self):
        return [
            Column("topic", label=_("Topic")),
            Column("subject", label=_("Service or resource")),
            Column("form_label", label=_("Form of support")),
            Column("total", label=_("Needs")),
            *(
                Column(f"month_{i}", label=label)
                for i, label in enumerate(self.month_labels)
            ),
            Column("trend_label", label=_("Trend")),
        ]

    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

    def get_queryset(self):
        return SupportNeed.objects.all()

    def get_filtered_queryset(self):
        needs = needs_visible_to(self.request.user)
        data = self.cleaned
        if data.get("topic"):
            needs = needs.filter(topic=data["topic"])
        if data.get("form"):
            needs = needs.filter(form=data["form"])
        rows = []
        for row in need_summary(needs=needs, months=MONTHS):
            item = SimpleNamespace(
                topic=f"{row['topic__code']} {row['topic__name_lv']}",
                subject=row["service__code"] or row["resource__code"] or "",
                form_label=SupportForm(row["form"]).label,
                total=row["total"],
                trend_label=TREND_LABELS[row["trend"]],
            )
            for i, count in enumerate(row["months"]):
                setattr(item, f"month_{i}", count)
            rows.append(item)
        return rows

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


class RatingReportView(SupportReportView):
    """Average ratings per material and per manager, from feedback in scope."""

    page_title = _("Feedback ratings")
    index_url_name = "support_reports:ratings"
    index_results_url_name = "support_reports:ratings_results"
    export_filename = "feedback-ratings"
    columns = [
        Column("kind_label", label=_("Rated")),
        Column("name", label=_("Name")),
        Column("count", label=_("Ratings")),
        Column("average", label=_("Average (1–5)")),
    ]
    list_export = ["kind_label", "name", "count", "average"]
    export_headings = {
        "kind_label": _("Rated"),
        "name": _("Name"),
        "count": _("Ratings"),
        "average": _("Average (1–5)"),
    }
    KIND_LABELS = {
        "material": _("Material"),
        "manager": _("Manager (consultations)"),
        "course": _("Course"),
    }

    def get_queryset(self):
        return Feedback.objects.all()

    def get_filtered_queryset(self):
        return [
            SimpleNamespace(kind_label=self.KIND_LABELS[row["kind"]], **row)
            for row in rating_summary(feedback=feedback_visible_to(self.request.user))
        ]

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"
