"""Who may see the support app's records; the only home of its scoping rules.

The scope is people/'s: a manager or coordinator sees their institution's
people and the partners' people involved in its services and resources; a
learner sees only their own records.
"""

from django.db.models import Q, QuerySet

from people.permissions import (
    home_organisation_ids,
    is_coordinator,
    is_manager,
    people_visible_to,
    scoped,
    sees_institution,
)
from support.models import (
    Acknowledgement,
    Consultation,
    ConsultationAttachment,
    Feedback,
    SupportNeed,
)


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


# Consultations ---------------------------------------------------------------------


def consultations_visible_to(
    user, queryset: QuerySet[Consultation] | None = None
) -> QuerySet[Consultation]:
    """The consultations a user oversees in the admin.

    The manager a question was routed to, and the coordinators of the
    institution it was routed in; nobody else (another manager of the same
    institution included: a question is between the asker and their manager).
    The asker reads their own on the site (`consultations_asked_by`).
    """
    qs = Consultation.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    visible = Q(routed_to__user_id=user.pk)
    if is_coordinator(user):
        visible |= Q(institution_id__in=home_organisation_ids(user))
    return qs.filter(visible)


def consultations_asked_by(
    user, queryset: QuerySet[Consultation] | None = None
) -> QuerySet[Consultation]:
    """The signed-in person's own questions (another person's are a 404)."""
    qs = Consultation.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(asker__user_id=user.pk)


def can_answer_consultation(user, consultation: Consultation) -> bool:
    """Whoever oversees it may answer: its manager, or a coordinator standing in."""
    return consultations_visible_to(
        user, Consultation.objects.filter(pk=consultation.pk)
    ).exists()


def can_read_attachment(user, attachment: ConsultationAttachment) -> bool:
    """The asker, and whoever oversees the consultation."""
    consultation = Consultation.objects.filter(pk=attachment.consultation_id)
    return (
        consultations_asked_by(user, consultation).exists()
        or consultations_visible_to(user, consultation).exists()
    )


# Needs and feedback ----------------------------------------------------------------


def needs_visible_to(
    user, queryset: QuerySet[SupportNeed] | None = None
) -> QuerySet[SupportNeed]:
    """Managers and coordinators: the needs of the people they see and the needs
    about their institution's services and resources; anyone else their own."""
    qs = SupportNeed.objects.all() if queryset is None else queryset

    def institution(org_ids) -> Q:
        return (
            Q(person__in=people_visible_to(user).values("pk"))
            | Q(service__owner_id__in=org_ids)
            | Q(resource__owner_id__in=org_ids)
        )

    return scoped(user, qs, institution=institution, own=Q(person__user_id=user.pk))


def can_record_need_for(user, person) -> bool:
    """One's own need, or, for a manager, a need of someone in their team (a
    person they see: their institution's staff and partners in its services)."""
    if not user.is_authenticated or person is None:
        return False
    if person.user_id == user.pk:
        return True
    return is_manager(user) and people_visible_to(user).filter(pk=person.pk).exists()


def can_view_support_reports(user) -> bool:
    """The needs and ratings reports are for coordinators, managers and admins."""
    return user.is_authenticated and (user.is_superuser or sees_institution(user))


def feedback_visible_to(
    user, queryset: QuerySet[Feedback] | None = None
) -> QuerySet[Feedback]:
    """Coordinators and managers: feedback given by the people they see, and on
    consultations routed in their institution; anyone else their own."""
    qs = Feedback.objects.all() if queryset is None else queryset

    def institution(org_ids) -> Q:
        return Q(person__in=people_visible_to(user).values("pk")) | Q(
            consultation__institution_id__in=org_ids
        )

    return scoped(user, qs, institution=institution, own=Q(person__user_id=user.pk))
