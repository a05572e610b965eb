from django.forms import Select
from django.templatetags.static import static
from django.urls import include, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.models import register_snippet

from catalogue.permissions import resources_visible_to, services_visible_to
from curricula import admin_views
from curricula.models import Assignment, Curriculum
from curricula.permissions import (
    assignable_people,
    assignments_visible_to,
    can_view_compliance,
    curricula_visible_to,
    members_visible_to,
)
from curricula.reports import (
    ComplianceByOrganisationView,
    ComplianceSummaryView,
    ComplianceView,
)
from curricula.selectors import (
    TARGET_PERCENT,
    compliance_summary,
    learner_curricula,
    overdue_members,
)
from curricula.services import curriculum_save
from lms.reporting import report_paths, reports_menu_register
from lms.viewsets import ScopedSnippetViewSet, SnippetViewSetGroup
from people.permissions import organisations_visible_to

PREVIEW_URL = reverse_lazy("curricula_admin:audience_preview")


class CurriculumViewSet(ScopedSnippetViewSet):
    model = Curriculum
    icon = "list-ol"
    menu_label = _("Curricula")
    scope = staticmethod(curricula_visible_to)
    selector = staticmethod(lambda queryset: queryset.select_related("owner"))
    choice_scopes = {"owner": organisations_visible_to}
    save_with = staticmethod(
        lambda curriculum, user: curriculum_save(curriculum=curriculum, actor=user)
    )
    list_display = ["code", "name", "owner", "recurrence_months"]
    list_export = ["code", "name_lv", "name_en", "owner.code", "recurrence_months"]
    export_filename = "curricula"
    search_fields = ["code", "name_lv", "name_en"]


def _overview_url(assignment):
    return reverse("curricula_admin:overview", args=[assignment.pk])


class AssignmentViewSet(ScopedSnippetViewSet):
    model = Assignment
    icon = "group"
    menu_label = _("Assignments")
    scope = staticmethod(assignments_visible_to)
    selector = staticmethod(
        lambda queryset: queryset.select_related("curriculum", "course", "owner")
    )
    choice_scopes = {
        "curriculum": curricula_visible_to,
        "people": assignable_people,
        "organisation": organisations_visible_to,
        "service": services_visible_to,
        "resource": resources_visible_to,
    }
    add_view_class = admin_views.AssignmentCreateView
    edit_view_class = admin_views.AssignmentEditView
    list_display = [
        "__str__",
        "status",
        "due_date",
        "due_in_days",
        TitleColumn(
            "overview_label",
            label=_("Compliance"),
            get_url=_overview_url,
            accessor=lambda assignment: _("Overview"),
        ),
    ]
    list_export = [
        "curriculum.code",
        "course.code",
        "audience_kind",
        "status",
        "due_date",
        "due_in_days",
    ]
    export_filename = "assignments"
    edit_handler = ObjectList(
        [
            # Plain lists (already limited to the coordinator's scope) so that
            # the live audience count sees every change as it happens.
            FieldRowPanel(
                [FieldPanel("curriculum", widget=Select), FieldPanel("course")]
            ),
            MultiFieldPanel(
                [
                    FieldPanel("audience_kind"),
                    FieldPanel("people"),
                    FieldRowPanel(
                        [
                            FieldPanel("organisation", widget=Select),
                            FieldPanel("include_units"),
                        ]
                    ),
                    FieldPanel("role"),
                    FieldRowPanel(
                        [
                            FieldPanel("service", widget=Select),
                            FieldPanel("resource", widget=Select),
                        ]
                    ),
                    FieldPanel("provider"),
                    HelpPanel(
                        content=format_lazy(
                            '<div class="help-block help-info" data-audience-preview'
                            ' data-url="{}" aria-live="polite">{}</div>',
                            PREVIEW_URL,
                            _("Choose an audience to see how many people it matches."),
                        )
                    ),
                ],
                heading=_("Audience"),
            ),
            FieldRowPanel([FieldPanel("due_date"), FieldPanel("due_in_days")]),
            FieldPanel("status"),
        ]
    )


class CurriculaViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Curricula")
    menu_icon = "list-ol"
    menu_order = 230
    items = (CurriculumViewSet, AssignmentViewSet)


register_snippet(CurriculaViewSetGroup)


@hooks.register("insert_editor_js")
def audience_preview_js():
    # The assignment form's live audience count; a no-op on other forms.
    return format_html(
        '<script src="{}" defer></script>', static("curricula/audience.js")
    )


admin_urls = [
    path("audience-preview/", admin_views.audience_preview, name="audience_preview"),
    path("assignments/<int:pk>/", admin_views.assignment_overview, name="overview"),
    path("assignments/<int:pk>/remind/", admin_views.assignment_remind, name="remind"),
]

report_urls = [
    *report_paths("compliance", ComplianceView, "compliance"),
    *report_paths("by-assignment", ComplianceSummaryView, "by_assignment"),
    *report_paths("by-organisation", ComplianceByOrganisationView, "by_organisation"),
]


@hooks.register("register_admin_urls")
def register_curricula_admin_urls():
    return [
        path("curricula/", include((admin_urls, "curricula_admin"))),
        path("compliance/", include((report_urls, "curricula_reports"))),
    ]


class ComplianceMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_compliance(request.user)


COMPLIANCE_MENU = (
    (_("Compliance"), "compliance", "compliance", "tick-inverse"),
    (_("Compliance by assignment"), "by_assignment", "compliance-assignment", "group"),
    (
        _("Compliance by organisation"),
        "by_organisation",
        "compliance-organisation",
        "site",
    ),
)


reports_menu_register(
    ComplianceMenuItem, "curricula_reports", COMPLIANCE_MENU, first_order=200
)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "curricula.assignment_sync",
        _("Audience synchronised"),
        _("Audience synchronised"),
    )


class ComplianceHomePanel(Component):
    """Admin home: the overdue people and the curricula below target, in scope."""

    name = "curricula_compliance"
    order = 60
    template_name = "curricula/panels/compliance_home.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        members = members_visible_to(self.user)
        summary = compliance_summary(members=members, as_of=today, by="assignment")
        below = [row for row in summary if row["percent"] < TARGET_PERCENT]
        names = Assignment.objects.select_related("curriculum", "course").in_bulk(
            [row["key"] for row in below]
        )
        for row in below:
            row["assignment"] = names.get(row["key"])
        overdue = overdue_members(members=members, as_of=today)
        return {
            "below": below,
            "target": TARGET_PERCENT,
            "overdue": overdue[:10],
            "overdue_count": overdue.count(),
            "compliance_url": reverse("curricula_reports:compliance"),
        }


@hooks.register("construct_homepage_panels")
def add_compliance_panel(request, panels):
    if can_view_compliance(request.user):
        panels.append(ComplianceHomePanel(request.user))


class LearnerCurriculaPanel(Component):
    """The learner's dashboard: their curricula and courses, soonest due first."""

    name = "learner_curricula"
    order = 30
    template_name = "curricula/panels/learner_curricula.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        return {
            "curricula": learner_curricula(
                person=self.person, as_of=timezone.localdate()
            )
        }


@hooks.register("construct_dashboard_panels")
def add_learner_curricula_panel(request, panels, person):
    panels.append(LearnerCurriculaPanel(person))
