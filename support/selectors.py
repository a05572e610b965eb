"""Reads for the support app: who a material asks, what awaits a person, who
has not acknowledged. Each computes its answer in the database."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale

from catalogue.models import Involvement, RoleAssignment
from courses.models import MaterialAudience, MaterialPage, MaterialVersion
from courses.selectors import learner_completions
from lms.page_cache import default_locale_id
from people.models import Person
from support.models import (
    Acknowledgement,
    Consultation,
    ConsultationAttachment,
    Feedback,
    SupportNeed,
)


def _active(as_of: datetime.date) -> Q:
    return Q(start_date__lte=as_of) & (
        Q(end_date__isnull=True) | Q(end_date__gte=as_of)
    )


def material_source(material: MaterialPage) -> MaterialPage:
    """The material's page in the default language (Latvian).

    Its translations are the same material: versions are acknowledged, and
    audiences read, on this page. A material with no Latvian page is its own.
    """
    default = Locale.get_default()
    if material.locale_id == default.pk:
        return material
    source = MaterialPage.objects.filter(
        translation_key=material.translation_key, locale=default
    ).first()
    return source or material


def material_current_version(material: MaterialPage) -> MaterialVersion | None:
    return MaterialVersion.objects.filter(
        page=material, superseded_at__isnull=True
    ).first()


@dataclass(frozen=True)
class AudienceExtension:
    """More people a material asks, registered by an app above support/.

    `people(source)` gives the ids (one `values()` column) of the people it
    adds to a material's audience; `materials(person)` the ids of the
    materials that add the person: the same rule from either side, so that
    `material_audience` and `materials_asking` keep agreeing.
    """

    people: Callable[[MaterialPage], QuerySet]
    materials: Callable[[Person], QuerySet]


# curricula/ registers one: the members of an assignment whose curriculum
# lists the material are asked to acknowledge it.
_audience_extensions: list[AudienceExtension] = []


def material_audience_register(*, people: Callable, materials: Callable) -> None:
    """Add people a material asks beyond its own audience (idempotent)."""
    extension = AudienceExtension(people=people, materials=materials)
    if extension not in _audience_extensions:
        _audience_extensions.append(extension)


def material_audience(
    material: MaterialPage, *, as_of: datetime.date | None = None
) -> QuerySet[Person]:
    """The people a material asks to acknowledge it, as one query.

    Everyone, or (audience "listed") the people with an involvement active on
    `as_of` (today) in one of its services or resources, internal and external
    alike, and the holders of its audience roles at any scope; and, either
    way, those a registered extension adds (curricula: the people assigned a
    curriculum that lists it).
    """
    source = material_source(material)
    if source.audience == MaterialAudience.EVERYONE:
        return Person.objects.all()
    as_of = as_of or timezone.localdate()
    involved = (
        Involvement.objects.filter(_active(as_of))
        .filter(Q(service__materials=source) | Q(resource__materials=source))
        .values("person_id")
    )
    holders = RoleAssignment.objects.filter(role__in=source.audience_roles).values(
        "person_id"
    )
    asked = Q(pk__in=involved) | Q(pk__in=holders)
    for extension in _audience_extensions:
        asked |= Q(pk__in=extension.people(source))
    return Person.objects.filter(asked)


def materials_asking(
    *, person: Person, as_of: datetime.date | None = None
) -> QuerySet[MaterialPage]:
    """Live materials that require acknowledgement and whose audience has `person`.

    The same rule as `material_audience`, read from the person's side (a test
    checks that the two agree).
    """
    as_of = as_of or timezone.localdate()
    involvements = Involvement.objects.filter(_active(as_of), person=person)
    listed = Q(services__involvements__in=involvements) | Q(
        resources__involvements__in=involvements
    )
    for role in (
        RoleAssignment.objects.filter(person=person)
        .values_list("role", flat=True)
        .distinct()
    ):
        # audience_roles is a JSON list of role codes; the quotes make the
        # match exact ("service_manager" is not in "service_portfolio_manager").
        listed |= Q(audience_roles__icontains=f'"{role}"')
    asked = Q(audience=MaterialAudience.EVERYONE) | Q(
        pk__in=MaterialPage.objects.filter(
            listed, audience=MaterialAudience.LISTED
        ).values("pk")
    )
    for extension in _audience_extensions:
        asked |= Q(pk__in=extension.materials(person))
    asking = MaterialPage.objects.filter(asked)
    return asking.live().filter(
        locale_id=default_locale_id(), requires_acknowledgement=True
    )


def acknowledgements_pending(
    *, person: Person, as_of: datetime.date | None = None
) -> QuerySet[MaterialVersion]:
    """Current versions `person` is asked to acknowledge and has not, oldest first."""
    done = Acknowledgement.objects.filter(person=person, version=OuterRef("pk"))
    return (
        MaterialVersion.objects.filter(
            page__in=materials_asking(person=person, as_of=as_of),
            superseded_at__isnull=True,
        )
        .exclude(Exists(done))
        .select_related("page")
        .order_by("effective_date", "title")
    )


def acknowledgement_state(*, person: Person | None, material: MaterialPage) -> dict:
    """For a material's page: its current version, whether `person` is asked to
    acknowledge it, and their acknowledgement of it if any (three queries)."""
    source = material_source(material)
    version = material_current_version(source)
    state = {"source": source, "version": version, "asked": False, "done": None}
    if person is None or version is None or not source.requires_acknowledgement:
        return state
    state["asked"] = material_audience(source).filter(pk=person.pk).exists()
    state["done"] = Acknowledgement.objects.filter(
        person=person, version=version
    ).first()
    return state


def acknowledgement_materials() -> QuerySet[MaterialPage]:
    """Live Latvian materials requiring acknowledgement, with their current version."""
    return (
        MaterialPage.objects.live()
        .filter(locale=Locale.get_default(), requires_acknowledgement=True)
        .order_by("title")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=MaterialVersion.objects.filter(superseded_at__isnull=True),
                to_attr="current_versions",
            )
        )
    )


def acknowledgements_missing(
    *, material: MaterialPage, version: MaterialVersion, people: QuerySet[Person]
) -> QuerySet[Person]:
    """Of `people` (the viewer's scope), those in the material's audience who
    have not acknowledged `version`, with their organisation; one query."""
    done = Acknowledgement.objects.filter(person=OuterRef("pk"), version=version)
    return (
        people.filter(pk__in=material_audience(material).values("pk"))
        .exclude(Exists(done))
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


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


def completions_to_rate(*, person, limit: int = 5) -> list:
    """The person's completed courses they have not rated yet, latest first:
    (course page in the reader's language, completion) pairs, as the completed
    courses' panel lists them (the completed page when untranslated)."""
    rated = set(
        Feedback.objects.filter(person=person, course__isnull=False).values_list(
            "course_id", flat=True
        )
    )
    return [
        (course, completion)
        for course, completion in learner_completions(person=person)
        if completion.course_id not in rated
    ][:limit]


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
    """Average rating and count per course, per material and per manager (of
    the consultations answered), in three grouped queries."""
    courses = (
        feedback.filter(course__isnull=False)
        .order_by()
        .values("course_id", "course__title")
        .annotate(count=Count("pk"), average=Avg("rating"))
        .order_by("course__title")
    )
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
            "kind": "course",
            "name": row["course__title"],
            "count": row["count"],
            "average": round(row["average"], 2),
        }
        for row in courses
    ]
    rows += [
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
