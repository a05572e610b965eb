"""Import/export of services, resources, involvements and responsible roles.

Each row passes the same `*_check` service function as the admin form, with
the importing user's WriteScope; the rows are then written in bulk.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    ROLE_SCOPE_FIELD,
    Involvement,
    Relation,
    Resource,
    ResponsibleRole,
    RoleAssignment,
    Service,
)
from catalogue.services import (
    involvement_check,
    register_entry_check,
    register_entry_owner_changes_apply,
    relation_resolver,
    role_assignment_check,
)
from lms.imports.columns import Column, NaturalKey
from lms.imports.importer import TabularImporter
from lms.imports.tabular import TabularResource
from lms.imports.widgets import TextWidget
from people.models import Organisation
from people.permissions import WriteScope, can_import
from people.resources import raise_field_errors


class ScopedRowsMixin:
    """Keeps each existing row as stored, for the services' scope checks."""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.scope = WriteScope(self.user)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._stored = None if new else copy.copy(instance)
        super().after_init_instance(instance, new, row, **kwargs)


def _register_columns(kind_lv, kind_en, example_code, example_lv, example_en):
    # No manager column: who manages a service or resource is a role
    # assignment, imported with the `roles` importer (the one source).
    return (
        Column(
            "code",
            f"{kind_lv} kods valsts reģistrā (unikāls).",
            f"The {kind_en}'s code in the state register (unique).",
            example_code,
        ),
        Column("name_lv", "Nosaukums latviski.", "Name in Latvian.", example_lv),
        Column("name_en", "Nosaukums angliski.", "Name in English.", example_en),
        Column(
            "owner_code",
            "Turētājas iestādes reģistrācijas numurs.",
            "Registration number of the owner institution.",
            "90000012345",
            attribute="owner",
            lookup="code",
            label=_("organisation code"),
        ),
    )


class RegisterEntryResource(ScopedRowsMixin, TabularResource):
    key = NaturalKey("code")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.moved = []

    def validate_row(self, instance, row, failed=frozenset()):
        raise_field_errors(
            register_entry_check(
                entry=instance, stored=instance._stored, scope=self.scope
            )
        )

    def before_save_instance(self, instance, row, **kwargs):
        stored = instance._stored
        if stored is not None and stored.owner_id != instance.owner_id:
            self.moved.append(instance.pk)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not (result.has_validation_errors() or result.has_errors()):
            register_entry_owner_changes_apply(model=self._meta.model, ids=self.moved)

    def existing_queryset(self, dataset):
        return self._meta.model.objects.select_related("owner")

    def export_queryset(self):
        return self.existing_queryset(None).order_by("code")


class ServiceEntryResource(RegisterEntryResource):
    columns = _register_columns(
        "Pakalpojuma",
        "service",
        "PAK-1001",
        "Atļaujas izsniegšana",
        "Issuing a permit",
    )

    class Meta(TabularResource.Meta):
        model = Service


class ResourceEntryResource(RegisterEntryResource):
    columns = _register_columns(
        "Resursa",
        "resource",
        "RES-2001",
        "Pieprasījumu pārvaldības sistēma",
        "Request management system",
    )

    class Meta(TabularResource.Meta):
        model = Resource


class InvolvementResource(ScopedRowsMixin, TabularResource):
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
        Column(
            "service_code",
            "Pakalpojuma kods (aizpildiet to vai resursa kodu).",
            "Service code (fill in this or the resource code).",
            "PAK-1001",
            attribute="service",
            lookup="code",
            label=_("service code"),
        ),
        Column(
            "resource_code",
            "Resursa kods (aizpildiet to vai pakalpojuma kodu).",
            "Resource code (fill in this or the service code).",
            "",
            attribute="resource",
            lookup="code",
            label=_("resource code"),
        ),
        Column(
            "relation",
            "internal (iekšējais) vai external (ārējais); vienmēr nosaka pēc "
            "organizācijas, tāpēc var būt tukšs; ja aizpildīts, tam jāsakrīt.",
            "internal or external; always derived from the organisation, so it "
            "may be empty; if filled in, it must agree.",
            "",
            required=False,
            default="",
        ),
        Column(
            "start_date",
            "Sākuma datums: dd.mm.gggg vai gggg-mm-dd.",
            "Start date: dd.mm.yyyy or yyyy-mm-dd.",
            "01.02.2026",
        ),
        Column(
            "end_date", "Beigu datums (var būt tukšs).", "End date (may be empty).", ""
        ),
    )
    # Dates match whichever way they are written.
    key = NaturalKey("person_email", "service_code", "resource_code", "start_date")

    class Meta(TabularResource.Meta):
        model = Involvement

    def existing_queryset(self, dataset):
        return Involvement.objects.select_related("person", "service", "resource")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.resolve_relation = relation_resolver()

    def validate_row(self, instance, row, failed=frozenset()):
        errors = {}
        if bool(instance.service) == bool(instance.resource) and not (
            failed & {"service", "resource"}
        ):
            errors["service"] = _("Fill in either a service code or a resource code.")
        if (
            instance.start_date
            and instance.end_date
            and instance.end_date < instance.start_date
        ):
            errors["end_date"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)
        if failed & {"person", "service", "resource"}:
            return
        given = instance.relation
        raise_field_errors(
            involvement_check(
                involvement=instance,
                stored=instance._stored,
                scope=self.scope,
                resolve=self.resolve_relation,
            )
        )
        # The relation is derived, never typed: a file that says otherwise
        # is wrong about the person or the organisation tree.
        if given and given != instance.relation and "relation" not in failed:
            raise ValidationError(
                {
                    "relation": _(
                        "Derived from the person's organisation: “%(derived)s”. "
                        "Leave the cell empty or correct it."
                    )
                    % {"derived": Relation(instance.relation).label}
                }
            )

    def export_queryset(self):
        return self.existing_queryset(None).order_by("person__email", "start_date")


class RoleAssignmentResource(ScopedRowsMixin, TabularResource):
    columns = (
        Column(
            "person_email",
            "Personas e-pasts.",
            "The person's e-mail.",
            "anna.berzina@iestade.lv",
            attribute="person",
            lookup="email",
            label=_("person e-mail"),
        ),
        Column(
            "role",
            "Loma: service_portfolio_manager (pakalpojumu kopuma vadītājs), "
            "service_manager (pakalpojuma vadītājs), resource_portfolio_manager "
            "(resursu kopuma vadītājs) vai resource_manager (resursa vadītājs).",
            "Role: service_portfolio_manager, service_manager, "
            "resource_portfolio_manager or resource_manager (code or label).",
            "service_manager",
        ),
        # Which of the three scope fields it fills depends on the role.
        Column(
            "scope_code",
            "Kopuma vadītājiem – iestādes reģistrācijas numurs; pakalpojuma "
            "vadītājam – pakalpojuma kods; resursa vadītājam – resursa kods.",
            "For portfolio managers the institution's registration number; for a "
            "service manager the service code; for a resource manager the resource "
            "code.",
            "PAK-1001",
            required=True,
            widget=TextWidget(max_length=64),
        ),
    )
    key = NaturalKey("person_email", "role", "scope_code")

    class Meta(TabularResource.Meta):
        model = RoleAssignment

    @staticmethod
    def _scope_code(instance) -> str:
        scope = instance.organisation or instance.service or instance.resource
        return scope.code.lower() if scope else ""

    def existing_queryset(self, dataset):
        return RoleAssignment.objects.select_related(
            "person", "organisation", "service", "resource"
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.scopes = {
            "organisation": {o.code.lower(): o for o in Organisation.objects.all()},
            "service": {s.code.lower(): s for s in Service.objects.all()},
            "resource": {r.code.lower(): r for r in Resource.objects.all()},
        }

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.scope_code = "" if new else self._scope_code(instance).upper()
        super().after_init_instance(instance, new, row, **kwargs)

    def validate_row(self, instance, row, failed=frozenset()):
        if not instance.role or not instance.scope_code or "role" in failed:
            return
        field = ROLE_SCOPE_FIELD[ResponsibleRole(instance.role)]
        scope = self.scopes[field].get(instance.scope_code.lower())
        if scope is None:
            what = {
                "organisation": _("institution registration number"),
                "service": _("service code"),
                "resource": _("resource code"),
            }[field]
            raise ValidationError(
                {
                    "scope_code": _(
                        "For this role the scope must be a %(what)s; “%(value)s” is "
                        "not one."
                    )
                    % {"what": what, "value": instance.scope_code}
                }
            )
        for name in ("organisation", "service", "resource"):
            setattr(instance, name, scope if name == field else None)
        raise_field_errors(
            role_assignment_check(
                assignment=instance, stored=instance._stored, scope=self.scope
            ),
            dict.fromkeys(("organisation", "service", "resource"), "scope_code"),
        )

    def snapshot(self, instance):
        return (instance.person_id, instance.role, self._scope_code(instance))

    def dehydrate_scope_code(self, instance):
        scope = instance.organisation or instance.service or instance.resource
        return scope.code if scope else ""

    def export_queryset(self):
        return self.existing_queryset(None).order_by("person__email", "role")


# Managers were a column of the services and resources files until they became
# role assignments only (catalogue migration 0005).
RETIRED_MANAGER_COLUMN = {
    "manager_email": _(
        "The manager_email column is no longer read: managers are responsible "
        "roles. Remove the column and import the managers with the “Responsible "
        "roles” importer (role service_manager or resource_manager)."
    )
}


class ServiceImporter(TabularImporter):
    name = "services"
    label = _("Services")
    help_text = _(
        "Services from the state Services register, with their owner institution."
    )
    resource_class = ServiceEntryResource
    retired_columns = RETIRED_MANAGER_COLUMN
    permission = staticmethod(lambda user: can_import(user, Service))


class ResourceImporter(TabularImporter):
    name = "resources"
    label = _("Resources")
    help_text = _("Resources from the state Resources register.")
    resource_class = ResourceEntryResource
    retired_columns = RETIRED_MANAGER_COLUMN
    permission = staticmethod(lambda user: can_import(user, Resource))


class InvolvementImporter(TabularImporter):
    name = "involvements"
    label = _("Involvements")
    help_text = _("Who delivers which service or uses which resource, and since when.")
    resource_class = InvolvementResource
    permission = staticmethod(lambda user: can_import(user, Involvement))


class RoleImporter(TabularImporter):
    name = "roles"
    label = _("Responsible roles")
    help_text = _("The four responsible roles and where each person holds them.")
    resource_class = RoleAssignmentResource
    permission = staticmethod(lambda user: can_import(user, RoleAssignment))
