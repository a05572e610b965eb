"""Admin wiring of courses/: the materials library's own listing with filters,
log action types."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from courses.filters import MaterialAdminFilterSet
from courses.models import MaterialPage


class MaterialListingViewSet(PageListingViewSet):
    """Every material in one flat list, filtered by any tag (Wagtail's page
    listing: the same permissions, actions and editing as the page tree)."""

    model = MaterialPage
    icon = "doc-full"
    menu_label = _("Materials library")
    menu_order = 150
    add_to_admin_menu = True
    name = "materials"
    filterset_class = MaterialAdminFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("version", label=_("Version")),
    ]


@hooks.register("register_admin_viewset")
def register_material_listing():
    return MaterialListingViewSet("materials")


@hooks.register("register_log_actions")
def register_learning_log_actions(actions):
    actions.register_action(
        "courses.enrolment_create", _("Enrolled"), _("Enrolled in a course")
    )
    actions.register_action(
        "courses.enrolment_withdraw", _("Withdrawn"), _("Withdrawn from a course")
    )
    actions.register_action(
        "courses.completion_record", _("Completed"), _("Course completed")
    )
