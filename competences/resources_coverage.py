"""Importers of attainments, requirements and delegations.

Each row passes the same `*_check` service function as the admin (with the
same permission check of competences.permissions); the rows are then written
in bulk. Levels are written by their labels in the framework's scale (the
position, 1 = the lowest, is accepted too).
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from competences.models import Attainment, Delegation, Requirement
from competences.models_coverage import level_label
from competences.services import (
    attainment_check,
    attainments_log,
    delegation_check,
    requirement_check,
)
from lms.imports.columns import Column, NaturalKey
from lms.imports.importer import TabularImporter
from lms.imports.tabular import TabularResource
from lms.imports.widgets import TextWidget
from people.permissions import can_import, people_visible_to
from people.resources import raise_field_errors


def _competence_column():
    return Column(
        "competence_code",
        "Kompetences kods (piemēram, K01).",
        "Competence code (e.g. K01).",
        "K01",
        attribute="competence",
        lookup="code",
        label=_("competence code"),
    )


def _level_column(name: str, help_lv: str, help_en: str) -> Column:
    # Kept on the instance as text; validate_row turns it into the position.
    return Column(
        name,
        help_lv,
        help_en,
        "",
        attribute=f"{name}_text",
        widget=TextWidget(max_length=64),
    )


def _level_position(competence, text: str) -> int:
    """The scale position of a label (any case) or of a number as written."""
    values = list(competence.framework.scale_values or [])
    for position, label in enumerate(values, start=1):
        if label.lower() == text.lower():
            return position
    if text.isdigit() and 1 <= int(text) <= len(values):
        return int(text)
    raise ValidationError(
        gettext("“%(value)s” is not a level of the scale: %(levels)s.")
        % {"value": text, "levels": ", ".join(values) or "—"}
    )


class CoverageRowsMixin:
    """Keeps each stored row as it was, and reads levels as labels."""

    level_field = "level"

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._stored = None if new else copy.copy(instance)
        name = self.level_field
        setattr(instance, f"{name}_text", "" if new else self._level_text(instance))
        super().after_init_instance(instance, new, row, **kwargs)

    def _level_text(self, instance) -> str:
        level = getattr(instance, self.level_field)
        if level is None or not instance.competence_id:
            return ""
        return level_label(instance.competence.framework, level)

    def read_level(self, instance, failed) -> dict:
        name = self.level_field
        text = getattr(instance, f"{name}_text", "") or ""
        if "competence" in failed or not instance.competence_id:
            return {}
        if not text:
            setattr(instance, name, None)
            return {}
        try:
            setattr(instance, name, _level_position(instance.competence, text))
        except ValidationError as error:
            return {f"{name}_text": error.messages[0]}
        return {}


class AttainmentResource(CoverageRowsMixin, TabularResource):
    columns = (
        Column(
            "person_email",
            "Personas e-pasts (persona jau ir reģistrēta).",
            "The person's e-mail (an existing person).",
            "anna.berzina@iestade.lv",
            attribute="person",
            lookup="email",
            label=_("person e-mail"),
        ),
        _competence_column(),
        _level_column(
            "level",
            "Līmenis ar ietvara skalas nosaukumu (var būt tukšs).",
            "Level by its name in the framework's scale (may be empty).",
        ),
        Column(
            "attained_on",
            "Apguves datums: dd.mm.gggg vai gggg-mm-dd (ne nākotnē).",
            "Date attained: dd.mm.yyyy or yyyy-mm-dd (not in the future).",
            "15.03.2026",
        ),
        Column(
            "expires_on",
            "Derīguma beigas (tukšs: pēc kompetences derīguma termiņa).",
            "Expiry date (empty: from the competence's validity).",
            "",
        ),
        Column(
            "source",
            "import (imports, noklusējums), recognition (atzīšana) vai course "
            "(kursa pabeigšana).",
            "import (the default), recognition or course.",
            "import",
            required=False,
            default="import",
        ),
        Column("note", "Piezīme.", "Note.", ""),
    )
    # Nothing is overwritten: a row of a stored attainment must say the same.
    key = NaturalKey("person_email", "competence_code", "attained_on")

    class Meta(TabularResource.Meta):
        model = Attainment

    def existing_queryset(self, dataset):
        return Attainment.objects.select_related("person", "competence__framework")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.visible_people = (
            None
            if self.user is None
            else frozenset(people_visible_to(self.user).values_list("pk", flat=True))
        )

    def validate_row(self, instance, row, failed=frozenset()):
        errors = self.read_level(instance, failed)
        if not failed & {"person", "competence", "attained_on"}:
            errors.update(
                attainment_check(
                    attainment=instance,
                    actor=self.user,
                    visible_people=self.visible_people,
                )
            )
            stored = instance._stored
            if (
                stored is not None
                and not errors
                and self.snapshot(instance) != instance._import_original
            ):
                errors["attained_on"] = gettext(
                    "An attainment of this person, competence and date is already "
                    "recorded, with other values. Attainments are never changed: "
                    "revoke it in the admin and record a new one."
                )
        raise_field_errors(errors, {"level": "level_text"})

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.recorded_by = self.user

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if (
            not kwargs.get("dry_run")
            and self.written_ids
            and not (result.has_validation_errors() or result.has_errors())
        ):
            attainments_log(ids=self.written_ids, actor=self.user, channel="import")

    def dehydrate_level_text(self, instance):
        return self._level_text(instance)

    def export_queryset(self):
        return self.existing_queryset(None).order_by(
            "person__email", "competence__code", "attained_on"
        )


class RequirementResource(CoverageRowsMixin, TabularResource):
    level_field = "min_level"
    columns = (
        _competence_column(),
        Column(
            "service_code",
            "Pakalpojuma kods (aizpildiet ne vairāk kā vienu no service_code, "
            "resource_code, role; visi tukši – visiem iesaistītajiem).",
            "Service code (fill in at most one of service_code, resource_code, "
            "role; all empty: everyone involved).",
            "PAK-1001",
            attribute="service",
            lookup="code",
            label=_("service code"),
        ),
        Column(
            "resource_code",
            "Resursa kods.",
            "Resource code.",
            "",
            attribute="resource",
            lookup="code",
            label=_("resource code"),
        ),
        Column(
            "role",
            "Loma: service_portfolio_manager, service_manager, "
            "resource_portfolio_manager vai resource_manager.",
            "Role: service_portfolio_manager, service_manager, "
            "resource_portfolio_manager or resource_manager.",
            "",
            required=False,
            default="",
        ),
        _level_column(
            "min_level",
            "Minimālais līmenis ar skalas nosaukumu (tukšs: jebkurš).",
            "Minimum level by its name in the scale (empty: any).",
        ),
    )
    key = NaturalKey("competence_code", "service_code", "resource_code", "role")

    class Meta(TabularResource.Meta):
        model = Requirement

    def existing_queryset(self, dataset):
        return Requirement.objects.select_related(
            "competence__framework", "service", "resource"
        )

    def validate_row(self, instance, row, failed=frozenset()):
        errors = self.read_level(instance, failed)
        scopes = [
            bool(instance.service_id),
            bool(instance.resource_id),
            bool(instance.role),
        ]
        if sum(scopes) > 1:
            errors["service"] = gettext(
                "Fill in at most one of service_code, resource_code and role."
            )
        elif not failed & {"competence", "service", "resource", "role"}:
            errors.update(requirement_check(requirement=instance, actor=self.user))
        raise_field_errors(errors, {"min_level": "min_level_text"})

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.created_by = self.user

    def dehydrate_min_level_text(self, instance):
        return self._level_text(instance)

    def export_queryset(self):
        return self.existing_queryset(None).order_by("competence__code", "pk")


class DelegationResource(TabularResource):
    columns = (
        _competence_column(),
        Column(
            "centre_code",
            "Kompetenču centra reģistrācijas numurs.",
            "Registration number of the competence centre.",
            "90000099999",
            attribute="centre",
            lookup="code",
            label=_("organisation code"),
        ),
        Column(
            "service_code",
            "Pakalpojuma kods (aizpildiet to vai iestādes numuru).",
            "Service code (fill in this or the institution's number).",
            "PAK-1001",
            attribute="service",
            lookup="code",
            label=_("service code"),
        ),
        Column(
            "institution_code",
            "Iestādes reģistrācijas numurs (aizpildiet to vai pakalpojuma kodu).",
            "Institution's registration number (this or the service code).",
            "",
            attribute="institution",
            lookup="code",
            label=_("organisation code"),
        ),
        Column(
            "start_date",
            "Sākuma datums: dd.mm.gggg vai gggg-mm-dd.",
            "Start date: dd.mm.yyyy or yyyy-mm-dd.",
            "01.01.2026",
        ),
        Column(
            "end_date", "Beigu datums (var būt tukšs).", "End date (may be empty).", ""
        ),
    )
    key = NaturalKey(
        "competence_code", "centre_code", "service_code", "institution_code",
        "start_date",
    )  # fmt: skip

    class Meta(TabularResource.Meta):
        model = Delegation

    def existing_queryset(self, dataset):
        return Delegation.objects.select_related(
            "competence", "centre", "service", "institution"
        )

    def validate_row(self, instance, row, failed=frozenset()):
        errors = {}
        if bool(instance.service_id) == bool(instance.institution_id):
            if not failed & {"service", "institution"}:
                errors["service"] = gettext(
                    "Fill in exactly one of service_code and institution_code."
                )
        elif not failed & {"competence", "centre", "service", "institution"}:
            errors.update(delegation_check(delegation=instance, actor=self.user))
        raise_field_errors(errors)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.created_by = self.user

    def export_queryset(self):
        return self.existing_queryset(None).order_by("competence__code", "start_date")


class AttainmentImporter(TabularImporter):
    name = "attainments"
    label = _("Attainments")
    help_text = _(
        "Who attained which competence and when, matched by person, competence "
        "and date. Stored attainments are never changed."
    )
    resource_class = AttainmentResource
    # Attainments are recorded, never changed: adding them is enough.
    permission = staticmethod(
        lambda user: bool(
            user
            and user.is_authenticated
            and user.has_perm("competences.add_attainment")
        )
    )


class RequirementImporter(TabularImporter):
    name = "requirements"
    label = _("Requirements")
    help_text = _(
        "Competences required of a service's, a resource's or a role's people, "
        "or of everyone involved."
    )
    resource_class = RequirementResource
    permission = staticmethod(lambda user: can_import(user, Requirement))


class DelegationImporter(TabularImporter):
    name = "delegations"
    label = _("Delegations")
    help_text = _(
        "Delegable competences covered by a competence centre for a service or a "
        "whole institution."
    )
    resource_class = DelegationResource
    permission = staticmethod(lambda user: can_import(user, Delegation))
