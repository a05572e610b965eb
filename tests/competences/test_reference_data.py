import pytest

from competences import reference_data as ref
from competences.models import (
    Competence,
    CompetenceFramework,
    Condition,
    Obligation,
    ServiceManagementTask,
    SupportTopic,
)

pytestmark = pytest.mark.django_db


def test_sixteen_competences_in_card_order_with_default_obligation():
    codes = list(
        Competence.objects.order_by("sort_order").values_list("code", flat=True)
    )
    assert codes == [f"K{i:02d}" for i in range(1, 17)]
    mandatory = set(
        Competence.objects.filter(obligation=Obligation.MANDATORY).values_list(
            "code", flat=True
        )
    )
    assert mandatory == {f"K{i:02d}" for i in range(1, 7)}


def test_competences_belong_to_the_card_framework():
    framework = CompetenceFramework.objects.get(code="PU2-12")
    assert framework.competences.count() == 16
    itil = Competence.objects.get(code="K06")
    assert "ITIL" in itil.name_lv
    assert itil.name_en.endswith("ITIL")


def test_thirty_two_service_management_tasks():
    codes = set(ServiceManagementTask.objects.values_list("code", flat=True))
    expected = (
        {f"PU1-{i}" for i in range(1, 6)}
        | {f"PU2-{i}" for i in range(1, 24)}
        | {f"PU3-{i}" for i in range(1, 5)}
    )
    assert codes == expected
    assert ServiceManagementTask.objects.get(code="PU2-12").level == "operations"


def test_every_condition_and_sub_item():
    sub_items = {
        "N1": 5, "N2": 2, "N3": 4, "N4": 2, "N5": 2,
        "N6": 2, "N7": 3, "N8": 2, "N9": 1, "N10": 1,
    }  # fmt: skip
    for group, count in sub_items.items():
        condition = Condition.objects.get(code=group)
        assert condition.parent is None
        assert condition.items.count() == count, group
    assert Condition.objects.count() == 10 + sum(sub_items.values())


def test_support_topics_at_institution_and_service_scale():
    assert SupportTopic.objects.filter(scale="institution").count() == 5
    assert SupportTopic.objects.filter(scale="service").count() == 7


def test_database_matches_the_reference_module():
    assert Competence.objects.count() == len(ref.COMPETENCES)
    assert ServiceManagementTask.objects.count() == len(ref.SERVICE_MANAGEMENT_TASKS)
    assert SupportTopic.objects.count() == len(ref.SUPPORT_TOPICS)


def test_competence_code_unique_within_framework():
    from django.db import IntegrityError, transaction

    framework = CompetenceFramework.objects.get(code="PU2-12")
    with pytest.raises(IntegrityError), transaction.atomic():
        Competence.objects.create(framework=framework, code="K01", name_lv="Dublikāts")
    other = CompetenceFramework.objects.create(code="OTHER", name_lv="Cits")
    Competence.objects.create(framework=other, code="K01", name_lv="Atļauts")
