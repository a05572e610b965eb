"""State changes of the catalogue: one function per rule, for every path.

The admin forms (save_with), the importers (row by row, then in bulk) and
the demo loader all call these; the importers call the `*_check` functions on
each row and write in bulk, so no rule is restated anywhere else.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from catalogue.models import (
    ROLE_SCOPE_FIELD,
    Involvement,
    Relation,
    ResponsibleRole,
    RoleAssignment,
)
from catalogue.permissions import (
    may_write_involvement,
    may_write_register_entry,
    may_write_role,
)
from people.models import Organisation, Person
from people.permissions import WriteScope
from people.selectors import internal_organisation_ids, organisation_subtree_ids


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# Internal or external -----------------------------------------------------------


def relation_resolver():
    """The derivation of internal/external, for one row or many.

    Internal: the person's organisation is the owner institution itself or one
    of its units (kind `unit`, any depth, no other institution between).
    Everyone else is external, a subordinate institution included. Each
    owner's internal organisations are computed once.
    """
    internal: dict[int, set[int]] = {}

    def resolve(*, organisation_id: int, owner_id: int) -> str:
        if owner_id not in internal:
            internal.update(internal_organisation_ids(owner_ids=[owner_id]))
        if organisation_id in internal[owner_id]:
            return Relation.INTERNAL
        return Relation.EXTERNAL

    resolve.preload = lambda owner_ids: internal.update(
        internal_organisation_ids(owner_ids=set(owner_ids) - set(internal))
    )
    return resolve


def involvement_relation(*, person: Person, owner_id: int) -> str:
    """Internal or external for one person and owner (see relation_resolver)."""
    return relation_resolver()(
        organisation_id=person.organisation_id, owner_id=owner_id
    )


@transaction.atomic
def involvement_relations_refresh(*, organisation_ids=(), person_ids=()) -> int:
    """Recompute stored relations after people or organisations moved, in bulk.

    Affected are the involvements of the moved people and of everyone in the
    moved organisations' subtrees. Returns how many changed.
    """
    condition = Q()
    if person_ids:
        condition |= Q(person_id__in=list(person_ids))
    if organisation_ids:
        subtree = organisation_subtree_ids(root_ids=list(organisation_ids))
        condition |= Q(person__organisation_id__in=subtree)
    if not condition:
        return 0
    rows = list(
        Involvement.objects.filter(condition).values_list(
            "pk",
            "relation",
            "person__organisation_id",
            "service__owner_id",
            "resource__owner_id",
        )
    )
    resolve = relation_resolver()
    resolve.preload({service or resource for _, _, _, service, resource in rows})
    changed = []
    for pk, relation, organisation_id, service_owner, resource_owner in rows:
        derived = resolve(
            organisation_id=organisation_id, owner_id=service_owner or resource_owner
        )
        if derived != relation:
            changed.append(Involvement(pk=pk, relation=derived))
    Involvement.objects.bulk_update(changed, ["relation"], batch_size=1000)
    return len(changed)


# Involvements --------------------------------------------------------------------


def involvement_check(
    *,
    involvement: Involvement,
    stored: Involvement | None,
    scope: WriteScope,
    resolve=None,
) -> dict[str, str]:
    """Errors, by field, of storing `involvement`; derives its relation.

    The person may be anyone (another institution's employee can deliver
    one's service); the service or resource must be the user's institution's.
    """
    errors = {}
    for old_or_new in (stored, involvement):
        if old_or_new is None:
            continue
        target = old_or_new.service or old_or_new.resource
        if not may_write_involvement(scope, target=target):
            field = "service" if old_or_new.service_id else "resource"
            errors[field] = _(
                "Involvements can be recorded only in your institution's services "
                "and resources."
            )
            return errors
    target = involvement.service or involvement.resource
    if target is not None and involvement.person_id is not None:
        resolve = resolve or relation_resolver()
        involvement.relation = resolve(
            organisation_id=involvement.person.organisation_id,
            owner_id=target.owner_id,
        )
    return errors


@transaction.atomic
def involvement_save(*, involvement: Involvement, actor=None) -> Involvement:
    """Validate and store an involvement, deriving internal/external.

    The relation is always derived, never typed: it must agree with the
    organisation hierarchy for the coverage reports to be right.
    """
    stored = (
        Involvement.objects.select_related("service", "resource")
        .filter(pk=involvement.pk)
        .first()
        if involvement.pk
        else None
    )
    _raise(
        involvement_check(
            involvement=involvement, stored=stored, scope=WriteScope(actor)
        )
    )
    involvement.full_clean()
    involvement.save()
    return involvement


@transaction.atomic
def involvement_upsert(
    *,
    person: Person,
    service=None,
    resource=None,
    start_date,
    end_date=None,
    actor=None,
) -> Involvement:
    """Record (or update the end of) a person's involvement from a start date."""
    involvement = Involvement.objects.filter(
        person=person, service=service, resource=resource, start_date=start_date
    ).first() or Involvement(
        person=person, service=service, resource=resource, start_date=start_date
    )
    involvement.end_date = end_date
    return involvement_save(involvement=involvement, actor=actor)


# Services and resources ------------------------------------------------------------


def register_entry_check(*, entry, stored, scope: WriteScope) -> dict[str, str]:
    """Errors, by field, of storing a service or resource as `scope`'s user.

    Both the stored owner and the new one must be the user's institution: an
    entry can neither be taken over from nor handed to another institution.
    """
    if stored is not None and not may_write_register_entry(
        scope, owner_id=stored.owner_id
    ):
        return {
            "code": _(
                "This entry belongs to another institution; you may not change it."
            )
        }
    if entry.owner_id is not None and not may_write_register_entry(
        scope, owner_id=entry.owner_id
    ):
        return {"owner": _("The owner must be your institution or one of its units.")}
    return {}


@transaction.atomic
def register_entry_save(*, entry, actor=None):
    """Validate and store a service or resource edited by `actor`."""
    model = type(entry)
    stored = model.objects.filter(pk=entry.pk).first() if entry.pk else None
    _raise(register_entry_check(entry=entry, stored=stored, scope=WriteScope(actor)))
    entry.full_clean()
    entry.save()
    if stored is not None and stored.owner_id != entry.owner_id:
        involvement_relations_refresh(
            person_ids=entry.involvements.values_list("person_id", flat=True)
        )
    return entry


@transaction.atomic
def register_entry_owner_changes_apply(*, model, ids) -> None:
    """After a bulk write of services or resources whose owner changed."""
    if ids:
        involvement_relations_refresh(
            person_ids=Involvement.objects.filter(
                **{f"{model._meta.model_name}_id__in": list(ids)}
            ).values_list("person_id", flat=True)
        )


@transaction.atomic
def register_entry_upsert(
    *,
    model,
    code: str,
    name_lv: str,
    name_en: str = "",
    owner: Organisation,
    actor=None,
):
    """Create or update the service or resource (`model`) with this register code."""
    entry = model.objects.filter(code=code.strip()).first() or model(code=code.strip())
    entry.name_lv = name_lv.strip()
    entry.name_en = name_en.strip()
    entry.owner = owner
    return register_entry_save(entry=entry, actor=actor)


# Responsible roles -----------------------------------------------------------------


def role_assignment_check(
    *, assignment: RoleAssignment, stored: RoleAssignment | None, scope: WriteScope
) -> dict[str, str]:
    """Errors, by field, of storing a role assignment as `scope`'s user.

    Roles are given at one's own institution and its services and resources
    only, so nobody can give themselves (or anyone) a role elsewhere.
    """
    for old_or_new in (stored, assignment):
        if old_or_new is None or not old_or_new.role:
            continue
        field = ROLE_SCOPE_FIELD[ResponsibleRole(old_or_new.role)]
        if not may_write_role(scope, held_at=getattr(old_or_new, field)):
            return {
                field: _(
                    "Roles can be given only at your institution and its services "
                    "and resources."
                )
            }
    return {}


@transaction.atomic
def role_assignment_save(*, assignment: RoleAssignment, actor=None) -> RoleAssignment:
    """Validate and store a role assignment edited by `actor`."""
    stored = (
        RoleAssignment.objects.select_related("organisation", "service", "resource")
        .filter(pk=assignment.pk)
        .first()
        if assignment.pk
        else None
    )
    _raise(
        role_assignment_check(
            assignment=assignment, stored=stored, scope=WriteScope(actor)
        )
    )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def role_assignment_create(
    *, person: Person, role: str, scope, actor=None
) -> RoleAssignment:
    """Give a person one of the four responsible roles at its scope (idempotent)."""
    field = ROLE_SCOPE_FIELD[ResponsibleRole(role)]
    existing = RoleAssignment.objects.filter(
        person=person, role=role, **{field: scope}
    ).first()
    if existing is not None:
        return existing
    return role_assignment_save(
        assignment=RoleAssignment(person=person, role=role, **{field: scope}),
        actor=actor,
    )
