"""Reads for the support app: who a material asks, what awaits a person, who
has not acknowledged. Each computes its answer in the database."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale

from catalogue.models import Involvement, RoleAssignment
from courses.models import MaterialAudience, MaterialPage, MaterialVersion
from people.models import Person
from support.models import Acknowledgement


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


def material_audience(
    material: MaterialPage, *, as_of: datetime.date | None = None
) -> QuerySet[Person]:
    """The people a material asks to acknowledge it, as one query.

    Everyone, or (audience "listed") the people with an involvement active on
    `as_of` (today) in one of its services or resources, internal and external
    alike, and the holders of its audience roles at any scope.
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
    return Person.objects.filter(Q(pk__in=involved) | Q(pk__in=holders))


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
    asking = MaterialPage.objects.filter(
        Q(audience=MaterialAudience.EVERYONE)
        | Q(
            pk__in=MaterialPage.objects.filter(
                listed, audience=MaterialAudience.LISTED
            ).values("pk")
        )
    )
    return asking.live().filter(
        locale=Locale.get_default(), requires_acknowledgement=True
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
