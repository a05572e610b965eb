"""Import/export of organisations and people (django-import-export).

Every row is checked by the same service functions the admin form saves
through (people.services), with the importing user's WriteScope.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.imports.columns import Column, NaturalKey
from lms.imports.importer import TabularImporter
from lms.imports.tabular import TabularResource
from lms.imports.widgets import CodeWidget
from people.models import Organisation, Person
from people.permissions import WriteScope, can_import, home_organisation
from people.services import (
    organisation_check,
    organisation_parents_set,
    people_moved_announce,
    person_check,
)


def raise_field_errors(errors: dict, attributes: dict[str, str] | None = None) -> None:
    """Raise a service check's {field: message} as the row's {attribute: message}.

    Shared by every importer that calls a service's `*_check` on its rows.
    """
    if errors:
        attributes = attributes or {}
        raise ValidationError({attributes.get(k, k): v for k, v in errors.items()})


class OrganisationResource(TabularResource):
    columns = (
        Column(
            "code",
            "Reģistrācijas numurs (unikāls).",
            "Registration number (unique).",
            "90000012345",
        ),
        Column(
            "name_lv", "Nosaukums latviski.", "Name in Latvian.", "Reģionālā aģentūra"
        ),
        Column("name_en", "Nosaukums angliski.", "Name in English.", "Regional Agency"),
        Column(
            "kind",
            "Veids: kods vai nosaukums (valsts iestāde, iestādes struktūrvienība, "
            "pašvaldība, kompetenču centrs, komersants, NVO, fiziska persona).",
            "Kind: code or label (state_institution, unit, municipality, "
            "competence_centre, enterprise, ngo, natural_person).",
            "state_institution",
        ),
        # The parent may be another row of the same file, not yet saved: the
        # code is kept on the instance and resolved after all rows are written.
        Column(
            "parent_code",
            "Augstāk stāvošās organizācijas reģistrācijas numurs (var būt tukšs).",
            "Registration number of the parent organisation (may be empty).",
            "90000000001",
            widget=CodeWidget(label=_("organisation code")),
        ),
    )
    key = NaturalKey("code")
    # Parents are resolved against the inserted rows, so the check inserts too.
    dry_run_writes = True

    class Meta(TabularResource.Meta):
        model = Organisation

    def existing_queryset(self, dataset):
        return Organisation.objects.select_related("parent")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.scope = WriteScope(self.user)
        self.recorder = home_organisation(self.user) if self.user else None
        self.by_code = {o.code.lower(): o for o in Organisation.objects.all()}
        in_file = set()
        if "code" in dataset.headers:
            in_file = {str(code).strip().lower() for code in dataset["code"]}
        self.fields["parent_code"].widget.known = set(self.by_code) | in_file
        self.imported = []
        self.kind_changed = set()

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.parent_code = instance.parent.code if instance.parent_id else ""
        # The row as stored, for the service's scope check.
        instance._stored = None if new else copy.copy(instance)
        super().after_init_instance(instance, new, row, **kwargs)

    def validate_row(self, instance, row, failed=frozenset()):
        if (
            instance.parent_code
            and instance.parent_code.lower() == instance.code.lower()
        ):
            raise ValidationError(
                {"parent_code": _("An organisation cannot be its own parent.")}
            )
        if instance.pk is None and instance.registered_by_id is None:
            instance.registered_by = self.recorder
        parent = None
        if instance.parent_code:
            # A parent only in this file is new, recorded by this import.
            parent = self.by_code.get(instance.parent_code.lower()) or Organisation(
                code=instance.parent_code, registered_by=self.recorder
            )
        raise_field_errors(
            organisation_check(
                organisation=instance,
                stored=instance._stored,
                scope=self.scope,
                parent=parent,
            ),
            {"parent": "parent_code"},
        )

    def before_save_instance(self, instance, row, **kwargs):
        stored = instance._stored
        if stored is not None and stored.kind != instance.kind:
            self.kind_changed.add(instance.pk)
        self.imported.append(instance)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.has_validation_errors() or result.has_errors():
            return
        ids = {
            code.lower(): pk
            for code, pk in Organisation.objects.values_list("code", "pk")
        }
        # Parents are set last (a parent may come later in the file), through
        # the service's bulk variant: the same loop rule as the admin form.
        organisation_parents_set(
            parents={
                organisation: (
                    ids.get(organisation.parent_code.lower())
                    if organisation.parent_code
                    else None
                )
                for organisation in self.imported
            },
            moved_ids=self.kind_changed,
        )

    def get_bulk_update_fields(self):
        # The parent code is no model field: parents are set last, by the service.
        return [f for f in super().get_bulk_update_fields() if f != "parent_code"]

    def dehydrate_parent_code(self, organisation):
        return organisation.parent.code if organisation.parent_id else ""

    def export_queryset(self):
        return Organisation.objects.select_related("parent").order_by("code")


class PersonResource(TabularResource):
    columns = (
        Column(
            "email",
            "E-pasts (unikāls; lielie/mazie burti nav svarīgi).",
            "E-mail (unique; letter case does not matter).",
            "anna.berzina@iestade.lv",
        ),
        Column("first_name", "Vārds.", "First name.", "Anna"),
        Column("last_name", "Uzvārds.", "Last name.", "Bērziņa"),
        Column(
            "organisation_code",
            "Organizācijas reģistrācijas numurs.",
            "The organisation's registration number.",
            "90000012345",
            attribute="organisation",
            lookup="code",
            label=_("organisation code"),
        ),
        Column("job_title", "Amats.", "Job title.", "Vecākā referente"),
        Column(
            "language",
            "Vēlamā valoda: lv vai en (tukšs = lv).",
            "Preferred language: lv or en (empty = lv).",
            "lv",
            required=False,
            default=settings.LANGUAGE_CODE,
        ),
    )
    # Services and imports store e-mails lower-cased.
    key = NaturalKey("email", stored_lowercase=True)

    class Meta(TabularResource.Meta):
        model = Person

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.scope = WriteScope(self.user)
        self.recorder = home_organisation(self.user) if self.user else None
        self.moved = []

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._stored_organisation_id = None if new else instance.organisation_id
        # The system (no user) may write anything: no copy needed at 10,000 rows.
        instance._stored = (
            None if new or self.scope.unrestricted else copy.copy(instance)
        )
        super().after_init_instance(instance, new, row, **kwargs)

    def validate_row(self, instance, row, failed=frozenset()):
        if self.scope.unrestricted or "organisation" in failed:
            return
        if instance.pk is None and instance.registered_by_id is None:
            instance.registered_by = self.recorder
        raise_field_errors(
            person_check(person=instance, stored=instance._stored, scope=self.scope),
            {},
        )

    def before_save_instance(self, instance, row, **kwargs):
        if self.recorder is not None and instance.pk is None:
            instance.registered_by = self.recorder
        stored_organisation = instance._stored_organisation_id
        if stored_organisation and stored_organisation != instance.organisation_id:
            self.moved.append(instance.pk)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not (result.has_validation_errors() or result.has_errors()):
            people_moved_announce(person_ids=self.moved)

    def existing_queryset(self, dataset):
        queryset = Person.objects.select_related("organisation")
        if self.user is None or self.user.is_superuser:
            return queryset
        # The scope check looks at the account (staff rights) of each person.
        return queryset.select_related("user")

    def export_queryset(self):
        return Person.objects.select_related("organisation").order_by("email")


class OrganisationImporter(TabularImporter):
    name = "organisations"
    label = _("Organisations")
    help_text = _("Institutions, their units and external partners.")
    resource_class = OrganisationResource
    permission = staticmethod(lambda user: can_import(user, Organisation))


class PersonImporter(TabularImporter):
    name = "people"
    label = _("People")
    help_text = _("Staff and partners' people, matched by e-mail.")
    resource_class = PersonResource
    permission = staticmethod(lambda user: can_import(user, Person))
