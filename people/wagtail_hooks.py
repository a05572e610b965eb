from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from lms.viewsets import ScopedSnippetViewSet, SnippetViewSetGroup
from people.admin_views import PersonInspectView
from people.bulk_actions import InvitePeopleBulkAction
from people.filters import OrganisationFilterSet, PersonFilterSet
from people.models import Invitation, Organisation, Person
from people.permissions import (
    can_manage_people,
    invitations_visible_to,
    is_coordinator,
    organisations_visible_to,
    people_visible_to,
)
from people.selectors import invitation_list, organisation_list, person_list
from people.services import INVITATION_REFUSED, organisation_save, person_save


# Organisations and people are searched through their Wagtail index (all the
# fields their models index), so these viewsets set no search_fields.
class OrganisationViewSet(ScopedSnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    scope = staticmethod(organisations_visible_to)
    selector = staticmethod(organisation_list)
    choice_scopes = {"parent": organisations_visible_to}
    save_with = staticmethod(
        lambda organisation, user: organisation_save(
            organisation=organisation, actor=user
        )
    )
    list_display = ["name", "code", "kind", "parent"]
    list_export = ["code", "name_lv", "name_en", "kind", "parent.code"]
    export_headings = {"parent.code": _("parent code")}
    export_filename = "organisations"
    filterset_class = OrganisationFilterSet
    ordering = ["name_lv"]


class PersonViewSet(ScopedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    scope = staticmethod(people_visible_to)
    selector = staticmethod(person_list)
    choice_scopes = {"organisation": organisations_visible_to}
    save_with = staticmethod(
        lambda person, user: person_save(person=person, actor=user)
    )
    list_display = [
        "full_name",
        "email",
        "organisation",
        "job_title",
        BooleanColumn("has_account", label=_("Account")),
    ]
    list_export = [
        "email",
        "first_name",
        "last_name",
        "organisation.code",
        "job_title",
        "language",
    ]
    export_headings = {"organisation.code": _("organisation code")}
    export_filename = "people"
    filterset_class = PersonFilterSet
    ordering = ["last_name", "first_name"]
    inspect_view_class = PersonInspectView
    inspect_template_name = "people/person_inspect.html"
    # What a coordinator needs; the database id and the recording institution
    # mean nothing to them (involvements and roles follow, see the template).
    inspect_view_fields = [
        "first_name",
        "last_name",
        "email",
        "organisation",
        "job_title",
        "language",
        "user",
    ]


class InvitationViewSet(ScopedSnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    scope = staticmethod(invitations_visible_to)
    selector = staticmethod(invitation_list)
    list_display = [
        "person",
        "email",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_export = [
        "email",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    export_filename = "invitations"
    list_filter = ["accepted_at"]
    ordering = ["-created_at"]

    @cached_property
    def menu_item_class(self):
        # Managers hold the view permission (for the people they see) but only
        # coordinators invite, so the menu item would lead them to a listing
        # that is always empty.
        base = super().menu_item_class

        def is_shown(item, request):
            return base.is_shown(item, request) and can_manage_people(request.user)

        return type(base.__name__, (base,), {"is_shown": is_shown})


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 200
    items = (OrganisationViewSet, PersonViewSet, InvitationViewSet)


register_snippet(PeopleViewSetGroup)
hooks.register("register_bulk_action", InvitePeopleBulkAction)


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    # Shown in the person's history: an invitation opened for an e-mail that
    # already belongs to an account was refused (people.services).
    actions.register_action(
        INVITATION_REFUSED,
        _("Invitation refused: the e-mail belongs to an existing account"),
        _("Invitation refused: the e-mail belongs to an existing account"),
    )


@hooks.register("register_snippet_listing_buttons")
def person_invite_button(snippet, user, next_url=None):
    # Listed rows are already in the user's scope; the invite action checks
    # each person again (can_invite) before sending anything.
    if isinstance(snippet, Person) and snippet.user_id is None and is_coordinator(user):
        url = reverse("wagtail_bulk_action", args=["people", "person", "invite"])
        yield Button(
            _("Invite"),
            f"{url}?{urlencode({'id': snippet.pk, 'next': next_url or ''})}",
            icon_name="mail",
            priority=30,
        )
