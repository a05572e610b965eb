"""State changes of the register: organisations (the tree) and persons."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.trees import ancestors, parent_cycle
from people.models import Organisation, Person, normalise_email
from people.permissions import WriteScope, home_organisation
from people.selectors import organisation_parents
from people.services.accounts import invitation_void_for_person
from people.signals import organisations_moved, people_moved


def _recorder(actor) -> Organisation | None:
    return home_organisation(actor) if actor is not None else None


def organisation_loop(*, changes: dict[int, int | None]) -> list[str]:
    """Codes along a loop that these {id: new parent id} changes would make, or [].

    The one loop rule for every path (admin, import, command): the stored
    tree, with the changes applied, is checked by lms.trees.parent_cycle.
    """
    parents = organisation_parents()
    parents.update(changes)
    # Only the chains above the changed organisations: a loop stored elsewhere
    # before the rule existed must not block unrelated edits.
    reachable = {}
    for node in changes:
        for member in [node, *ancestors(node, parents.get)]:
            reachable[member] = parents.get(member)
    cycle = parent_cycle(reachable)
    if not cycle:
        return []
    codes = dict(Organisation.objects.filter(pk__in=cycle).values_list("pk", "code"))
    return [codes.get(pk, str(pk)) for pk in cycle]


def organisation_check(
    *,
    organisation: Organisation,
    stored: Organisation | None,
    scope: WriteScope,
    parent: Organisation | None,
) -> dict[str, str]:
    """Errors, by field, of storing `organisation` under `parent` as `scope`'s user.

    `stored` is the row as it was (None for a new one). The parent is passed
    apart because an import sets the parents last, once every row exists.
    """
    errors = {}
    if stored is not None and not scope.owns_organisation(stored):
        errors["code"] = _(
            "This organisation belongs to another institution; you may not change it."
        )
        return errors
    parent_id = parent.pk if parent is not None else None
    # A parent new in the same import has no id yet: that is a move too.
    moved = stored is None or (
        stored.parent_id != parent_id
        or (parent is not None and parent.pk is None)
        or stored.kind != organisation.kind
    )
    if stored is not None and moved and not scope.may_move_organisation(stored):
        errors["parent"] = _(
            "Only an administrator can change the parent or kind of your own "
            "organisation or institution."
        )
    elif parent is not None and moved and not scope.owns_organisation(parent):
        errors["parent"] = _(
            "The parent organisation must be your institution, one of its units or "
            "a partner your institution recorded."
        )
    elif (
        stored is not None
        and parent is not None
        and moved
        and not scope.may_bring_in(stored, parent)
    ):
        errors["parent"] = _(
            "An organisation outside your institution can be placed only under "
            "an existing organisation outside it; only an administrator can move "
            "it into your institution."
        )
    return errors


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor=None) -> Organisation:
    """Validate and store an organisation edited by `actor` (None: the system).

    A new organisation remembers the actor's institution, so that a
    coordinator keeps seeing a partner they just recorded. The actor's scope
    and the tree's loop rule are checked here, for the admin and every caller.
    """
    scope = WriteScope(actor)
    if organisation.pk is None and organisation.registered_by_id is None:
        organisation.registered_by = _recorder(actor)
    stored = (
        Organisation.objects.filter(pk=organisation.pk).first()
        if organisation.pk
        else None
    )
    _raise(
        organisation_check(
            organisation=organisation,
            stored=stored,
            scope=scope,
            parent=organisation.parent,
        )
    )
    organisation.full_clean()
    # A new organisation has no children yet, so only an existing one can
    # close a loop.
    if organisation.pk is not None and organisation.parent_id is not None:
        loop = organisation_loop(changes={organisation.pk: organisation.parent_id})
        if loop:
            _raise({"parent": _loop_message(loop)})
    organisation.save()
    if stored is not None and (
        stored.parent_id != organisation.parent_id or stored.kind != organisation.kind
    ):
        organisations_moved.send(Organisation, organisation_ids=[organisation.pk])
    return organisation


def _loop_message(codes: list[str]) -> str:
    return _("The parent organisations would form a loop: %(codes)s.") % {
        "codes": " → ".join(codes)
    }


@transaction.atomic
def organisation_parents_set(
    *, parents: dict[Organisation, int | None], moved_ids=()
) -> None:
    """Set many organisations' parents at once (an import): the same loop rule.

    `moved_ids` names organisations whose kind changed as well; everything
    whose parent or kind changed is announced once, in bulk.
    """
    loop = organisation_loop(changes={o.pk: p for o, p in parents.items()})
    if loop:
        raise ValidationError(_loop_message(loop))
    changed = []
    for organisation, parent_id in parents.items():
        if organisation.parent_id != parent_id:
            organisation.parent_id = parent_id
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["parent"], batch_size=1000)
    ids = {o.pk for o in changed} | set(moved_ids)
    if ids:
        organisations_moved.send(Organisation, organisation_ids=sorted(ids))


def person_check(
    *, person: Person, stored: Person | None, scope: WriteScope
) -> dict[str, str]:
    """Errors, by field, of storing `person` as `scope`'s user (see WriteScope)."""
    if stored is not None and not scope.may_change_person(stored):
        return {
            "email": _(
                "This person has administrator rights or belongs to another "
                "institution; you may not change them."
            )
        }
    moved = stored is None or stored.organisation_id != person.organisation_id
    if not moved or person.organisation_id is None:
        return {}
    organisation = person.organisation
    if not scope.may_place_person(organisation):
        return {
            "organisation": _(
                "People can be recorded only in your institution, its units or "
                "partner organisations."
            )
        }
    if stored is not None and not scope.may_move_self(stored, organisation):
        return {"organisation": _("You cannot move yourself to another institution.")}
    return {}


@transaction.atomic
def person_save(*, person: Person, actor=None) -> Person:
    """Validate and store a person edited by `actor` (see organisation_save).

    A changed e-mail voids the person's open invitations in the same
    transaction: a link mailed to the old address must not open an account
    for the new one.
    """
    if person.pk is None and person.registered_by_id is None:
        person.registered_by = _recorder(actor)
    stored = (
        Person.objects.select_related("user", "organisation")
        .filter(pk=person.pk)
        .first()
        if person.pk
        else None
    )
    _raise(person_check(person=person, stored=stored, scope=WriteScope(actor)))
    person.full_clean()
    person.save()
    if stored is not None and stored.organisation_id != person.organisation_id:
        people_moved.send(Person, person_ids=[person.pk])
    # An invitation is bound to the address it was sent to: a new address
    # voids it, whichever path changed the e-mail.
    if stored is not None and normalise_email(stored.email) != normalise_email(
        person.email
    ):
        invitation_void_for_person(person=person)
    return person


@transaction.atomic
def people_moved_announce(*, person_ids) -> None:
    """After a bulk write of people (an import): announce those who moved."""
    if person_ids:
        people_moved.send(Person, person_ids=sorted(person_ids))


@transaction.atomic
def organisation_upsert(
    *,
    code: str,
    name_lv: str,
    name_en: str = "",
    kind: str,
    parent: Organisation | None = None,
    actor=None,
) -> Organisation:
    """Create or update the organisation with this registration code."""
    organisation = Organisation.objects.filter(
        code=code.strip()
    ).first() or Organisation(code=code.strip())
    organisation.name_lv = name_lv.strip()
    organisation.name_en = name_en.strip()
    organisation.kind = kind
    organisation.parent = parent
    return organisation_save(organisation=organisation, actor=actor)


@transaction.atomic
def person_upsert(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    job_title: str = "",
    language: str = settings.LANGUAGE_CODE,
    actor=None,
) -> Person:
    """Create or update the person with this e-mail (matched case-insensitively)."""
    person = Person.objects.filter(email__iexact=email.strip()).first() or Person(
        email=email.strip().lower()
    )
    person.first_name = first_name.strip()
    person.last_name = last_name.strip()
    person.organisation = organisation
    person.job_title = job_title.strip()
    person.language = language
    return person_save(person=person, actor=actor)


@transaction.atomic
def person_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    job_title: str = "",
    language: str = settings.LANGUAGE_CODE,
    actor=None,
) -> Person:
    """Record a person; the e-mail is stored lower-cased and must be unique."""
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        organisation=organisation,
        job_title=job_title.strip(),
        language=language,
    )
    return person_save(person=person, actor=actor)
