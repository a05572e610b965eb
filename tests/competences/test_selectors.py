import pytest

from competences.models import Competence, CompetenceFramework
from competences.reference_data import FRAMEWORK_CODE
from competences.selectors import (
    framework_choices,
    framework_cross_reference_links,
    framework_with_competences,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    framework = CompetenceFramework.objects.create(code="A-1", name_lv="Ābeces ietvars")
    parent = Competence.objects.create(framework=framework, code="A", name_lv="Ā")
    for index in range(5):
        child = Competence.objects.create(
            framework=framework,
            code=f"A{index}",
            name_lv=f"Ā{index}",
            parent=parent,
            sort_order=index,
        )
        child.cross_references.add(parent)
    return framework


def test_choices_list_every_framework_with_the_cards_own_first(framework):
    CompetenceFramework.objects.create(code="0-FIRST", name_lv="Nulle")
    codes = [code for code, _label in framework_choices()]
    assert codes == [FRAMEWORK_CODE, "0-FIRST", "A-1"]
    assert dict(framework_choices())["A-1"] == "A-1 — Ābeces ietvars"


def test_framework_with_competences_loads_everything_in_three_queries(
    framework, django_assert_num_queries
):
    with django_assert_num_queries(3):
        stored, competences = framework_with_competences(code="A-1")
        for competence in competences:
            _ = competence.parent and competence.parent.code
            _ = [c.code for c in competence.cross_references.all()]
    assert stored == framework
    assert [c.code for c in competences] == ["A", "A0", "A1", "A2", "A3", "A4"]


def test_unknown_framework_gives_nothing():
    assert framework_with_competences(code="NAV") == (None, [])


def test_cross_reference_links_are_both_directions(framework):
    links = framework_cross_reference_links(framework=framework)
    a = Competence.objects.get(code="A").pk
    a0 = Competence.objects.get(code="A0").pk
    assert (a, a0) in links and (a0, a) in links
    assert len(links) == 10
