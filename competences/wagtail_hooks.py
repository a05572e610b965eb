from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem as ListMenuItem
from wagtail.snippets.models import register_snippet

from catalogue.permissions import resources_visible_to, services_visible_to
from competences.models import (
    Competence,
    CompetenceFramework,
    Condition,
    ServiceManagementTask,
    SupportTopic,
)
from competences.models_coverage import Attainment, Delegation, Requirement
from competences.panels import CompetenceProfilePanel, CoverageHeatMapPanel
from competences.permissions import (
    attainments_visible_to,
    can_view_coverage,
    delegations_visible_to,
    reference_data_visible_to,
    requirements_visible_to,
    services_for_requirements,
)
from competences.reports import (
    ExpiringView,
    GapsView,
    OrganisationCoverageView,
    PeopleCompetencesView,
    ServiceCoverageView,
    SinglePointsOfFailureView,
)
from competences.selectors import (
    attainment_list,
    competence_list,
    condition_list,
    delegation_list,
    requirement_list,
)
from competences.services import delegation_save, recognition_record, requirement_save
from competences.views import AttainmentRevokeView
from lms.reporting import report_paths, reports_menu_register
from lms.viewsets import ScopedIndexView, ScopedSnippetViewSet, SnippetViewSetGroup
from people.permissions import (
    is_coordinator,
    organisations_visible_to,
    people_visible_to,
)


class ReferenceViewSet(ScopedSnippetViewSet):
    # Indexed models search their Wagtail index (all indexed fields); the two
    # plain models below search these columns in the database.
    scope = staticmethod(reference_data_visible_to)


class FrameworkViewSet(ReferenceViewSet):
    model = CompetenceFramework
    icon = "table"
    menu_label = _("Frameworks")
    list_display = ["code", "name"]
    list_export = ["code", "name_lv", "name_en", "description"]
    export_filename = "frameworks"
    search_fields = ["code", "name_lv", "name_en"]


class CompetenceViewSet(ReferenceViewSet):
    model = Competence
    icon = "success"
    menu_label = _("Competences")
    selector = staticmethod(competence_list)
    list_display = ["code", "name", "obligation", "validity_months", "framework"]
    list_filter = ["framework", "obligation"]
    list_export = [
        "code",
        "name_lv",
        "name_en",
        "obligation",
        "validity_months",
        "description",
    ]
    export_filename = "competences"
    ordering = ["framework", "sort_order", "code"]


class TaskViewSet(ReferenceViewSet):
    model = ServiceManagementTask
    icon = "tasks"
    menu_label = _("Service-management tasks")
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    list_export = ["code", "level", "name_lv", "name_en", "practice_lv"]
    export_filename = "tasks"
    ordering = ["sort_order"]


class ConditionViewSet(ReferenceViewSet):
    model = Condition
    icon = "list-ul"
    menu_label = _("Conditions")
    selector = staticmethod(condition_list)
    list_display = ["code", "name", "parent"]
    list_export = ["code", "parent.code", "name_lv", "name_en"]
    export_filename = "conditions"
    ordering = ["sort_order"]


class TopicViewSet(ReferenceViewSet):
    model = SupportTopic
    icon = "help"
    menu_label = _("Support topics")
    list_display = ["code", "name", "scale"]
    list_filter = ["scale"]
    list_export = ["code", "scale", "name_lv", "name_en"]
    export_filename = "support-topics"
    search_fields = ["code", "name_lv", "name_en"]
    ordering = ["sort_order"]


def _recognise(attainment, user):
    # An attainment entered in the admin is a recognition: it needs evidence.
    return recognition_record(
        actor=user,
        person=attainment.person,
        competence=attainment.competence,
        attained_on=attainment.attained_on,
        evidence=attainment.evidence,
        note=attainment.note,
        level=attainment.level,
        expires_on=attainment.expires_on,
        channel="admin",
    )


class RequirementViewSet(ScopedSnippetViewSet):
    model = Requirement
    icon = "tick"
    menu_label = _("Requirements")
    scope = staticmethod(requirements_visible_to)
    selector = staticmethod(requirement_list)
    choice_scopes = {
        "service": services_for_requirements,
        "resource": resources_visible_to,
    }
    save_with = staticmethod(
        lambda requirement, user: requirement_save(actor=user, requirement=requirement)
    )
    save_logs = True
    list_display = ["competence", "min_level", "scope"]
    list_filter = ["competence", "role"]
    list_export = [
        "competence.code",
        "min_level",
        "service.code",
        "resource.code",
        "role",
    ]
    export_headings = {"scope": _("scope")}
    export_filename = "requirements"
    search_fields = ["competence__code", "service__code", "resource__code"]


class AttainmentIndexView(ScopedIndexView):
    """The listing, with each attainment's evidence and its revocation."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        # The listing is already scoped to what the user may see.
        if instance.evidence:
            buttons.append(
                ListMenuItem(
                    _("Download evidence"),
                    url=reverse("attainment_evidence", args=[instance.pk]),
                    icon_name="download",
                    priority=40,
                )
            )
        if instance.revoked_at is None and is_coordinator(user):
            buttons.append(
                ListMenuItem(
                    _("Revoke"),
                    url=reverse(
                        "wagtailsnippets_competences_attainment:revoke",
                        args=[instance.pk],
                    ),
                    icon_name="cross",
                    priority=50,
                )
            )
        return buttons


class AttainmentViewSet(ScopedSnippetViewSet):
    model = Attainment
    index_view_class = AttainmentIndexView
    icon = "success"
    menu_label = _("Attainments")
    scope = staticmethod(attainments_visible_to)
    selector = staticmethod(attainment_list)
    choice_scopes = {"person": people_visible_to}
    save_with = staticmethod(_recognise)
    save_logs = True
    panels = [*Attainment.panels, FieldPanel("evidence")]
    list_display = [
        "person",
        "competence",
        "attained_on",
        "expires_on",
        "source",
        "revoked_at",
    ]
    list_filter = ["competence", "source"]
    list_export = [
        "person.email",
        "competence.code",
        "level_label",
        "attained_on",
        "expires_on",
        "source",
        "recorded_by",
        "recorded_at",
        "revoked_at",
        "revocation_reason",
    ]
    export_headings = {"level_label": _("level")}
    export_filename = "attainments"
    search_fields = ["person__last_name", "person__email", "competence__code"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", AttainmentRevokeView.as_view(), name="revoke"),
        ]


class DelegationViewSet(ScopedSnippetViewSet):
    model = Delegation
    icon = "group"
    menu_label = _("Delegations")
    scope = staticmethod(delegations_visible_to)
    selector = staticmethod(delegation_list)
    choice_scopes = {
        "service": services_visible_to,
        "institution": organisations_visible_to,
    }
    save_with = staticmethod(
        lambda delegation, user: delegation_save(actor=user, delegation=delegation)
    )
    save_logs = True
    list_display = ["competence", "centre", "scope", "start_date", "end_date"]
    list_filter = ["competence"]
    list_export = [
        "competence.code",
        "centre.code",
        "service.code",
        "institution.code",
        "start_date",
        "end_date",
    ]
    export_filename = "delegations"
    search_fields = ["competence__code", "centre__code", "service__code"]


class CoverageViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Competence coverage")
    menu_icon = "tick-inverse"
    menu_order = 225
    items = (RequirementViewSet, AttainmentViewSet, DelegationViewSet)


@hooks.register("register_log_actions")
def register_coverage_log_actions(actions):
    actions.register_action(
        "competences.attainment_grant",
        _("Attainment recorded"),
        _("Attainment recorded"),
    )
    actions.register_action(
        "competences.recognition_record",
        _("Recognition recorded"),
        _("Recognition recorded"),
    )
    actions.register_action(
        "competences.attainment_revoke",
        _("Attainment revoked"),
        _("Attainment revoked"),
    )


class CompetenceViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Competence framework")
    menu_icon = "success"
    menu_order = 220
    items = (
        FrameworkViewSet,
        CompetenceViewSet,
        TaskViewSet,
        ConditionViewSet,
        TopicViewSet,
    )


register_snippet(CompetenceViewSetGroup)
register_snippet(CoverageViewSetGroup)


report_urls = [
    *report_paths("service-coverage", ServiceCoverageView, "service_coverage"),
    *report_paths("people-competences", PeopleCompetencesView, "people_competences"),
    *report_paths(
        "organisation-coverage", OrganisationCoverageView, "organisation_coverage"
    ),
    *report_paths("gaps", GapsView, "gaps"),
    *report_paths("expiring", ExpiringView, "expiring"),
    *report_paths(
        "single-points-of-failure", SinglePointsOfFailureView, "single_points"
    ),
]


@hooks.register("register_admin_urls")
def register_coverage_report_urls():
    return [
        path("coverage/", include((report_urls, "competences_reports"))),
        # The same gaps page under a plain name, which the manager's heat map
        # links to with ?organisation=<pk>&competence=<pk>.
        path("coverage/gaps/", GapsView.as_view(), name="coverage_gaps"),
    ]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_coverage(request.user)


# (label, url name, menu name, icon) of each coverage report, in menu order.
COVERAGE_MENU = (
    (_("Service coverage"), "service_coverage", "service-coverage", "tick"),
    (_("People's competences"), "people_competences", "people-competences", "user"),
    (
        _("Organisation coverage"),
        "organisation_coverage",
        "organisation-coverage",
        "group",
    ),
    (_("Competence gaps"), "gaps", "coverage-gaps", "warning"),
    (_("Expiring attainments"), "expiring", "expiring-attainments", "time"),
    (
        _("Single points of failure"),
        "single_points",
        "single-points-of-failure",
        "warning",
    ),
)


reports_menu_register(
    CoverageMenuItem, "competences_reports", COVERAGE_MENU, first_order=100
)


@hooks.register("construct_homepage_panels")
def add_coverage_heat_map_panel(request, panels):
    if can_view_coverage(request.user):
        panels.append(CoverageHeatMapPanel(request.user))


@hooks.register("construct_dashboard_panels")
def add_competence_profile_panel(request, panels, person):
    # The person is the signed-in user's own record (people.views.DashboardView).
    panels.append(CompetenceProfilePanel(person))
