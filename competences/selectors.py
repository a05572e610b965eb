import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from competences.coverage import WINDOW_DAYS, CoverageFilters
from competences.coverage_shares import coverage_shares
from competences.models import Competence, CompetenceFramework, Condition, Obligation
from competences.reference_data import FRAMEWORK_CODE
from people.models import OrganisationKind


def competence_list(
    *, queryset: QuerySet[Competence] | None = None
) -> QuerySet[Competence]:
    """Competences in framework order, with their framework and parent."""
    qs = Competence.objects.all() if queryset is None else queryset
    return qs.select_related("framework", "parent")


def mandatory_competences() -> QuerySet[Competence]:
    return competence_list().filter(obligation=Obligation.MANDATORY)


def condition_list(
    *, queryset: QuerySet[Condition] | None = None
) -> QuerySet[Condition]:
    qs = Condition.objects.all() if queryset is None else queryset
    return qs.select_related("parent")


def framework_choices() -> list[tuple[str, str]]:
    """(code, "code — name") of every framework, the card's own first."""
    frameworks = sorted(
        CompetenceFramework.objects.only("code", "name_lv", "name_en"),
        key=lambda framework: (framework.code != FRAMEWORK_CODE, framework.code),
    )
    return [(f.code, f"{f.code} — {f.name}") for f in frameworks]


def framework_with_competences(
    *, code: str
) -> tuple[CompetenceFramework | None, list[Competence]]:
    """A framework and its competences in stored order (sort order, code), each
    with its parent and related competences loaded; (None, []) if unknown."""
    framework = CompetenceFramework.objects.filter(code=code).first()
    if framework is None:
        return None, []
    competences = (
        framework.competences.order_by("sort_order", "code")
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "cross_references",
                queryset=Competence.objects.only("pk", "code", "framework_id"),
            )
        )
    )
    return framework, list(competences)


def framework_competences_by_code(
    *, framework: CompetenceFramework
) -> dict[str, Competence]:
    return {c.code: c for c in framework.competences.all()}


def framework_cross_reference_links(
    *, framework: CompetenceFramework
) -> dict[tuple[int, int], int]:
    """(from id, to id) -> link id of every relation touching the framework.

    The relation is symmetrical: Django stores each as two links.
    """
    through = Competence.cross_references.through
    links = through.objects.filter(from_competence__framework=framework) | (
        through.objects.filter(to_competence__framework=framework)
    )
    return {
        (from_id, to_id): pk
        for pk, from_id, to_id in links.values_list(
            "pk", "from_competence_id", "to_competence_id"
        )
    }


def requirement_list(*, queryset: QuerySet | None = None) -> QuerySet:
    from competences.models import Requirement

    qs = Requirement.objects.all() if queryset is None else queryset
    return qs.select_related("competence__framework", "service", "resource")


def attainment_list(*, queryset: QuerySet | None = None) -> QuerySet:
    from competences.models import Attainment

    qs = Attainment.objects.all() if queryset is None else queryset
    return qs.select_related(
        "person", "competence__framework", "recorded_by", "revoked_by"
    )


def delegation_list(*, queryset: QuerySet | None = None) -> QuerySet:
    from competences.models import Delegation

    qs = Delegation.objects.all() if queryset is None else queryset
    return qs.select_related("competence", "centre", "service", "institution")


@dataclass
class HeatMapRow:
    organisation: object
    institution_id: int | None
    # One entry per column, in the columns' order; None: nobody requires it.
    cells: list


@dataclass
class HeatMap:
    """Organisations × mandatory competences, each cell an `OrganisationShare`."""

    competences: list
    rows: list[HeatMapRow] = field(default_factory=list)


def coverage_heat_map(
    *,
    organisations: QuerySet,
    people: QuerySet,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
) -> HeatMap:
    """The manager's heat map: each organisation of `organisations` with people
    (of `people`) who require a mandatory competence, × the mandatory
    competences, each cell the share of those people who hold it on `as_of`
    (held or expiring; the rules of competences/coverage.py, counted in the
    database). Three queries, whatever the size of the data."""
    competences = list(mandatory_competences().order_by("sort_order", "code"))
    shares = coverage_shares(
        as_of=as_of,
        window_days=window_days,
        filters=CoverageFilters(people=people, mandatory_only=True),
    )
    organisation_ids = {organisation_id for organisation_id, _c in shares}
    # Every organisation in scope: a unit's institution is found in it, since
    # whoever sees a unit sees the institution above it.
    scoped = {
        organisation.pk: organisation
        for organisation in organisations.only(
            "pk", "code", "name_lv", "name_en", "kind", "parent_id"
        )
    }
    heat_map = HeatMap(competences=competences)
    rows = [scoped[pk] for pk in organisation_ids if pk in scoped]
    rows.sort(
        key=lambda organisation: (str(organisation.name).lower(), organisation.code)
    )
    for organisation in rows:
        heat_map.rows.append(
            HeatMapRow(
                organisation=organisation,
                institution_id=_institution_id(organisation, scoped),
                cells=[shares.get((organisation.pk, c.pk)) for c in competences],
            )
        )
    return heat_map


def _institution_id(organisation, organisations: dict) -> int | None:
    """The first organisation at or above `organisation` that is not a unit,
    among `organisations` (None when the walk leaves them)."""
    seen = set()
    while organisation is not None and organisation.pk not in seen:
        if organisation.kind != OrganisationKind.UNIT or organisation.parent_id is None:
            return organisation.pk
        seen.add(organisation.pk)
        organisation = organisations.get(organisation.parent_id)
    return None


GAP_STATUSES = ("missing", "expired", "expiring")


@dataclass
class ProfileAttainment:
    attainment: object
    # "valid", "expiring" (within the window) or "expired" on the as-of date.
    state: str


@dataclass
class ProfileRequirement:
    cell: object  # a coverage.PersonCell
    # Published courses in the current language that develop the competence,
    # for the gaps only.
    courses: list = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return self.cell.status in GAP_STATUSES


@dataclass
class CompetenceProfile:
    as_of: datetime.date
    attainments: list[ProfileAttainment]
    requirements: list[ProfileRequirement]

    @property
    def gaps(self) -> list[ProfileRequirement]:
        return [r for r in self.requirements if r.is_gap]

    @property
    def next_expiry(self) -> datetime.date | None:
        dates = [
            a.attainment.expires_on
            for a in self.attainments
            if a.state != "expired" and a.attainment.expires_on
        ]
        return min(dates, default=None)


def competence_profile(
    *, person, as_of: datetime.date | None = None, window_days: int = WINDOW_DAYS
) -> CompetenceProfile:
    """One person's own competences on `as_of` (today by default): their
    attainments (revoked ones left out), each competence their involvements and
    roles require with its status (the rules of competences/coverage.py), and
    for each gap the published courses that develop it. Five queries."""
    from django.utils import timezone
    from wagtail.models import Locale

    from competences.coverage import coverage_by_person
    from competences.models import Attainment
    from people.models import Person

    as_of = as_of or timezone.localdate()
    window_end = as_of + datetime.timedelta(days=window_days)
    attainments = []
    for attainment in attainment_list(
        queryset=Attainment.objects.filter(
            person=person, revoked_at__isnull=True, attained_on__lte=as_of
        )
    ).order_by("competence__sort_order", "competence__code", "-attained_on", "-pk"):
        expires_on = attainment.expires_on
        if expires_on is not None and expires_on <= as_of:
            state = "expired"
        elif expires_on is not None and expires_on <= window_end:
            state = "expiring"
        else:
            state = "valid"
        attainments.append(ProfileAttainment(attainment=attainment, state=state))
    cells = coverage_by_person(
        as_of=as_of,
        window_days=window_days,
        filters=CoverageFilters(people=Person.objects.filter(pk=person.pk)),
    )
    requirements = [ProfileRequirement(cell=cell) for cell in cells]
    gap_ids = {r.cell.competence_id for r in requirements if r.is_gap}
    if gap_ids:
        # The courses come through the reverse relation, so that competences/
        # never imports courses/ (the app above it).
        course_model = Competence._meta.get_field("courses").related_model
        courses = (
            course_model.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .order_by("title")
        )
        by_id = {
            competence.pk: list(competence.courses.all())
            for competence in Competence.objects.filter(
                pk__in=gap_ids
            ).prefetch_related(Prefetch("courses", queryset=courses))
        }
        for requirement in requirements:
            if requirement.is_gap:
                requirement.courses = by_id.get(requirement.cell.competence_id, [])
    return CompetenceProfile(
        as_of=as_of, attainments=attainments, requirements=requirements
    )
