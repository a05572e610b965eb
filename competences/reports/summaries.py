"""Organisation coverage, gaps and expiring attainments in the admin
(selectors in competences/coverage_reports.py)."""

from urllib.parse import urlencode

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from catalogue.models import Relation
from competences.models import Obligation
from competences.permissions import coverage_organisations_visible_to
from competences.reports.base import (
    STATUS_LABELS,
    CoverageFilterSet,
    CoverageReportView,
    ShortDateColumn,
)
from people.selectors import internal_organisation_ids, person_for_user


def _row_organisations(request):
    return coverage_organisations_visible_to(request.user)


class OrganisationFilterSet(CoverageFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_row_organisations, method="keep"
    )


class CourseLinksColumn(Column):
    """The courses that close a gap, each a link to its page."""

    cell_template_name = "competences/cells/course_links.html"


def _share_text(held: int, required: int, share: int | None) -> str:
    if not required:
        return "—"
    return f"{held} / {required} ({share} %)"


class OrganisationCoverageView(CoverageReportView):
    """(c) Each organisation × mandatory competence: the share of its people
    who hold it, internal and external apart; each share opens its gaps."""

    report_name = "organisation-coverage"
    page_title = _("Organisation coverage")
    header_icon = "group"
    filterset_class = OrganisationFilterSet
    index_url_name = "competences_reports:organisation_coverage"
    index_results_url_name = "competences_reports:organisation_coverage_results"
    columns = [
        Column("organisation_code", label=_("Organisation")),
        Column(
            "organisation_name", label=pgettext_lazy("organisation, service", "Name")
        ),
        Column("competence_code", label=_("Competence")),
        Column("internal_text", label=_("Internal")),
        Column("external_text", label=_("External")),
        TitleColumn(
            "share_text",
            label=_("Covered"),
            get_url=lambda row: row.gaps_url,
        ),
    ]

    def narrow_to_kind(self, people, kind):
        # The kind of the row's organisation (selector_kwargs), not the person's.
        return people

    def narrow_to_institution(self, services, people, tree):
        return services, people

    def selector_kwargs(self) -> dict:
        data = self.cleaned
        organisations = coverage_organisations_visible_to(self.request.user)
        if data.get("institution"):
            organisations = organisations.filter(pk__in=self.institution_tree())
        if data.get("organisation_kind"):
            organisations = organisations.filter(kind=data["organisation_kind"])
        if data.get("organisation"):
            organisations = organisations.filter(pk=data["organisation"].pk)
        return {"organisations": organisations}

    def decorate_paginated_queryset(self, object_list):
        gaps = reverse("coverage_gaps")
        for row in object_list:
            row.internal_text = _share_text(
                row.internal_held, row.internal_required, row.internal_share
            )
            row.external_text = _share_text(
                row.external_held, row.external_required, row.external_share
            )
            row.share_text = f"{row.share} %"
            query = {
                "organisation": row.organisation_id,
                "competence": row.competence_id,
                "as_of": self.as_of.isoformat(),
            }
            row.gaps_url = f"{gaps}?{urlencode(query)}"
        return object_list


class PersonProviderMixin:
    """Internal or external for reports of people rather than of services:
    relative to the organisation or institution filtered on, else to the
    viewer's own institution. Internal: its staff and its units' staff."""

    def reference_organisation_id(self) -> int | None:
        data = self.cleaned
        for name in ("organisation", "institution"):
            if data.get(name):
                return data[name].pk
        person = person_for_user(user=self.request.user)
        if person is None:
            return None
        from people.selectors import institution_of

        return institution_of(organisation=person.organisation).pk

    def narrow_to_provider(self, people, provider):
        reference = self.reference_organisation_id()
        if reference is None:
            return people
        internal = internal_organisation_ids(owner_ids=[reference])[reference]
        if provider == Relation.INTERNAL:
            return people.filter(organisation_id__in=internal)
        return people.exclude(organisation_id__in=internal)

    def narrow_to_institution(self, services, people, tree):
        return services, people.filter(organisation_id__in=tree)


class GapsView(PersonProviderMixin, CoverageReportView):
    """(d) Who lacks what, riskiest first, with the courses that close it.

    Its URL is also named `coverage_gaps`: the heat map links a cell to
    `?organisation=<pk>&competence=<pk>`."""

    report_name = "gaps"
    page_title = _("Competence gaps")
    header_icon = "warning"
    filterset_class = OrganisationFilterSet
    index_url_name = "competences_reports:gaps"
    index_results_url_name = "competences_reports:gaps_results"
    columns = [
        Column("person_name", label=_("Person")),
        Column("person_email", label=_("E-mail")),
        Column("organisation_code", label=_("Organisation")),
        Column("competence_code", label=_("Competence")),
        Column("obligation_label", label=_("Obligation")),
        Column("status_label", label=_("Status")),
        ShortDateColumn("expires_on", label=_("Expired on")),
        ShortDateColumn("gap_since", label=_("Gap since")),
        CourseLinksColumn("courses", label=_("Courses")),
    ]

    def selector_kwargs(self) -> dict:
        organisation = self.cleaned.get("organisation")
        return {"organisation_id": organisation.pk if organisation else None}

    def decorate_paginated_queryset(self, object_list):
        for gap in object_list:
            gap.status_label = STATUS_LABELS[gap.status]
            gap.obligation_label = Obligation(gap.obligation).label
        return object_list


class ExpiringView(PersonProviderMixin, CoverageReportView):
    """(e) Attainments expiring within the window or expired in the last 90
    days, with the person's managers."""

    report_name = "expiring"
    page_title = _("Expiring attainments")
    header_icon = "time"
    index_url_name = "competences_reports:expiring"
    index_results_url_name = "competences_reports:expiring_results"
    columns = [
        Column("person_name", label=_("Person")),
        Column("person_email", label=_("E-mail")),
        Column("organisation_code", label=_("Organisation")),
        Column("competence_code", label=_("Competence")),
        ShortDateColumn("attained_on", label=_("Attained on")),
        ShortDateColumn("expires_on", label=_("Expires on")),
        Column("status_label", label=_("Status")),
        ShortDateColumn("renewed_on", label=_("Renewed on")),
        Column("managers_text", label=_("Manager")),
    ]

    def decorate_paginated_queryset(self, object_list):
        for item in object_list:
            item.status_label = STATUS_LABELS[item.status]
            # Names here; the files carry their e-mails.
            item.managers_text = ", ".join(item.manager_names) or "—"
        return object_list
