"""Import/export of organisations and people (django-import-export)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields

from lms.imports.base import ColumnSpec, ResourceImporter, TabularResource
from lms.imports.widgets import (
    CachedForeignKeyWidget,
    ChoiceWidget,
    CodeWidget,
    EmailWidget,
    TextWidget,
)
from people.models import Organisation, OrganisationKind, Person
from people.permissions import can_import, home_organisation
from people.selectors import organisation_cycle


class OrganisationResource(TabularResource):
    columns = [
        ColumnSpec(
            "code",
            "Reģistrācijas numurs (unikāls).",
            "Registration number (unique).",
            "90000012345",
            required=True,
        ),
        ColumnSpec(
            "name_lv",
            "Nosaukums latviski.",
            "Name in Latvian.",
            "Reģionālā aģentūra",
            required=True,
        ),
        ColumnSpec(
            "name_en", "Nosaukums angliski.", "Name in English.", "Regional Agency"
        ),
        ColumnSpec(
            "kind",
            "Veids: kods vai nosaukums (valsts iestāde, iestādes struktūrvienība, "
            "pašvaldība, kompetenču centrs, komersants, NVO, fiziska persona).",
            "Kind: code or label (state_institution, unit, municipality, "
            "competence_centre, enterprise, ngo, natural_person).",
            "state_institution",
            required=True,
        ),
        ColumnSpec(
            "parent_code",
            "Augstāk stāvošās organizācijas reģistrācijas numurs (var būt tukšs).",
            "Registration number of the parent organisation (may be empty).",
            "90000000001",
        ),
    ]
    key_columns = ("code",)
    key_field = "code"
    # Parents are resolved against the inserted rows, so the check inserts too.
    dry_run_writes = True

    code = fields.Field("code", "code", widget=TextWidget(max_length=32, required=True))
    name_lv = fields.Field(
        "name_lv", "name_lv", widget=TextWidget(max_length=255, required=True)
    )
    name_en = fields.Field("name_en", "name_en", widget=TextWidget(max_length=255))
    kind = fields.Field("kind", "kind", widget=ChoiceWidget(OrganisationKind.choices))
    # The parent may be another row of the same file, not yet saved: the code is
    # kept on the instance and resolved after all rows are written.
    parent_code = fields.Field(
        "parent_code", "parent_code", widget=CodeWidget(label=_("organisation code"))
    )

    class Meta(TabularResource.Meta):
        model = Organisation
        fields = ("code", "name_lv", "name_en", "kind", "parent_code")
        import_id_fields = ("code",)

    def instance_key(self, instance):
        return (instance.code.lower(),)

    def existing_queryset(self, dataset):
        return Organisation.objects.select_related("parent")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.recorder = home_organisation(self.user) if self.user else None
        known = set(Organisation.objects.values_list("code", flat=True))
        if "code" in dataset.headers:
            known.update(str(code).strip() for code in dataset["code"])
        self.fields["parent_code"].widget.known = {c.lower() for c in known}
        self.imported = []

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.parent_code = instance.parent.code if instance.parent_id else ""
        super().after_init_instance(instance, new, row, **kwargs)

    def validate_row(self, instance, row, failed=frozenset()):
        if (
            instance.parent_code
            and instance.parent_code.lower() == instance.code.lower()
        ):
            raise ValidationError(
                {"parent_code": _("An organisation cannot be its own parent.")}
            )

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None and instance.registered_by_id is None:
            instance.registered_by = self.recorder
        self.imported.append(instance)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.has_validation_errors() or result.has_errors():
            return
        ids = {
            code.lower(): pk
            for code, pk in Organisation.objects.values_list("code", "pk")
        }
        parents = {}
        changed = []
        for organisation in self.imported:
            parent_id = (
                ids.get(organisation.parent_code.lower())
                if organisation.parent_code
                else None
            )
            parents[organisation.pk] = parent_id
            if organisation.parent_id != parent_id:
                organisation.parent_id = parent_id
                changed.append(organisation)
        Organisation.objects.bulk_update(changed, ["parent"], batch_size=1000)
        cycle = organisation_cycle(parents)
        if cycle:
            raise ValidationError(
                _("The parent codes form a loop: %(codes)s.")
                % {"codes": " → ".join(cycle)}
            )

    def dehydrate_parent_code(self, organisation):
        return organisation.parent.code if organisation.parent_id else ""

    def export_queryset(self):
        return Organisation.objects.select_related("parent").order_by("code")


class PersonResource(TabularResource):
    columns = [
        ColumnSpec(
            "email",
            "E-pasts (unikāls; lielie/mazie burti nav svarīgi).",
            "E-mail (unique; letter case does not matter).",
            "anna.berzina@iestade.lv",
            required=True,
        ),
        ColumnSpec("first_name", "Vārds.", "First name.", "Anna", required=True),
        ColumnSpec("last_name", "Uzvārds.", "Last name.", "Bērziņa", required=True),
        ColumnSpec(
            "organisation_code",
            "Organizācijas reģistrācijas numurs.",
            "The organisation's registration number.",
            "90000012345",
            required=True,
        ),
        ColumnSpec("job_title", "Amats.", "Job title.", "Vecākā referente"),
        ColumnSpec(
            "language",
            "Vēlamā valoda: lv vai en (tukšs = lv).",
            "Preferred language: lv or en (empty = lv).",
            "lv",
        ),
    ]
    key_columns = ("email",)
    key_field = "email"
    key_stored_lowercase = True  # services and imports store e-mails lower-cased

    email = fields.Field("email", "email", widget=EmailWidget(required=True))
    first_name = fields.Field(
        "first_name", "first_name", widget=TextWidget(max_length=150, required=True)
    )
    last_name = fields.Field(
        "last_name", "last_name", widget=TextWidget(max_length=150, required=True)
    )
    organisation = fields.Field(
        "organisation",
        "organisation_code",
        widget=CachedForeignKeyWidget(
            Organisation, "code", label=_("organisation code")
        ),
    )
    job_title = fields.Field(
        "job_title", "job_title", widget=TextWidget(max_length=255)
    )
    language = fields.Field(
        "language",
        "language",
        widget=ChoiceWidget(
            settings.LANGUAGES, required=False, default=settings.LANGUAGE_CODE
        ),
    )

    class Meta(TabularResource.Meta):
        model = Person
        fields = (
            "email",
            "first_name",
            "last_name",
            "organisation",
            "job_title",
            "language",
        )
        import_id_fields = ("email",)

    def instance_key(self, instance):
        return (instance.email.lower(),)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.recorder = home_organisation(self.user) if self.user else None

    def before_save_instance(self, instance, row, **kwargs):
        if self.recorder is not None and instance.pk is None:
            instance.registered_by = self.recorder

    def existing_queryset(self, dataset):
        return Person.objects.select_related("organisation")

    def export_queryset(self):
        return Person.objects.select_related("organisation").order_by("email")


class OrganisationImporter(ResourceImporter):
    name = "organisations"
    label = _("Organisations")
    help_text = _("Institutions, their units and external partners.")
    resource_class = OrganisationResource
    permission = staticmethod(can_import)


class PersonImporter(ResourceImporter):
    name = "people"
    label = _("People")
    help_text = _("Staff and partners' people, matched by e-mail.")
    resource_class = PersonResource
    permission = staticmethod(can_import)
