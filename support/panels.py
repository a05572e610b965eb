"""Panels the support app adds to pages other apps host."""

from wagtail.admin.ui.components import Component

from support.permissions import consultations_asked_by, consultations_visible_to
from support.selectors import (
    completions_to_rate,
    consultation_list,
    consultations_open,
    feedback_on_material,
)

RECENT = 5


class MyConsultationsPanel(Component):
    """On the learner's dashboard: their latest questions and the answers."""

    name = "my_consultations"
    # Below 100: an answer waiting to be read is "what to do next".
    order = 40
    template_name = "support/panels/my_consultations.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        own = consultations_asked_by(self.user)
        return {
            "consultations": list(
                consultation_list(queryset=own).order_by("-asked_at", "-pk")[:RECENT]
            )
        }


class OpenConsultationsPanel(Component):
    """On the admin home page: open questions the viewer oversees, oldest first."""

    name = "open_consultations"
    order = 60
    template_name = "support/panels/open_consultations.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        open_ = consultations_open(queryset=consultations_visible_to(self.user))
        return {"consultations": list(open_[:RECENT]), "count": open_.count()}


class MaterialFeedbackPanel(Component):
    """On a material's page: rate it, or the rating already given."""

    name = "material_feedback"
    order = 200
    template_name = "support/panels/material_feedback.html"

    def __init__(self, user, page):
        self.user = user
        self.page = page

    def get_context_data(self, parent_context):
        return {
            "page": self.page,
            "feedback": feedback_on_material(user=self.user, material=self.page),
        }


class CoursesToRatePanel(Component):
    """On the dashboard, among what is done: completed courses to rate."""

    name = "courses_to_rate"
    order = 150
    template_name = "support/panels/courses_to_rate.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        return {"completions": completions_to_rate(person=self.person)}
