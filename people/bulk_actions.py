from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from lms.viewsets import ScopedBulkActionMixin
from people.models import Person
from people.permissions import can_invite, people_visible_to
from people.tasks import invitations_send


class InvitePeopleBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    """Send set-password invitations to the selected people, in the background."""

    display_name = _("Invite")
    action_type = "invite"
    aria_label = _("Invite the selected people")
    template_name = "people/bulk_actions/confirm_invite.html"
    action_priority = 20
    models = [Person]

    def get_all_objects_in_listing_query(self, parent_id):
        return people_visible_to(self.request.user).values_list("pk", flat=True)

    def check_perm(self, person):
        return can_invite(self.request.user, person)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        invitations_send.enqueue(
            person_ids=[person.pk for person in objects],
            invited_by_id=user.pk if user else None,
        )
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "An invitation is being sent to %(count)d person.",
            "Invitations are being sent to %(count)d people.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
