from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from catalogue.models import ResponsibleRole
from lms.search import FoldedSearchMixin


class TaggedPageForm(WagtailAdminPageForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("audience roles"),
        choices=ResponsibleRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TaggedPage(FoldedSearchMixin, Page):
    """Fields shared by courses and materials: the card's taxonomy.

    Each subclass declares its own competences/tasks/conditions relations so
    that the reverse names (competence.courses, competence.materials) differ.
    """

    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("content"), blank=True)
    audience_roles = models.JSONField(_("audience roles"), default=list, blank=True)

    base_form_class = TaggedPageForm
    taxonomy_panel = MultiFieldPanel(
        [
            FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
            FieldPanel("tasks"),
            FieldPanel("conditions"),
            FieldPanel("audience_roles"),
        ],
        heading=_("Taxonomy"),
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        # The same text folded and stemmed for Latvian (lms.latvian).
        index.SearchField("search_folded"),
    ]

    class Meta:
        abstract = True

    @property
    def audience_role_labels(self) -> list[str]:
        labels = dict(ResponsibleRole.choices)
        return [labels[code] for code in self.audience_roles if code in labels]
