"""Reads for the support app (acknowledgements, consultations, needs)."""

import datetime

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone

from support.models import Consultation, ConsultationAttachment, Feedback, SupportNeed

# Consultations ---------------------------------------------------------------------


def consultation_list(
    *, queryset: QuerySet[Consultation] | None = None
) -> QuerySet[Consultation]:
    """Consultations with what a listing shows, oldest question first."""
    qs = Consultation.objects.all() if queryset is None else queryset
    return qs.select_related(
        "asker", "topic", "service", "resource", "routed_to", "institution"
    ).order_by("asked_at", "pk")


def consultation_detail(
    *, queryset: QuerySet[Consultation] | None = None
) -> QuerySet[Consultation]:
    """As consultation_list, with the attachments and the asker's feedback."""
    return consultation_list(queryset=queryset).prefetch_related(
        Prefetch("attachments", queryset=ConsultationAttachment.objects.order_by("pk")),
        "feedback",
    )


def consultations_open(*, queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """The unanswered ones of an already-scoped queryset, oldest first."""
    return consultation_list(queryset=queryset.filter(answered_at__isnull=True))


# Needs -----------------------------------------------------------------------------


def month_starts(*, months: int, today: datetime.date | None = None) -> list:
    """The first days of the last `months` months, oldest first, and the next."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    starts = []
    for _i in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    starts.reverse()
    following = starts[-1]
    following = (
        datetime.date(following.year + 1, 1, 1)
        if following.month == 12
        else datetime.date(following.year, following.month + 1, 1)
    )
    return [*starts, following]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def need_summary(
    *, needs: QuerySet[SupportNeed], months: int = 6, today=None
) -> list[dict]:
    """Needs grouped by topic, service or resource and form, with the count in
    each of the last `months` months and in all, computed in one query.

    `trend` compares the later half of the months with the earlier half: the
    coordinators plan from what is growing.
    """
    bounds = month_starts(months=months, today=today)
    per_month = {
        f"m{i}": Count(
            "pk",
            filter=Q(
                recorded_at__gte=_aware(bounds[i]),
                recorded_at__lt=_aware(bounds[i + 1]),
            ),
        )
        for i in range(months)
    }
    rows = (
        needs.order_by()
        .values(
            "topic__code",
            "topic__name_lv",
            "topic__name_en",
            "topic__sort_order",
            "service__code",
            "resource__code",
            "form",
        )
        .annotate(total=Count("pk"), **per_month)
        .order_by("-total", "topic__sort_order", "service__code", "form")
    )
    half = months // 2
    result = []
    for row in rows:
        counts = [row.pop(f"m{i}") for i in range(months)]
        earlier, later = sum(counts[:half]), sum(counts[half:])
        row["months"] = counts
        row["trend"] = (later > earlier) - (later < earlier)
        result.append(row)
    return result


def need_list(*, queryset: QuerySet[SupportNeed]) -> QuerySet[SupportNeed]:
    return queryset.select_related("person", "topic", "service", "resource").order_by(
        "-recorded_at", "-pk"
    )


# Feedback --------------------------------------------------------------------------


def feedback_on_material(*, user, material) -> Feedback | None:
    """The user's own feedback on a material (any translation of it), if any."""
    if not user.is_authenticated:
        return None
    return (
        Feedback.objects.filter(
            person__user_id=user.pk,
            material__translation_key=material.translation_key,
        )
        .order_by("pk")
        .first()
    )


def rating_summary(*, feedback: QuerySet[Feedback]) -> list[dict]:
    """Average rating and count per material and per manager (of the
    consultations answered), in two grouped queries."""
    materials = (
        feedback.filter(material__isnull=False)
        .order_by()
        .values("material_id", "material__title")
        .annotate(count=Count("pk"), average=Avg("rating"))
        .order_by("material__title")
    )
    managers = (
        feedback.filter(consultation__isnull=False)
        .order_by()
        .values(
            "consultation__routed_to_id",
            "consultation__routed_to__first_name",
            "consultation__routed_to__last_name",
        )
        .annotate(count=Count("pk"), average=Avg("rating"))
        .order_by("consultation__routed_to__last_name")
    )
    rows = [
        {
            "kind": "material",
            "name": row["material__title"],
            "count": row["count"],
            "average": round(row["average"], 2),
        }
        for row in materials
    ]
    rows += [
        {
            "kind": "manager",
            "name": " ".join(
                [
                    row["consultation__routed_to__first_name"],
                    row["consultation__routed_to__last_name"],
                ]
            ),
            "count": row["count"],
            "average": round(row["average"], 2),
        }
        for row in managers
    ]
    return rows
