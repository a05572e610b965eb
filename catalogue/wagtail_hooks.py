from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet

from catalogue.filters import (
    InvolvementFilterSet,
    ResourceFilterSet,
    RoleAssignmentFilterSet,
    ServiceFilterSet,
)
from catalogue.models import Involvement, Resource, RoleAssignment, Service
from catalogue.permissions import (
    involvements_visible_to,
    resources_visible_to,
    role_assignments_visible_to,
    services_visible_to,
)
from catalogue.selectors import (
    involvement_list,
    resource_list,
    role_assignment_list,
    scope_summary,
    service_list,
)
from catalogue.services import (
    involvement_save,
    register_entry_save,
    role_assignment_save,
)
from lms.viewsets import ScopedSnippetViewSet, SnippetViewSetGroup
from people.permissions import (
    home_organisation,
    organisations_visible_to,
    people_visible_to,
    sees_institution,
)

# Managers are derived from the role assignments (RegisterEntry.managers).
REGISTER_EXPORT = ["code", "name_lv", "name_en", "owner.code", "manager_emails"]
REGISTER_HEADINGS = {
    "owner.code": _("owner code"),
    "manager_emails": _("manager e-mail"),
}


class ServiceViewSet(ScopedSnippetViewSet):
    model = Service
    icon = "form"
    menu_label = _("Services")
    scope = staticmethod(services_visible_to)
    selector = staticmethod(service_list)
    choice_scopes = {"owner": organisations_visible_to}
    save_with = staticmethod(
        lambda entry, user: register_entry_save(entry=entry, actor=user)
    )
    list_display = [
        "code",
        "name",
        "owner",
        "manager_names",
        Column("internal_count", label=_("Internal staff")),
        Column("external_count", label=_("External partners")),
    ]
    list_export = REGISTER_EXPORT
    export_headings = REGISTER_HEADINGS
    export_filename = "services"
    filterset_class = ServiceFilterSet


class ResourceViewSet(ScopedSnippetViewSet):
    model = Resource
    icon = "cogs"
    menu_label = _("Resources")
    scope = staticmethod(resources_visible_to)
    selector = staticmethod(resource_list)
    choice_scopes = {"owner": organisations_visible_to}
    save_with = staticmethod(
        lambda entry, user: register_entry_save(entry=entry, actor=user)
    )
    list_display = ["code", "name", "owner", "manager_names"]
    list_export = REGISTER_EXPORT
    export_headings = REGISTER_HEADINGS
    export_filename = "resources"
    filterset_class = ResourceFilterSet


class InvolvementViewSet(ScopedSnippetViewSet):
    model = Involvement
    icon = "link"
    menu_label = _("Involvements")
    scope = staticmethod(involvements_visible_to)
    selector = staticmethod(involvement_list)
    choice_scopes = {
        "person": people_visible_to,
        "service": services_visible_to,
        "resource": resources_visible_to,
    }
    save_with = staticmethod(
        lambda involvement, user: involvement_save(involvement=involvement, actor=user)
    )
    list_display = [
        "person",
        "service",
        "resource",
        "relation",
        "start_date",
        "end_date",
    ]
    list_export = [
        "person.email",
        "service.code",
        "resource.code",
        "relation",
        "start_date",
        "end_date",
    ]
    export_filename = "involvements"
    filterset_class = InvolvementFilterSet
    search_fields = ["person__last_name", "person__email", "service__code"]


class RoleAssignmentViewSet(ScopedSnippetViewSet):
    model = RoleAssignment
    icon = "user"
    menu_label = _("Responsible roles")
    scope = staticmethod(role_assignments_visible_to)
    selector = staticmethod(role_assignment_list)
    choice_scopes = {
        "person": people_visible_to,
        "organisation": organisations_visible_to,
        "service": services_visible_to,
        "resource": resources_visible_to,
    }
    save_with = staticmethod(
        lambda assignment, user: role_assignment_save(assignment=assignment, actor=user)
    )
    list_display = ["person", "role", "scope"]
    list_export = ["person.email", "role", "scope"]
    # `scope` is a property: without a heading it would export as "Scope".
    export_headings = {"scope": _("scope")}
    export_filename = "roles"
    filterset_class = RoleAssignmentFilterSet


class CatalogueViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Services and resources")
    menu_icon = "list-ul"
    menu_order = 210
    items = (ServiceViewSet, ResourceViewSet, InvolvementViewSet, RoleAssignmentViewSet)


register_snippet(CatalogueViewSetGroup)


class ScopeSummaryPanel(Component):
    """Dashboard panel: who and what this manager or coordinator is responsible for."""

    name = "scope_summary"
    order = 50
    template_name = "catalogue/panels/scope_summary.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["summary"] = scope_summary(
            people=people_visible_to(self.user),
            services=services_visible_to(self.user),
            resources=resources_visible_to(self.user),
            involvements=involvements_visible_to(self.user),
        )
        context["organisation"] = home_organisation(self.user)
        return context


@hooks.register("construct_homepage_panels")
def add_scope_summary_panel(request, panels):
    if sees_institution(request.user) or request.user.is_superuser:
        panels.append(ScopeSummaryPanel(request.user))


class AccountInvolvementsPanel(Component):
    """On the learner's own account page: what they take part in, their roles."""

    name = "account_involvements"
    order = 100
    template_name = "catalogue/panels/account_involvements.html"

    def __init__(self, user, person):
        self.user = user
        self.person = person

    def get_context_data(self, parent_context):
        # A learner's own records only, whatever groups the user has.
        return {
            "involvements": involvement_list(
                queryset=involvements_visible_to(self.user).filter(person=self.person)
            ),
            "roles": role_assignment_list(
                queryset=role_assignments_visible_to(self.user).filter(
                    person=self.person
                )
            ),
        }


@hooks.register("construct_account_panels")
def add_account_involvements_panel(request, panels, person):
    panels.append(AccountInvolvementsPanel(request.user, person))
