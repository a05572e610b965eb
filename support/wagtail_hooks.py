"""Admin wiring for the support app."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from support.admin_consultations import ConsultationViewSet
from support.panels import (
    MaterialFeedbackPanel,
    MyConsultationsPanel,
    OpenConsultationsPanel,
)
from support.permissions import (
    can_view_support_reports,
    consultations_visible_to,
)
from support.reports import NeedReportView, RatingReportView

# Consultations, needs and feedback ---------------------------------------------------

register_snippet(ConsultationViewSet)


@hooks.register("construct_dashboard_panels")
def add_my_consultations_panel(request, panels, person):
    panels.append(MyConsultationsPanel(request.user))


@hooks.register("construct_material_page_panels")
def add_material_feedback_panel(request, panels, page):
    if request.user.is_authenticated:
        panels.append(MaterialFeedbackPanel(request.user, page))


@hooks.register("construct_homepage_panels")
def add_open_consultations_panel(request, panels):
    if consultations_visible_to(request.user).exists():
        panels.append(OpenConsultationsPanel(request.user))


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    for action, label in (
        ("support.consultation_ask", _("Consultation asked")),
        ("support.consultation_answer", _("Consultation answered")),
        ("support.consultation_material", _("Draft material made from consultation")),
    ):
        actions.register_action(action, label, label)


support_report_urls = [
    path("needs/", NeedReportView.as_view(), name="needs"),
    path(
        "needs/results/",
        NeedReportView.as_view(results_only=True),
        name="needs_results",
    ),
    path("ratings/", RatingReportView.as_view(), name="ratings"),
    path(
        "ratings/results/",
        RatingReportView.as_view(results_only=True),
        name="ratings_results",
    ),
]


@hooks.register("register_admin_urls")
def register_support_report_urls():
    return [path("support/", include((support_report_urls, "support_reports")))]


class SupportReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_support_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_needs_report_menu_item():
    return SupportReportMenuItem(
        _("Support needs"),
        reverse("support_reports:needs"),
        name="support-needs",
        icon_name="help",
        order=200,
    )


@hooks.register("register_reports_menu_item")
def register_ratings_report_menu_item():
    return SupportReportMenuItem(
        _("Feedback ratings"),
        reverse("support_reports:ratings"),
        name="feedback-ratings",
        icon_name="pick",
        order=210,
    )
