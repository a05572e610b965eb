from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from catalogue.permissions import involvements_visible_to, role_assignments_visible_to
from catalogue.selectors import involvement_list, role_assignment_list
from people.selectors import person_for_user


class AccountView(LoginRequiredMixin, TemplateView):
    """A signed-in person's own record: organisation, services and roles."""

    template_name = "courses/account.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = person_for_user(user=user)
        context["person"] = person
        if person is not None:
            # A learner's own records only, whatever groups the user has.
            context["involvements"] = involvement_list(
                queryset=involvements_visible_to(user).filter(person=person)
            )
            context["roles"] = role_assignment_list(
                queryset=role_assignments_visible_to(user).filter(person=person)
            )
        return context
