"""Who may see or change people and organisations. The only place these rules live.

A manager or coordinator sees their own organisation and everything below it,
plus the partners involved in those organisations' services and resources. A
learner sees only their own record. Superusers see everything.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lms.trees import ancestors
from people.models import Invitation, Organisation, Person
from people.selectors import (
    institution_of,
    organisation_subtree_ids,
    person_for_user,
)

LEARNER = "Learner"
COORDINATOR = "Training coordinator"
MANAGER = "Manager"
CONTENT_EDITOR = "Content editor"
GROUP_NAMES = (LEARNER, COORDINATOR, MANAGER, CONTENT_EDITOR)
# Group names are data (created by migration); these are their display labels.
GROUP_LABELS = {
    LEARNER: _("Learner"),
    COORDINATOR: _("Training coordinator"),
    MANAGER: _("Manager"),
    CONTENT_EDITOR: _("Content editor"),
}


def _group_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_lms_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._lms_group_names = cached
    return cached


def is_coordinator(user) -> bool:
    return user.is_superuser or COORDINATOR in _group_names(user)


def is_manager(user) -> bool:
    return user.is_superuser or MANAGER in _group_names(user)


def sees_institution(user) -> bool:
    """Managers and coordinators look at their whole institution."""
    return bool(_group_names(user) & {COORDINATOR, MANAGER})


def home_organisation(user) -> Organisation | None:
    """The institution of the person linked to the account.

    A coordinator in a department answers for the whole institution, so a unit
    is replaced by the institution it belongs to.
    """
    person = person_for_user(user=user)
    return institution_of(organisation=person.organisation) if person else None


def home_organisation_ids(user) -> frozenset[int]:
    """The organisations a manager or coordinator is responsible for.

    Their own organisation and all below it; cached on the user object so that
    one request computes it once.
    """
    cached = getattr(user, "_lms_home_org_ids", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if sees_institution(user):
        home = home_organisation(user)
        if home is not None:
            ids = frozenset(organisation_subtree_ids(root_ids=[home.pk]))
    user._lms_home_org_ids = ids
    return ids


def _involved_in_home_q(org_ids, prefix: str = "") -> Q:
    return Q(**{f"{prefix}involvements__service__owner_id__in": org_ids}) | Q(
        **{f"{prefix}involvements__resource__owner_id__in": org_ids}
    )


def scoped(user, queryset: QuerySet, *, institution, own: Q | None = None) -> QuerySet:
    """The one shape of every scoping rule in the project.

    Anonymous users see nothing and superusers everything. Managers and
    coordinators see `institution(org_ids)` for their home organisations; anyone
    else sees `own` (their own records) or nothing.
    """
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    org_ids = home_organisation_ids(user)
    if org_ids:
        return queryset.filter(institution(org_ids))
    return queryset.none() if own is None else queryset.filter(own)


def people_visible_to(
    user, queryset: QuerySet[Person] | None = None
) -> QuerySet[Person]:
    def institution(org_ids) -> Q:
        partners = Person.objects.filter(_involved_in_home_q(org_ids)).values("pk")
        return (
            Q(organisation_id__in=org_ids)
            | Q(pk__in=partners)
            | Q(registered_by_id__in=org_ids)
        )

    qs = Person.objects.all() if queryset is None else queryset
    return scoped(user, qs, institution=institution, own=Q(user_id=user.pk))


def organisations_visible_to(
    user, queryset: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    def institution(org_ids) -> Q:
        partner_orgs = Person.objects.filter(_involved_in_home_q(org_ids)).values(
            "organisation_id"
        )
        return (
            Q(pk__in=org_ids) | Q(pk__in=partner_orgs) | Q(registered_by_id__in=org_ids)
        )

    qs = Organisation.objects.all() if queryset is None else queryset
    return scoped(user, qs, institution=institution)


# Records of higher apps that point at a person (catalogue: involvements and
# roles), each with the scope its own app decides; installed by that app at
# start-up, since people imports no higher app. A relation without one shows
# nothing.
_related_scopes: dict[str, Callable] = {}


def person_related_scope_set(relation: str, scope: Callable) -> None:
    """Install `scope(user, queryset)` for a person's reverse `relation`."""
    _related_scopes[relation] = scope


def person_related_visible_to(user, person: Person, relation: str) -> QuerySet:
    """The records of `relation` pointing at `person` that `user` may see.

    Another institution may involve one's own employee in its service; that
    involvement stays the other institution's record.
    """
    queryset = getattr(person, relation).all()
    scope = _related_scopes.get(relation)
    return queryset.none() if scope is None else scope(user, queryset)


def can_invite(user, person: Person) -> bool:
    """Coordinators invite people they may change; one with an account needs none.

    Seeing a person is not enough: another institution's employee who
    delivers one's service is visible, but an account is theirs to give.
    """
    if not is_coordinator(user) or person.user_id is not None:
        return False
    return WriteScope(user).may_change_person(person)


def can_manage_people(user) -> bool:
    return is_coordinator(user)


def can_import(user, model) -> bool:
    """Importing a model needs its add and change permissions (and an account).

    Which rows a user may write is then checked row by row (WriteScope), as
    the admin form checks the same change.
    """
    if not (user and user.is_authenticated):
        return False
    opts = model._meta
    return user.has_perms(
        [
            f"{opts.app_label}.add_{opts.model_name}",
            f"{opts.app_label}.change_{opts.model_name}",
        ]
    )


class WriteScope:
    """What one user may create or change, computed once per request or file.

    `user=None` is the system (the demo loader, `manage.py import` without a
    user): it may write anything, like an administrator. Everyone else writes
    only inside their institution (their home organisations, and the partners
    their institution recorded) and can never move the ground they stand on:
    their own organisation's chain up to their institution.
    """

    def __init__(self, user):
        self.user = user
        self.unrestricted = user is None or user.is_superuser
        self.org_ids: frozenset[int] = frozenset()
        self.own_chain: frozenset[int] = frozenset()
        self.home = None
        self._visible_people_ids = None
        if self.unrestricted:
            return
        self.org_ids = home_organisation_ids(user)
        person = person_for_user(user=user)
        if person is not None and self.org_ids:
            self.home = institution_of(organisation=person.organisation)
            parents = dict(
                Organisation.objects.filter(pk__in=self.org_ids).values_list(
                    "pk", "parent_id"
                )
            )
            # From their own organisation up to their institution; the walk
            # stays inside the home tree (parents outside it are unknown).
            chain = [person.organisation_id]
            chain += ancestors(person.organisation_id, parents.get)
            self.own_chain = frozenset(pk for pk in chain if pk in self.org_ids)

    def owns_organisation(self, organisation: Organisation) -> bool:
        """Its own institution's tree, or a partner the institution recorded."""
        return (
            self.unrestricted
            or organisation.pk in self.org_ids
            or organisation.registered_by_id in self.org_ids
        )

    def owns_organisation_id(self, organisation_id: int | None) -> bool:
        return self.unrestricted or organisation_id in self.org_ids

    def may_move_organisation(self, organisation: Organisation) -> bool:
        """Parent and kind of the user's own chain decide their scope: frozen."""
        return self.unrestricted or organisation.pk not in self.own_chain

    def may_bring_in(self, organisation: Organisation, parent: Organisation) -> bool:
        """An organisation outside the institution's tree stays outside it.

        A partner the institution recorded may hold people other institutions
        recorded there (an enterprise is recorded once and shared). Moving it
        into the tree, directly or under an organisation new in the same
        import, would bring all of them into scope: an administrator's job.
        """
        if self.unrestricted or organisation.pk is None:
            return True
        if organisation.pk in self.org_ids:
            return True
        return parent.pk is not None and parent.pk not in self.org_ids

    def visible_people_ids(self) -> frozenset[int]:
        """Loaded once, on first need: an import asks for every row."""
        if self._visible_people_ids is None:
            self._visible_people_ids = frozenset(
                people_visible_to(self.user).values_list("pk", flat=True)
            )
        return self._visible_people_ids

    def may_change_person(self, person: Person) -> bool:
        """The stored person: staff, and other institutions' people, are off limits.

        Partners (enterprises, NGOs, natural persons) whom the institution
        sees, and people or organisations it recorded itself, may be changed.
        """
        if self.unrestricted:
            return True
        account = person.user
        if account is not None and (account.is_staff or account.is_superuser):
            return False
        if person.organisation_id in self.org_ids:
            return True
        if person.pk not in self.visible_people_ids():
            return False
        organisation = person.organisation
        if organisation.is_partner_kind or organisation.registered_by_id in (
            self.org_ids
        ):
            return True
        # Someone they recorded at another institution, until it gives them
        # an account of their own.
        return account is None and person.registered_by_id in self.org_ids

    def may_place_person(self, organisation: Organisation) -> bool:
        """People are recorded in one's own organisations or with partners."""
        return (
            self.unrestricted
            or self.owns_organisation(organisation)
            or organisation.is_partner_kind
        )

    def may_move_self(self, person: Person, organisation: Organisation) -> bool:
        """Nobody moves their own record to another institution."""
        if self.unrestricted or person.user_id != self.user.pk:
            return True
        return institution_of(organisation=organisation) == self.home


def can_change_person(user, person: Person) -> bool:
    """May `user` edit this stored person (admin, import and invitation alike)?"""
    return is_coordinator(user) and WriteScope(user).may_change_person(person)


def can_change_organisation(user, organisation: Organisation) -> bool:
    return is_coordinator(user) and WriteScope(user).owns_organisation(organisation)


def import_uploaders_visible_to(user) -> QuerySet | None:
    """Coordinators oversee the imports of everyone with an account in their
    institution (installed into lms.imports.permissions by PeopleConfig.ready).

    Not an administrator's, even one recorded in the institution: their files
    may hold every institution's data, and their person is off limits to the
    coordinator as well (WriteScope.may_change_person).
    """
    if not (user.is_authenticated and COORDINATOR in _group_names(user)):
        return None
    org_ids = home_organisation_ids(user)
    if not org_ids:
        return None
    return (
        Person.objects.filter(organisation_id__in=org_ids, user__isnull=False)
        .exclude(user__is_staff=True)
        .exclude(user__is_superuser=True)
        .values("user_id")
    )


def invitations_visible_to(
    user, queryset: QuerySet[Invitation] | None = None
) -> QuerySet[Invitation]:
    """Invitations are seen by those who see the invited person."""
    qs = Invitation.objects.all() if queryset is None else queryset
    if not is_coordinator(user):
        return qs.none()
    return qs.filter(person__in=people_visible_to(user))
