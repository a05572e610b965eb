from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from competences.selectors import competence_profile
from people.selectors import person_for_user


class CompetenceProfileView(LoginRequiredMixin, TemplateView):
    """The signed-in person's own competence profile on the site.

    It takes no id: it only ever shows the person linked to the account.
    """

    template_name = "competences/competence_profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = person_for_user(user=self.request.user)
        context["person"] = person
        context["profile"] = (
            competence_profile(person=person) if person is not None else None
        )
        return context
