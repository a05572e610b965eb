import pytest
from django.contrib.auth.models import AnonymousUser

from competences.models import Competence, CompetenceFramework
from competences.moodle import HEADERS, MoodleRow, parse
from competences.resources import MoodleFrameworkImporter
from lms.imports import registry
from lms.imports.readers import read_table
from people.permissions import CONTENT_EDITOR, COORDINATOR, LEARNER
from tests.competences.moodle_files import (
    CODES,
    MOODLE_CSV,
    _counts,
    _csv,
    _errors,
    _framework_row,
    _row,
    _run,
    _snapshot,
)
from tests.factories import UserFactory

# Messages are asserted in English; the default language is Latvian.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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


def test_written_competences_are_sent_to_the_search_index(monkeypatch):
    indexed = []
    monkeypatch.setattr(
        "competences.resources.search_index_refresh",
        lambda model, ids: indexed.append((model, sorted(ids))),
    )
    _run(MOODLE_CSV.encode("utf-8"), dry_run=True)
    assert indexed == []
    _run(MOODLE_CSV.encode("utf-8"))
    ids = sorted(Competence.objects.filter(code__in=CODES).values_list("pk", flat=True))
    assert indexed == [(Competence, ids)]
    _run(MOODLE_CSV.replace("Meklēšana tīmeklī", "Meklēšana").encode("utf-8"))
    d11 = Competence.objects.get(code="D1.1")
    assert indexed[1:] == [(Competence, [d11.pk])]


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


# The parser on its own -------------------------------------------------------------
def test_parse_gives_plain_rows_without_touching_the_database(
    django_assert_num_queries,
):
    table = read_table(MOODLE_CSV.encode("utf-8"), "x.csv")
    with django_assert_num_queries(0):
        parsed = parse(table)
    assert parsed.errors == []
    assert isinstance(parsed.framework, MoodleRow)
    assert parsed.framework.code == "DIG-2024"
    assert parsed.framework.values["scale_values"] == ["Nav apgūta", "Apgūta"]
    assert "rule_type" not in parsed.framework.values
    by_code = {row.code: row for row in parsed.competences}
    assert list(by_code) == CODES
    assert by_code["D1.1"].parent == "D1"
    assert by_code["D1.1"].related == ["D2,A"]
    assert by_code["D2"].values["scale_values"] == "Vāji,Labi,Teicami"
    assert by_code["D1"].values["rule_outcome"] == 2
    assert "taxonomies" not in by_code["D1"].values


def test_parse_reports_every_loop_from_its_first_row():
    table = read_table(
        _csv(
            [
                _framework_row(),
                _row(parent="C", code="A", name="A"),  # 3
                _row(parent="A", code="B", name="B"),  # 4
                _row(parent="B", code="C", name="C"),  # 5
                _row(parent="E", code="D", name="D"),  # 6
                _row(parent="D", code="E", name="E"),  # 7
                _row(parent="A", code="F", name="F"),  # 8: below a loop, not on it
            ]
        ),
        "x.csv",
    )
    messages = {(e.row, e.message) for e in parse(table).errors}
    assert {row for row, _message in messages} == {3, 4, 5, 6, 7}
    assert any("A → C → B → A" in m for row, m in messages if row == 3)
    assert any("D → E → D" in m for row, m in messages if row == 6)
