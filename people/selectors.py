from django.db.models import QuerySet
from django.utils import timezone

from lms.trees import MAX_DEPTH, ancestors
from people.models import Invitation, Organisation, OrganisationKind, Person


def organisation_subtree_ids(*, root_ids) -> set[int]:
    """The given organisations and everything below them.

    One query per level: hierarchies are a handful of levels deep (ministry,
    sector, institution, unit), so this stays cheap without a tree library.
    """
    ids = set(root_ids)
    frontier = set(ids)
    # Bounded like every tree walk; the "- ids" also ends a stored loop.
    for _depth in range(MAX_DEPTH):
        if not frontier:
            break
        frontier = (
            set(
                Organisation.objects.filter(parent_id__in=frontier).values_list(
                    "id", flat=True
                )
            )
            - ids
        )
        ids |= frontier
    return ids


def institution_of(*, organisation: Organisation) -> Organisation:
    """The institution an organisation belongs to: itself, unless it is a unit.

    The walk is bounded (lms.trees.ancestors), so a loop stored before the
    loop rule existed cannot hang a request.
    """
    if organisation.kind != OrganisationKind.UNIT or not organisation.parent_id:
        return organisation
    loaded = {organisation.pk: organisation}

    def parent_of(pk):
        current = loaded[pk]
        if current.kind != OrganisationKind.UNIT or not current.parent_id:
            return None
        parent = Organisation.objects.get(pk=current.parent_id)
        loaded[parent.pk] = parent
        return parent.pk

    chain = ancestors(organisation.pk, parent_of)
    return loaded[chain[-1]] if chain else organisation


def organisation_parents() -> dict[int, int | None]:
    """Every organisation's parent, {id: parent_id}, in one query."""
    return dict(Organisation.objects.values_list("pk", "parent_id"))


def internal_organisation_ids(*, owner_ids) -> dict[int, set[int]]:
    """For each owner: itself and its units at any depth, no other institution between.

    One query per level, over all owners at once; a unit under another
    institution of the tree belongs to that institution, not to the owner.
    """
    result = {owner: {owner} for owner in owner_ids}
    frontier = {owner: {owner} for owner in owner_ids}
    for _depth in range(MAX_DEPTH):
        parents = set().union(*frontier.values()) if frontier else set()
        if not parents:
            break
        children: dict[int, set[int]] = {}
        for pk, parent_id in Organisation.objects.filter(
            parent_id__in=parents, kind=OrganisationKind.UNIT
        ).values_list("pk", "parent_id"):
            children.setdefault(parent_id, set()).add(pk)
        frontier = {
            owner: set().union(*(children.get(p, set()) for p in ids)) - result[owner]
            for owner, ids in frontier.items()
        }
        frontier = {owner: ids for owner, ids in frontier.items() if ids}
        for owner, ids in frontier.items():
            result[owner] |= ids
    return result


def person_for_user(*, user) -> Person | None:
    """The person record linked to an account, if any."""
    if not user.is_authenticated:
        return None
    return Person.objects.select_related("organisation").filter(user_id=user.pk).first()


def person_list(*, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    qs = Person.objects.all() if queryset is None else queryset
    return qs.select_related("organisation", "user")


def organisation_list(
    *, queryset: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    qs = Organisation.objects.all() if queryset is None else queryset
    return qs.select_related("parent")


def invitation_list(
    *, queryset: QuerySet[Invitation] | None = None
) -> QuerySet[Invitation]:
    qs = Invitation.objects.all() if queryset is None else queryset
    return qs.select_related("person", "invited_by")


def person_detail(*, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People with their organisation and account, for their admin page.

    Their involvements and roles are read apart, each through the scope of
    the app that owns them (people.permissions.person_related_visible_to).
    """
    qs = Person.objects.all() if queryset is None else queryset
    return qs.select_related("organisation", "user")


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation a link points to, if it is still usable.

    It is not, once used, expired or voided, once the person has an account,
    or once the person's e-mail differs from the one the link was sent to.
    """
    invitation = (
        Invitation.objects.select_related("person")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if (
        invitation is None
        or invitation.accepted_at is not None
        or invitation.expires_at <= timezone.now()
        or invitation.person.user_id is not None
        or not invitation.matches_person_email
    ):
        return None
    return invitation
