from catalogue.services import involvement_save
from lms.viewsets import ScopedCreateView, ScopedEditView


class InvolvementSaveMixin:
    """Admin forms save involvements through the service that derives the relation."""

    def save_instance(self):
        instance = involvement_save(involvement=self.form.save(commit=False))
        self.form.save_m2m()
        return instance


class InvolvementCreateView(InvolvementSaveMixin, ScopedCreateView):
    pass


class InvolvementEditView(InvolvementSaveMixin, ScopedEditView):
    pass
