from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from lms.viewsets import ScopedInspectView
from people.permissions import people_visible_to
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
        # Prefetched by person_detail: no query per row.
        context["involvements"] = self.object.involvements.all()
        context["roles"] = self.object.role_assignments.all()
        return context
