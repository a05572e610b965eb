"""The three cell reports: service-coverage, people-competences and single
points of failure (selectors in competences/coverage.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column

from competences.reports.base import CoverageReportView, ShortDateColumn


class ServiceCoverageView(CoverageReportView):
    report_name = "service-coverage"
    page_title = _("Service coverage")
    index_url_name = "competences_reports:service_coverage"
    index_results_url_name = "competences_reports:service_coverage_results"
    columns = [
        Column("service_code", label=_("Service")),
        Column("person_name", label=_("Person")),
        Column("person_email", label=_("E-mail")),
        Column("provider_label", label=_("Internal or external")),
        Column("competence_code", label=_("Competence")),
        Column("status_label", label=_("Status")),
        ShortDateColumn("expires_on", label=_("Expires on")),
        Column("delegated_to", label=_("Delegated to")),
    ]


class PeopleCompetencesView(CoverageReportView):
    report_name = "people-competences"
    page_title = _("People's competences")
    index_url_name = "competences_reports:people_competences"
    index_results_url_name = "competences_reports:people_competences_results"
    columns = [
        Column("person_name", label=_("Person")),
        Column("person_email", label=_("E-mail")),
        Column("organisation_code", label=_("Organisation")),
        Column("competence_code", label=_("Competence")),
        Column("status_label", label=_("Status")),
        ShortDateColumn("attained_on", label=_("Attained on")),
        ShortDateColumn("expires_on", label=_("Expires on")),
        Column("delegated_to", label=_("Delegated to")),
    ]

    def narrow_to_institution(self, services, people, tree):
        return services, people.filter(organisation_id__in=tree)


class SinglePointsOfFailureView(CoverageReportView):
    report_name = "single-points-of-failure"
    page_title = _("Single points of failure")
    index_url_name = "competences_reports:single_points"
    index_results_url_name = "competences_reports:single_points_results"
    columns = [
        Column("service_code", label=_("Service")),
        Column("service_name", label=pgettext_lazy("organisation, service", "Name")),
        Column("competence_code", label=_("Competence")),
        Column("competence_name", label=pgettext_lazy("organisation, service", "Name")),
        Column("holder_count", label=_("Holders")),
        Column("holders_text", label=_("Held by")),
    ]

    def decorate_paginated_queryset(self, object_list):
        for point in object_list:
            point.holders_text = ", ".join(point.holders) or "—"
        return object_list
