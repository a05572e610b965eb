"""Import/export of the competences of the card's framework (PU2-12)."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from competences.models import Competence, CompetenceFramework, Obligation
from lms.imports.base import ColumnSpec, ResourceImporter, TabularResource
from lms.imports.widgets import ChoiceWidget, IntegerWidget, TextWidget
from people.permissions import can_import

DEFAULT_FRAMEWORK = "PU2-12"


class CompetenceResource(TabularResource):
    columns = [
        ColumnSpec(
            "code",
            "Kompetences kods (unikāls ietvarā).",
            "Competence code (unique in the framework).",
            "K17",
            required=True,
        ),
        ColumnSpec(
            "name_lv",
            "Nosaukums latviski.",
            "Name in Latvian.",
            "Datu analīzes kompetences",
            required=True,
        ),
        ColumnSpec(
            "name_en", "Nosaukums angliski.", "Name in English.", "Data analysis"
        ),
        ColumnSpec(
            "obligation",
            "obligāta (mandatory) vai deleģējama (delegable).",
            "mandatory or delegable (obligāta / deleģējama).",
            "delegable",
            required=True,
        ),
        ColumnSpec(
            "validity_months",
            "Derīguma termiņš mēnešos (tukšs = beztermiņa).",
            "Validity in months (empty = never expires).",
            "36",
        ),
        ColumnSpec("description", "Apraksts.", "Description.", ""),
    ]
    key_columns = ("code",)
    key_field = "code"

    code = fields.Field(
        "code", "code", widget=TextWidget(max_length=100, required=True)
    )
    name_lv = fields.Field(
        "name_lv", "name_lv", widget=TextWidget(max_length=500, required=True)
    )
    name_en = fields.Field("name_en", "name_en", widget=TextWidget(max_length=500))
    obligation = fields.Field(
        "obligation", "obligation", widget=ChoiceWidget(Obligation.choices)
    )
    validity_months = fields.Field(
        "validity_months", "validity_months", widget=IntegerWidget(minimum=1)
    )
    description = fields.Field("description", "description", widget=TextWidget())

    class Meta(TabularResource.Meta):
        model = Competence
        fields = (
            "code",
            "name_lv",
            "name_en",
            "obligation",
            "validity_months",
            "description",
        )
        import_id_fields = ("code",)

    def framework(self) -> CompetenceFramework:
        return CompetenceFramework.objects.get(code=DEFAULT_FRAMEWORK)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._framework = self.framework()
        self._next_order = (
            Competence.objects.filter(framework=self._framework)
            .order_by("-sort_order")
            .values_list("sort_order", flat=True)
            .first()
            or 0
        )

    def instance_key(self, instance):
        return (instance.code.lower(),)

    def existing_queryset(self, dataset):
        return Competence.objects.filter(framework__code=DEFAULT_FRAMEWORK)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.framework = self._framework
            self._next_order += 1
            instance.sort_order = self._next_order

    def export_queryset(self):
        return self.existing_queryset(None).order_by("sort_order", "code")


class CompetenceImporter(ResourceImporter):
    name = "competences"
    label = _("Competences")
    help_text = _("The competences of the PU2-12 framework, matched by code.")
    resource_class = CompetenceResource
    permission = staticmethod(lambda user: can_import(user, Competence))
