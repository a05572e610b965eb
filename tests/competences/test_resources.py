import pytest
from django.utils import translation

from competences.models import Competence
from lms.imports import registry
from lms.imports.readers import read_table
from lms.imports.services import import_run
from lms.spreadsheets import dataset_bytes

pytestmark = pytest.mark.django_db


def run(text):
    with translation.override("en"):
        return import_run(
            importer_name="competences",
            table=read_table(text.encode(), "competences.csv"),
            dry_run=False,
        )


def test_new_competence_is_added_to_the_card_framework_at_the_end():
    report = run(
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K17;Datu analīzes kompetences;Data analysis;deleģējama;36;\n"
    )
    assert report.ok and report.new == 1, report.errors
    k17 = Competence.objects.get(code="K17")
    assert k17.framework.code == "PU2-12"
    assert k17.obligation == "delegable"
    assert k17.validity_months == 36
    assert k17.sort_order > Competence.objects.get(code="K16").sort_order


def test_obligation_of_an_existing_competence_can_be_changed():
    report = run(
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K07;Attīstības plānošanas dokumentu izveides kompetences;"
        "Drafting development-planning documents;mandatory;;\n"
    )
    assert report.ok and report.updated == 1, report.errors
    assert Competence.objects.get(code="K07").obligation == "mandatory"


def test_bad_values_are_reported():
    report = run(
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K18;Nosaukums;;sometimes;-3;\n"
    )
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "obligation"),
        (2, "validity_months"),
    }
    assert not Competence.objects.filter(code="K18").exists()


def test_export_of_the_card_framework_imports_back_unchanged():
    data = dataset_bytes(registry.get("competences").export(), "csv")
    report = import_run(
        importer_name="competences", table=read_table(data, "x.csv"), dry_run=False
    )
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 16)
