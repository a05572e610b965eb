from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Resource, Service
from competences.models import (
    Competence,
    Condition,
    ServiceManagementTask,
    SupportTopic,
)
from courses.models import MaterialKind
from courses.search import searchable_page_models


def _tag(label, queryset):
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=_("Any")
    )


class SearchForm(forms.Form):
    """The site's search box and its filters (kind and tags); all optional."""

    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("type"), required=False)
    kind = forms.ChoiceField(
        label=_("kind of material"),
        required=False,
        choices=[("", _("Any")), *MaterialKind.choices],
    )
    topics = _tag(_("support topic"), SupportTopic.objects.order_by("sort_order"))
    competences = _tag(_("competence"), Competence.objects.order_by("sort_order"))
    tasks = _tag(_("PU task"), ServiceManagementTask.objects.all())
    conditions = _tag(_("condition"), Condition.objects.all())
    services = _tag(_("service"), Service.objects.order_by("code"))
    resources = _tag(_("resource"), Resource.objects.order_by("code"))

    TAGS = ("topics", "competences", "tasks", "conditions", "services", "resources")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_types = {
            model._meta.model_name: model for model in searchable_page_models()
        }
        self.fields["type"].choices = [
            ("", _("Any")),
            *sorted(
                (
                    (name, model._meta.verbose_name)
                    for name, model in self.page_types.items()
                ),
                key=lambda choice: str(choice[1]),
            ),
        ]

    def search_arguments(self) -> dict:
        """Keyword arguments of courses.search.page_search from the valid form."""
        data = self.cleaned_data
        return {
            "query": data["q"],
            "page_type": self.page_types.get(data["type"]),
            "material_kind": data["kind"],
            "tags": {name: data[name] for name in self.TAGS},
        }
