from django.db.models import QuerySet

from people.models import Invitation, Organisation, OrganisationKind, Person


def organisation_subtree_ids(*, root_ids) -> set[int]:
    """The given organisations and everything below them.

    One query per level: hierarchies are a handful of levels deep (ministry,
    sector, institution, unit), so this stays cheap without a tree library.
    """
    ids = set(root_ids)
    frontier = set(ids)
    while frontier:
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
    """The institution an organisation belongs to: itself, unless it is a unit."""
    while organisation.kind == OrganisationKind.UNIT and organisation.parent_id:
        organisation = Organisation.objects.get(pk=organisation.parent_id)
    return organisation


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


def organisation_cycle(parents: dict[int, int | None]) -> list[str]:
    """Codes along a parent loop among the given {id: parent_id}, or [] if none.

    Parents outside the mapping are looked up in the database.
    """
    lookup = dict(parents)
    for start in parents:
        seen = []
        node = start
        while node is not None:
            if node in seen:
                loop = seen[seen.index(node) :] + [node]
                codes = dict(
                    Organisation.objects.filter(pk__in=loop).values_list("pk", "code")
                )
                return [codes[pk] for pk in loop]
            seen.append(node)
            if node not in lookup:
                lookup[node] = (
                    Organisation.objects.filter(pk=node)
                    .values_list("parent_id", flat=True)
                    .first()
                )
            node = lookup[node]
    return []


def person_detail(*, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People with what their admin page shows, in a fixed number of queries.

    Involvements and roles are reached through their reverse relations, so this
    app needn't import catalogue (which sits above it).
    """
    qs = Person.objects.all() if queryset is None else queryset
    return qs.select_related("organisation", "user").prefetch_related(
        "involvements__service",
        "involvements__resource",
        "role_assignments__organisation",
        "role_assignments__service",
        "role_assignments__resource",
    )
