from django.db import transaction

from catalogue.models import (
    ROLE_SCOPE_FIELD,
    Involvement,
    Relation,
    Resource,
    ResponsibleRole,
    RoleAssignment,
    Service,
)
from people.models import Organisation, Person
from people.selectors import organisation_subtree_ids


def involvement_relation(*, person: Person, owner_id: int) -> str:
    """Internal when the person works in the owner institution or a unit below it."""
    if person.organisation_id in organisation_subtree_ids(root_ids=[owner_id]):
        return Relation.INTERNAL
    return Relation.EXTERNAL


def relation_resolver():
    """involvement_relation for many rows: each owner's subtree is computed once."""
    subtrees: dict[int, set[int]] = {}

    def resolve(*, person: Person, owner_id: int) -> str:
        if owner_id not in subtrees:
            subtrees[owner_id] = organisation_subtree_ids(root_ids=[owner_id])
        if person.organisation_id in subtrees[owner_id]:
            return Relation.INTERNAL
        return Relation.EXTERNAL

    return resolve


@transaction.atomic
def involvement_save(*, involvement: Involvement, actor=None) -> Involvement:
    """Validate and store an involvement, deriving internal/external.

    The relation is always derived, never typed: it must agree with the
    organisation hierarchy for the coverage reports to be right.
    """
    target = involvement.service or involvement.resource
    if target is not None:
        involvement.relation = involvement_relation(
            person=involvement.person, owner_id=target.owner_id
        )
    involvement.full_clean()
    involvement.save()
    return involvement


@transaction.atomic
def role_assignment_create(*, person: Person, role: str, scope) -> RoleAssignment:
    """Give a person one of the four responsible roles at its scope (idempotent)."""
    field = ROLE_SCOPE_FIELD[ResponsibleRole(role)]
    assignment, _created = RoleAssignment.objects.get_or_create(
        person=person, role=role, **{field: scope}
    )
    return assignment


def _register_entry_upsert(model, *, code, name_lv, name_en, owner, manager):
    entry = model.objects.filter(code=code.strip()).first() or model(code=code.strip())
    entry.name_lv = name_lv.strip()
    entry.name_en = name_en.strip()
    entry.owner = owner
    entry.manager = manager
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def service_upsert(
    *,
    code: str,
    name_lv: str,
    name_en: str = "",
    owner: Organisation,
    manager: Person | None = None,
) -> Service:
    """Create or update the service with this register code."""
    return _register_entry_upsert(
        Service,
        code=code,
        name_lv=name_lv,
        name_en=name_en,
        owner=owner,
        manager=manager,
    )


@transaction.atomic
def resource_upsert(
    *,
    code: str,
    name_lv: str,
    name_en: str = "",
    owner: Organisation,
    manager: Person | None = None,
) -> Resource:
    """Create or update the resource with this register code."""
    return _register_entry_upsert(
        Resource,
        code=code,
        name_lv=name_lv,
        name_en=name_en,
        owner=owner,
        manager=manager,
    )


@transaction.atomic
def involvement_upsert(
    *,
    person: Person,
    service: Service | None = None,
    resource: Resource | None = None,
    start_date,
    end_date=None,
) -> Involvement:
    """Record (or update the end of) a person's involvement from a start date."""
    involvement = Involvement.objects.filter(
        person=person, service=service, resource=resource, start_date=start_date
    ).first() or Involvement(
        person=person, service=service, resource=resource, start_date=start_date
    )
    involvement.end_date = end_date
    return involvement_save(involvement=involvement)
