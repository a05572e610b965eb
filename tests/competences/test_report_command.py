"""`manage.py report`: the same cells as the selectors, in the issue's columns."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from competences.models import Competence, CompetenceFramework

pytestmark = pytest.mark.django_db

SERVICE_COLUMNS = [
    "service_code",
    "person_email",
    "provider",
    "competence_code",
    "status",
    "expires_on",
    "delegated_to",
]


def _run(tmp_path, *args):
    out = tmp_path / "out.bin"
    call_command("report", *args, "-o", str(out))
    return out.read_bytes()


def test_service_coverage_csv(coverage_world, tmp_path):
    data = _run(tmp_path, "service-coverage", "--as-of", "2026-07-01")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == SERVICE_COLUMNS
    assert rows[1:4] == [
        ["PAK-1", "anna@example.lv", "internal", "K01", "held", "2028-01-10", ""],
        ["PAK-1", "anna@example.lv", "internal", "K07", "delegated", "", "C0002"],
        ["PAK-1", "bruno@example.lv", "external", "K01", "expiring", "2026-07-10", ""],
    ]
    assert rows[-1] == [
        "PAK-2", "bruno@example.lv", "internal", "K01", "expiring", "2026-07-10", "",
    ]  # fmt: skip
    assert len(rows) == 12


def test_people_competences_csv_and_window(coverage_world, tmp_path):
    data = _run(
        tmp_path,
        "people-competences",
        "--as-of",
        "2026-07-01",
        "--expiring-days",
        "5",
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "person_email",
        "organisation_code",
        "competence_code",
        "status",
        "attained_on",
        "expires_on",
    ]
    # A five-day window ends before Bruno's K01 expires: held.
    assert ["bruno@example.lv", "A0002", "K01", "held", "2024-05-01", "2026-07-10"] in (
        rows
    )
    assert [
        "dace@example.lv",
        "P0001",
        "K01",
        "expired",
        "2023-01-01",
        "2025-01-01",
    ] in (rows)
    assert ["eriks@example.lv", "A0001", "K09", "missing", "", ""] in rows


def test_formula_cells_escaped_and_latvian_letters_kept(coverage_world, tmp_path):
    framework = CompetenceFramework.objects.create(code="Ķ-IETV", name_lv="Ietvars")
    Competence.objects.create(
        framework=framework, code="=HYPERLINK(1)", name_lv="x", obligation="mandatory"
    )
    Competence.objects.create(
        framework=framework, code="Ģērbšanās", name_lv="y", obligation="mandatory"
    )
    data = _run(tmp_path, "service-coverage", "--as-of", "2026-07-01")
    codes = {row[3] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))}
    assert {"'=HYPERLINK(1)", "Ģērbšanās"} <= codes
    assert "=HYPERLINK(1)" not in codes

    data = _run(
        tmp_path, "service-coverage", "--as-of", "2026-07-01", "--format", "xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == SERVICE_COLUMNS
    codes = {row[3] for row in values}
    assert {"'=HYPERLINK(1)", "Ģērbšanās"} <= codes


def test_unknown_report_is_refused(db):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("report", "nonexistent")


@pytest.mark.parametrize("value", ["2026-13-01", "1.7.2026", "vakar"])
def test_bad_date_is_refused(db, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("report", "service-coverage", "--as-of", value)


def test_bad_window_is_refused(db, english):
    with pytest.raises(CommandError, match="whole number"):
        call_command("report", "service-coverage", "--expiring-days", "-3")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_is_printable_with_latvian_labels(coverage_world, tmp_path):
    data = _run(
        tmp_path, "people-competences", "--as-of", "2026-07-01", "--format", "pdf"
    )
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "Personu kompetences" in text
    assert "01.07.2026" in text
    assert "Derīgums beidzies" in text  # dace's expired K01
    assert "eriks@example.lv" in text


def test_single_points_of_failure_csv(coverage_world, tmp_path):
    data = _run(tmp_path, "single-points-of-failure", "--as-of", "2026-07-01")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["service_code", "competence_code", "holder_count", "holders"],
        ["PAK-2", "K01", "1", "bruno@example.lv"],
    ]
