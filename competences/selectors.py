from django.db.models import QuerySet

from competences.models import Competence, Condition, Obligation


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
