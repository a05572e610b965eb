from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from lms.viewsets import ScopedInspectView
from people.permissions import people_visible_to, person_related_visible_to
from people.selectors import person_detail


class PersonInspectView(ScopedInspectView):
    """What a coordinator needs about a person: contact, organisation, account,
    and the services and resources they are involved in and the roles they hold.
    """

    def get_object(self, queryset=None):
        # The scope filters the lookup itself: another institution's person is
        # a 404, as on every other object page.
        return get_object_or_404(
            person_detail(queryset=people_visible_to(self.request.user)), pk=self.pk
        )

    def get_user_display_value(self):
        user = self.object.user
        return user.email if user is not None else _("No account yet")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only what the viewer may see: another institution can involve this
        # person in its own service. One query each, related rows joined.
        user = self.request.user
        context["involvements"] = person_related_visible_to(
            user, self.object, "involvements"
        ).select_related("service", "resource")
        context["roles"] = person_related_visible_to(
            user, self.object, "role_assignments"
        ).select_related("organisation", "service", "resource")
        return context
