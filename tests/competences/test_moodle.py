import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from competences.models import Competence, CompetenceFramework
from competences.moodle import HEADERS, MoodleFrameworkImporter
from lms.imports import registry
from lms.imports.readers import read_table
from lms.imports.services import import_run
from people.permissions import CONTENT_EDITOR, COORDINATOR, LEARNER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in English; the default language is Latvian.
    with translation.override("en"):
        yield


# As Moodle's "Export competency framework" writes it: the framework's row has
# all 14 cells, the competency rows only the first 12; descriptions are HTML,
# one of them over several lines; a comma in an id number is %2C in the cross
# references, which Moodle lists on both competences.
MOODLE_CSV = r""""Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy
,DIG-2024,"Digitālās prasmes","<p>Valsts pārvaldes darbinieku digitālās prasmes.</p>",1,"Nav apgūta,Apgūta","[{""scaleid"":""2""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":2,""scaledefault"":0,""proficient"":1}]",,,,,,1,"competency,competency,competency,competency"
,D1,"Informācijas pratība","<p>Spēja atrast un izvērtēt informāciju:</p>
<ul>
<li>meklēšana;</li>
<li>izvērtēšana.</li>
</ul>",1,,,core_competency\competency_rule_all,2,null,D2,101
D1,D1.1,"Meklēšana tīmeklī","<p>Meklētājprogrammu lietošana.</p>",1,,,,0,null,D2%2CA,102
D1,D1.2,"Avotu ticamības izvērtēšana","<p>Žurnālistikas avotu pārbaude.</p>",1,,,,0,null,,103
,D2,"Saziņa un sadarbība","<p>Saziņa ar iedzīvotājiem.</p>",1,"Vāji,Labi,Teicami","[{""scaleid"":""3""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":2,""scaledefault"":0,""proficient"":1},{""id"":3,""scaledefault"":0,""proficient"":1}]",core_competency\competency_rule_points,1,"{""base"":{""points"":2},""competencies"":[{""id"":105,""points"":2,""required"":1}]}","D1,D2%2CA",104
D2,"D2,A","Saziņa e-pastā un čatā","<p>Lietišķā e-pasta etiķete.</p>",1,,,,0,null,"D1.1,D2",105
"""  # noqa: E501
CODES = ["D1", "D1.1", "D1.2", "D2", "D2,A"]


def _run(data: bytes, *, dry_run=False, file_name="x.csv", **kwargs):
    return import_run(
        importer_name="moodle-framework",
        table=read_table(data, file_name),
        dry_run=dry_run,
        **kwargs,
    )


def _csv(rows, headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _row(**cells) -> list[str]:
    """A competency row by header name (Python-friendly keys)."""
    keys = {
        "parent": "Parent id number",
        "code": "Id number",
        "name": "Shortname",
        "description": "Description",
        "format": "Description format",
        "scale": "Scale values",
        "scale_config": "Scale configuration",
        "rule_type": "Rule type (optional)",
        "outcome": "Rule outcome (optional)",
        "rule_config": "Rule config (optional)",
        "related": "Cross referenced competency id numbers",
        "exported": "Exported id (optional)",
        "is_framework": "Is framework",
        "taxonomy": "Taxonomy",
    }
    named = {keys[k]: v for k, v in cells.items()}
    return [named.get(header, "") for header in HEADERS]


def _framework_row(code="ERR", name="Pārbaudes ietvars"):
    return _row(code=code, name=name, format="1", scale="A,B", is_framework="1")


def _export_bytes(code="DIG-2024") -> bytes:
    return MoodleFrameworkImporter().export(code).export("csv").encode("utf-8")


def _snapshot(code="DIG-2024"):
    """Everything the import writes, to compare before and after."""
    framework = CompetenceFramework.objects.get(code=code)
    competences = {
        c.code: (
            c.parent.code if c.parent else None,
            c.name_lv,
            c.name_en,
            c.description,
            c.description_format,
            c.scale_values,
            c.scale_configuration,
            c.rule_type,
            c.rule_outcome,
            c.rule_config,
            c.export_id,
            c.sort_order,
            sorted(c.cross_references.values_list("code", flat=True)),
        )
        for c in framework.competences.select_related("parent")
    }
    return (
        framework.name_lv,
        framework.name_en,
        framework.description,
        framework.description_format,
        framework.scale_values,
        framework.scale_configuration,
        framework.taxonomies,
        competences,
    )


def _counts():
    return (
        CompetenceFramework.objects.count(),
        Competence.objects.count(),
        Competence.cross_references.through.objects.count(),
    )


def _errors(report):
    return {(e.row, e.column) for e in report.errors}


# Registration and permissions ------------------------------------------------------
def test_registered_for_those_who_may_change_competences():
    importer = registry.get("moodle-framework")
    assert isinstance(importer, MoodleFrameworkImporter)
    assert [c.name for c in importer.columns] == HEADERS
    assert importer.can_import(UserFactory(groups=[CONTENT_EDITOR]))
    assert importer.can_import(UserFactory(is_superuser=True))
    # Coordinators have no change permission on the framework.
    assert not importer.can_import(UserFactory(groups=[COORDINATOR]))
    assert not importer.can_import(UserFactory(groups=[LEARNER]))
    assert not importer.can_import(AnonymousUser())
    assert not importer.can_import(None)


# Import ----------------------------------------------------------------------------
def test_import_moodle_file_stores_framework_tree_and_cross_references():
    report = _run(MOODLE_CSV.encode("utf-8"))

    assert report.ok, report.errors
    assert (report.total, report.new, report.updated, report.skipped) == (6, 6, 0, 0)
    framework = CompetenceFramework.objects.get(code="DIG-2024")
    assert framework.name_lv == "Digitālās prasmes"
    assert framework.name_en == ""
    assert framework.description == (
        "<p>Valsts pārvaldes darbinieku digitālās prasmes.</p>"
    )
    assert framework.description_format == 1
    assert framework.scale_values == ["Nav apgūta", "Apgūta"]
    assert framework.scale_configuration.startswith('[{"scaleid":"2"}')
    assert framework.taxonomies == "competency,competency,competency,competency"

    competences = {c.code: c for c in framework.competences.all()}
    order = framework.competences.order_by("sort_order").values_list("code", flat=True)
    assert list(order) == CODES
    assert [competences[c].sort_order for c in CODES] == [1, 2, 3, 4, 5]
    assert competences["D1"].parent is None
    assert competences["D1.1"].parent == competences["D1"]
    assert competences["D1.2"].parent == competences["D1"]
    assert competences["D2,A"].parent == competences["D2"]

    d1 = competences["D1"]
    assert d1.name_lv == "Informācijas pratība"
    assert d1.description == (
        "<p>Spēja atrast un izvērtēt informāciju:</p>\n<ul>\n"
        "<li>meklēšana;</li>\n<li>izvērtēšana.</li>\n</ul>"
    )
    assert d1.rule_type == "core_competency\\competency_rule_all"
    assert d1.rule_outcome == 2
    assert d1.rule_config == "null"
    assert d1.export_id == "101"
    assert d1.scale_values == ""
    d2 = competences["D2"]
    assert d2.scale_values == "Vāji,Labi,Teicami"
    assert d2.rule_config.startswith('{"base":{"points":2}')
    assert competences["D1.1"].rule_outcome == 0

    def related(code):
        return set(competences[code].cross_references.values_list("code", flat=True))

    assert related("D1") == {"D2"}
    assert related("D1.1") == {"D2,A"}
    assert related("D1.2") == set()
    assert related("D2") == {"D1", "D2,A"}
    assert related("D2,A") == {"D1.1", "D2"}


def test_dry_run_reports_the_same_counts_and_writes_nothing():
    before = _counts()
    report = _run(MOODLE_CSV.encode("utf-8"), dry_run=True)
    assert report.ok, report.errors
    assert report.dry_run
    assert (report.new, report.updated, report.skipped) == (6, 0, 0)
    assert _counts() == before
    assert not CompetenceFramework.objects.filter(code="DIG-2024").exists()


def test_importing_the_same_file_again_changes_nothing():
    _run(MOODLE_CSV.encode("utf-8"))
    before = _snapshot()
    report = _run(MOODLE_CSV.encode("utf-8"))
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 6)
    assert _snapshot() == before


def test_import_updates_by_id_number_and_keeps_the_english_name():
    _run(MOODLE_CSV.encode("utf-8"))
    CompetenceFramework.objects.filter(code="DIG-2024").update(name_en="Digital skills")
    Competence.objects.filter(code="D1.2").update(name_en="Source checking")
    changed = (
        MOODLE_CSV.replace('"Avotu ticamības izvērtēšana"', '"Avotu pārbaude"')
        # D1.2 moves under D2; D2 and D2,A are no longer related.
        .replace("D1,D1.2,", "D2,D1.2,")
        .replace('"D1,D2%2CA",104', "D1,104")
        .replace('"D1.1,D2",105', "D1.1,105")
    )
    report = _run(changed.encode("utf-8"))

    assert report.ok, report.errors
    # D1.2 renamed and moved, D2 and D2,A lost a relation.
    assert (report.new, report.updated, report.skipped) == (0, 3, 3)
    framework = CompetenceFramework.objects.get(code="DIG-2024")
    assert framework.name_en == "Digital skills"
    d12 = framework.competences.get(code="D1.2")
    assert d12.name_lv == "Avotu pārbaude"
    assert d12.name_en == "Source checking"
    assert d12.parent.code == "D2"
    exported = MoodleFrameworkImporter().export("DIG-2024").dict
    assert [r["Id number"] for r in exported[1:]] == [
        "D1",
        "D1.1",
        "D2",
        "D1.2",
        "D2,A",
    ]
    d2 = framework.competences.get(code="D2")
    assert set(d2.cross_references.values_list("code", flat=True)) == {"D1"}


def test_competences_missing_from_the_file_are_kept_with_a_warning():
    _run(MOODLE_CSV.encode("utf-8"))
    framework = CompetenceFramework.objects.get(code="DIG-2024")
    Competence.objects.create(framework=framework, code="OLD", name_lv="Vecā")
    report = _run(MOODLE_CSV.encode("utf-8"))
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 6)
    assert len(report.warnings) == 1
    assert framework.competences.filter(code="OLD").exists()


def test_progress_is_reported():
    seen = []
    _run(MOODLE_CSV.encode("utf-8"), progress=seen.append)
    assert seen[-1] == 6


# Errors ----------------------------------------------------------------------------
def test_every_problem_is_reported_by_row_and_column_and_nothing_is_written():
    before = _counts()
    data = _csv(
        [
            _framework_row(),  # row 2
            _row(code="", name="Bez koda"),  # 3
            _row(code="E1", name=""),  # 4
            _row(code="E1", name="Dublikāts"),  # 5
            _row(parent="NAV", code="E2", name="Nezināms vecāks"),  # 6
            _row(code="E3", name="Saistīta", related="E2,NAV%2CX"),  # 7
            _row(parent="E9", code="E8", name="Cilpa A"),  # 8
            _row(parent="E8", code="E9", name="Cilpa B"),  # 9
            _row(code="X" * 101, name="y" * 501, exported="7" * 65),  # 10
            _row(code="E11", name="Formāts", format="HTML"),  # 11
            _row(code="E12", name="Iznākums", outcome="-1"),  # 12
            _row(code="E13", name='=HYPERLINK("http://x.lv")'),  # 13
            _row(code="E14", name="Skala", scale_config="{nav json"),  # 14
            _row(code="E15", name="Pati sev", related="E15"),  # 15
            _row(code="E16", name="Noteikums", rule_type="r" * 256),  # 16
            _row(code="E17", name="Konfigurācija", rule_config="{x"),  # 17
        ]
    )
    report = _run(data)

    assert not report.ok
    assert _errors(report) == {
        (3, "Id number"),
        (4, "Shortname"),
        (5, "Id number"),
        (6, "Parent id number"),
        (7, "Cross referenced competency id numbers"),
        (8, "Parent id number"),
        (9, "Parent id number"),
        (10, "Id number"),
        (10, "Shortname"),
        (10, "Exported id (optional)"),
        (11, "Description format"),
        (12, "Rule outcome (optional)"),
        (13, "Shortname"),
        (14, "Scale configuration"),
        (15, "Cross referenced competency id numbers"),
        (16, "Rule type (optional)"),
        (17, "Rule config (optional)"),
    }
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "row 4" in messages[(5, "Id number")]
    assert "NAV" in messages[(6, "Parent id number")]
    assert "NAV,X" in messages[(7, "Cross referenced competency id numbers")]
    assert "E8 → E9 → E8" in messages[(8, "Parent id number")]
    assert [e.row for e in report.errors] == sorted(e.row for e in report.errors)
    assert (report.new, report.updated, report.skipped) == (0, 0, 0)
    assert _counts() == before
    assert not CompetenceFramework.objects.filter(code="ERR").exists()


def test_errors_on_the_framework_row():
    data = _csv(
        [
            _row(
                parent="P",
                code="",
                name="x" * 256,
                format="2.5",
                scale_config="[",
                is_framework="1",
            ),
            _row(code="E1", name="Kompetence"),
        ]
    )
    report = _run(data)
    assert _errors(report) == {
        (2, "Parent id number"),
        (2, "Id number"),
        (2, "Shortname"),
        (2, "Description format"),
        (2, "Scale configuration"),
    }
    assert not Competence.objects.filter(code="E1").exists()


def test_a_file_without_a_framework_row_is_refused():
    before = _counts()
    report = _run(_csv([_row(code="E1", name="Kompetence")]))
    assert [(e.row, e.column) for e in report.errors] == [(0, "")]
    assert "Is framework" in report.errors[0].message
    assert _counts() == before


def test_only_one_framework_row_is_allowed():
    before = _counts()
    data = _csv(
        [
            _framework_row("A"),
            _row(code="E1", name="Kompetence"),
            _framework_row("B"),
        ]
    )
    report = _run(data)
    assert _errors(report) == {(4, "Is framework")}
    assert "row 2" in report.errors[0].message
    assert _counts() == before


def test_an_unclear_is_framework_value_is_refused():
    data = _csv([_framework_row(), _row(code="E1", name="K", is_framework="maybe")])
    report = _run(data)
    assert _errors(report) == {(3, "Is framework")}


def test_missing_required_columns_are_named():
    headers = [h for h in HEADERS if h not in ("Shortname", "Is framework")]
    report = _run(_csv([["", "E1"] + [""] * (len(headers) - 2)], headers=headers))
    assert [(e.row, e.column) for e in report.errors] == [(0, "")]
    assert "Shortname" in report.errors[0].message
    assert "Is framework" in report.errors[0].message


def test_optional_columns_left_out_keep_the_stored_values():
    _run(MOODLE_CSV.encode("utf-8"))
    before = _snapshot()
    table = read_table(MOODLE_CSV.encode("utf-8"), "x.csv")
    keep = [
        i
        for i, h in enumerate(table.headers)
        if h in ("Parent id number", "Id number", "Shortname", "Is framework")
    ]
    data = _csv(
        [[row[i] for i in keep] for row in table.rows],
        headers=[table.headers[i] for i in keep],
    )
    report = _run(data)
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 6)
    assert _snapshot() == before


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
