"""Who may see the support app's records; the only home of its scoping rules.

The scope is people/'s: a manager or coordinator sees their institution's
people and the partners' people involved in its services and resources; a
learner sees only their own records.
"""

from django.db.models import Q, QuerySet

from people.permissions import people_visible_to, scoped, sees_institution
from support.models import Acknowledgement


def can_view_acknowledgements(user) -> bool:
    """Managers, coordinators and administrators see who has not acknowledged."""
    return user.is_authenticated and (user.is_superuser or sees_institution(user))


def acknowledgement_people_visible_to(user, queryset=None):
    """The people whose acknowledgements the viewer may see."""
    return people_visible_to(user, queryset)


def acknowledgements_visible_to(
    user, queryset: QuerySet[Acknowledgement] | None = None
) -> QuerySet[Acknowledgement]:
    qs = Acknowledgement.objects.all() if queryset is None else queryset
    return scoped(
        user,
        qs,
        institution=lambda org_ids: Q(person__in=people_visible_to(user).values("pk")),
        own=Q(person__user_id=user.pk),
    )


def can_acknowledge(user, person) -> bool:
    """Only the person themselves confirms having read a material."""
    return user.is_authenticated and person.user_id == user.pk
