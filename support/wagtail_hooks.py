"""Admin wiring for the support app: panels, the report, its menu item."""

from django.middleware.csrf import get_token
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from courses.models import MATERIAL_PAGE_PANELS_HOOK, MaterialPage
from lms.page_cache import active_locale_id
from lms.reporting import report_paths
from people.selectors import person_for_user
from support.admin_consultations import ConsultationViewSet
from support.panels import (
    CoursesToRatePanel,
    MaterialFeedbackPanel,
    MyConsultationsPanel,
    OpenConsultationsPanel,
)
from support.permissions import (
    can_view_acknowledgements,
    can_view_support_reports,
    consultations_visible_to,
)
from support.reports import AcknowledgementsMissingView
from support.selectors import acknowledgement_state, acknowledgements_pending
from support.support_reports import NeedReportView, RatingReportView


class PendingAcknowledgementsPanel(Component):
    """On the learner's dashboard: material versions awaiting their confirmation."""

    name = "pending_acknowledgements"
    order = 20
    template_name = "support/panels/pending_acknowledgements.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        pending = list(acknowledgements_pending(person=self.person))
        # Link each material in the reader's language when it is translated.
        translated = {
            page.translation_key: page
            for page in MaterialPage.objects.live().filter(
                translation_key__in=[item.page.translation_key for item in pending],
                locale_id=active_locale_id(),
            )
        }
        for item in pending:
            item.link_page = translated.get(item.page.translation_key, item.page)
        return {"pending": pending}


@hooks.register("construct_dashboard_panels")
def add_pending_acknowledgements_panel(request, panels, person):
    panels.append(PendingAcknowledgementsPanel(person))


class MaterialAcknowledgementPanel(Component):
    """On a material's page: the button to acknowledge its current version."""

    name = "material_acknowledgement"
    order = 10
    template_name = "support/panels/material_acknowledgement.html"

    def __init__(self, request, page):
        self.request = request
        self.page = page

    def get_context_data(self, parent_context):
        user = self.request.user
        person = person_for_user(user=user) if user.is_authenticated else None
        state = acknowledgement_state(person=person, material=self.page)
        return {
            **state,
            "page": self.page,
            "request": self.request,
            "user": user,
            # A component renders outside the page's RequestContext.
            "csrf_token": get_token(self.request),
        }


@hooks.register(MATERIAL_PAGE_PANELS_HOOK)
def add_material_acknowledgement_panel(request, panels, page):
    if page.requires_acknowledgement:
        panels.append(MaterialAcknowledgementPanel(request, page))


report_urls = [
    *report_paths(
        "acknowledgements", AcknowledgementsMissingView, "acknowledgements_missing"
    ),
]


@hooks.register("register_admin_urls")
def register_support_report_urls():
    return [path("support/", include((report_urls, "support_reports")))]


class AcknowledgementsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_acknowledgements(request.user)


@hooks.register("register_reports_menu_item")
def register_acknowledgements_menu_item():
    return AcknowledgementsMenuItem(
        _("Acknowledgements not given"),
        reverse("support_reports:acknowledgements_missing"),
        name="acknowledgements-missing",
        icon_name="tick",
        order=200,
    )


@hooks.register("register_log_actions")
def register_support_log_actions(actions):
    actions.register_action(
        "support.acknowledge",
        _("Acknowledge a material"),
        _("Material version acknowledged"),
    )


# Consultations, needs and feedback ---------------------------------------------------

register_snippet(ConsultationViewSet)


@hooks.register("construct_dashboard_panels")
def add_my_consultations_panel(request, panels, person):
    panels.append(MyConsultationsPanel(request.user))
    panels.append(CoursesToRatePanel(person))


@hooks.register(MATERIAL_PAGE_PANELS_HOOK)
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


# The needs and ratings reports share the support_reports namespace.
report_urls += [
    *report_paths("needs", NeedReportView, "needs"),
    *report_paths("ratings", RatingReportView, "ratings"),
]


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
        order=210,
    )


@hooks.register("register_reports_menu_item")
def register_ratings_report_menu_item():
    return SupportReportMenuItem(
        _("Feedback ratings"),
        reverse("support_reports:ratings"),
        name="feedback-ratings",
        icon_name="pick",
        order=220,
    )
