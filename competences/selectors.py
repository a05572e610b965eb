from django.db.models import Prefetch, QuerySet

from competences.models import Competence, CompetenceFramework, Condition, Obligation
from competences.reference_data import FRAMEWORK_CODE


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
