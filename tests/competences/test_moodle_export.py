import pytest

from competences.models import Competence, CompetenceFramework
from competences.moodle import HEADERS
from competences.resources import MoodleFrameworkImporter
from lms.imports import registry
from lms.imports.readers import read_table
from tests.competences.moodle_files import (
    MOODLE_CSV,
    _csv,
    _export_bytes,
    _framework_row,
    _row,
    _run,
    _snapshot,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# Export ----------------------------------------------------------------------------
def test_export_of_an_imported_moodle_file_reproduces_its_rows():
    _run(MOODLE_CSV.encode("utf-8"))
    exported = read_table(_export_bytes(), "x.csv")
    original = read_table(MOODLE_CSV.encode("utf-8"), "x.csv")
    assert exported.headers == HEADERS == original.headers
    assert exported.rows == original.rows
    assert exported.rows[0][12] == "1"
    assert exported.rows[4][10] == "D1,D2%2CA"


def test_own_export_imports_back_unchanged():
    _run(MOODLE_CSV.encode("utf-8"))
    before = _snapshot()
    report = _run(_export_bytes())
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 6)
    assert _snapshot() == before


def test_export_through_xlsx_imports_back_unchanged():
    _run(MOODLE_CSV.encode("utf-8"))
    before = _snapshot()
    data = MoodleFrameworkImporter().export("DIG-2024").export("xlsx")
    report = _run(data, file_name="x.xlsx")
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 6)
    assert _snapshot() == before


def test_export_puts_parents_before_children_and_siblings_in_order():
    framework = CompetenceFramework.objects.create(code="T", name_lv="Koks")

    def add(code, order, parent=None):
        return Competence.objects.create(
            framework=framework,
            code=code,
            name_lv=f"Kompetence {code}",
            parent=parent,
            sort_order=order,
        )

    b = add("B", 1)
    a = add("A", 2)
    add("B2", 9, b)
    add("B1", 3, b)
    add("A1", 0, a)
    rows = MoodleFrameworkImporter().export("T").dict
    assert [r["Id number"] for r in rows] == ["T", "B", "B1", "B2", "A", "A1"]
    assert [r["Parent id number"] for r in rows] == ["", "", "B", "B", "", "A"]
    assert [r["Is framework"] for r in rows] == ["1", "", "", "", "", ""]
    assert [r["Exported id (optional)"] for r in rows] == [""] * 6
    # Orders that are not 1, 2, … (here from the admin) survive a round trip.
    before = _snapshot("T")
    report = _run(_export_bytes("T"))
    assert (report.new, report.updated, report.skipped) == (0, 0, 6)
    assert _snapshot("T") == before


def test_a_file_not_in_tree_order_is_numbered_depth_first():
    data = _csv(
        [
            _framework_row("T"),
            _row(code="A", name="A"),
            _row(code="B", name="B"),
            _row(parent="B", code="B1", name="B1"),
            _row(parent="A", code="A1", name="A1"),
        ]
    )
    assert _run(data).ok
    framework = CompetenceFramework.objects.get(code="T")
    order = framework.competences.order_by("sort_order").values_list("code", flat=True)
    assert list(order) == ["A", "A1", "B", "B1"]
    report = _run(_export_bytes("T"))
    assert (report.new, report.updated, report.skipped) == (0, 0, 5)


def test_a_new_competence_in_the_middle_renumbers_those_after_it():
    _run(MOODLE_CSV.encode("utf-8"))
    added = MOODLE_CSV.replace(
        "D1,D1.2,", 'D1,D1.15,"Jauna kompetence",,1,,,,0,null,,\nD1,D1.2,'
    )
    report = _run(added.encode("utf-8"))
    assert report.ok, report.errors
    # D1.2, D2 and D2,A move one place down.
    assert (report.new, report.updated, report.skipped) == (1, 3, 3)
    framework = CompetenceFramework.objects.get(code="DIG-2024")
    order = framework.competences.order_by("sort_order").values_list("code", flat=True)
    assert list(order) == ["D1", "D1.1", "D1.15", "D1.2", "D2", "D2,A"]


def test_formula_like_text_is_escaped_on_export_and_read_back():
    framework = CompetenceFramework.objects.create(code="F", name_lv="Formulas")
    Competence.objects.create(
        framework=framework, code="F1", name_lv="=1+1", description="-mīnuss"
    )
    rows = MoodleFrameworkImporter().export("F").dict
    assert rows[1]["Shortname"] == "'=1+1"
    assert rows[1]["Description"] == "'-mīnuss"
    before = _snapshot("F")
    report = _run(_export_bytes("F"))
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 2)
    assert _snapshot("F") == before


def test_seeded_framework_exports_and_imports_back_unchanged():
    importer = registry.get("moodle-framework")
    dataset = importer.export()
    assert dataset.headers == HEADERS
    assert len(dataset) == 17
    framework_row = dataset.dict[0]
    assert framework_row["Id number"] == "PU2-12"
    assert framework_row["Scale values"] == "Nav apgūta,Apgūta"
    assert framework_row["Is framework"] == "1"
    assert [r["Id number"] for r in dataset.dict[1:]] == [
        f"K{i:02d}" for i in range(1, 17)
    ]
    before = _snapshot("PU2-12")
    report = _run(dataset.export("csv").encode("utf-8"))
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 17)
    assert _snapshot("PU2-12") == before


def test_export_of_an_unknown_framework_has_only_the_headers():
    dataset = MoodleFrameworkImporter().export("NAV")
    assert dataset.headers == HEADERS
    assert len(dataset) == 0
