"""Panels the support app adds to pages other apps host."""

from wagtail.admin.ui.components import Component

from support.permissions import consultations_asked_by, consultations_visible_to
from support.selectors import consultation_list, consultations_open

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
