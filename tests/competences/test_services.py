import pytest

from competences.models import Competence, CompetenceFramework
from competences.moodle import MoodleRow
from competences.services import framework_import

pytestmark = pytest.mark.django_db


def _framework(code="VAL-1", **values):
    return MoodleRow(2, code, {"name_lv": "Valodu prasmes", **values})


def _competence(number, code, parent="", related=None, **values):
    return MoodleRow(
        number, code, {"name_lv": f"Prasme {code}", **values}, parent, related
    )


def test_creates_the_framework_and_its_tree_in_tree_order():
    counts = framework_import(
        framework=_framework(scale_values=["Vāji", "Labi"]),
        competences=[
            _competence(3, "L1", related=["L2"]),
            _competence(4, "L2", related=[]),
            _competence(5, "L1.1", parent="L1", related=[]),
        ],
    )
    assert (counts.new, counts.updated, counts.unchanged, counts.left_out) == (
        4,
        0,
        0,
        0,
    )
    framework = CompetenceFramework.objects.get(code="VAL-1")
    assert framework.scale_values == ["Vāji", "Labi"]
    order = framework.competences.order_by("sort_order").values_list("code", flat=True)
    # Parents before children: L1.1 follows its parent, not the file.
    assert list(order) == ["L1", "L1.1", "L2"]
    l1 = framework.competences.get(code="L1")
    assert framework.competences.get(code="L1.1").parent == l1
    assert set(l1.cross_references.values_list("code", flat=True)) == {"L2"}
    # The relation is symmetrical.
    l2 = framework.competences.get(code="L2")
    assert set(l2.cross_references.values_list("code", flat=True)) == {"L1"}


def test_only_given_values_are_written_and_the_rest_is_counted_left_out():
    framework_import(
        framework=_framework(),
        competences=[
            _competence(3, "L1", rule_type="core_competency\\competency_rule_all"),
            _competence(4, "L2"),
        ],
    )
    Competence.objects.filter(code="L1").update(name_en="Languages")
    counts = framework_import(
        framework=_framework(), competences=[_competence(3, "L1")]
    )
    assert (counts.new, counts.updated, counts.unchanged, counts.left_out) == (
        0,
        0,
        2,
        1,
    )
    l1 = Competence.objects.get(code="L1")
    assert l1.name_en == "Languages"
    assert l1.rule_type == "core_competency\\competency_rule_all"
    assert Competence.objects.filter(code="L2").exists()


def test_related_competences_are_left_alone_without_the_column():
    framework_import(
        framework=_framework(),
        competences=[
            _competence(3, "L1", related=["L2"]),
            _competence(4, "L2", related=[]),
        ],
    )
    counts = framework_import(
        framework=_framework(),
        competences=[_competence(3, "L1"), _competence(4, "L2")],
    )
    assert counts.updated == 0
    l1 = Competence.objects.get(code="L1")
    assert list(l1.cross_references.values_list("code", flat=True)) == ["L2"]
