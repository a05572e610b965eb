import datetime
import io
import struct
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from lms.imports.readers import FileRejected, read_table

HEADER = "email;first_name;last_name\n"


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in English; Latvian ones are tested in the views.
    with translation.override("en"):
        yield


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_utf8_with_and_without_bom_keep_diacritics():
    text = HEADER + "anna@example.lv;Anna;Bērziņa\n"
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode()):
        table = read_table(data, "people.csv")
        assert table.headers == ["email", "first_name", "last_name"]
        assert table.rows == [["anna@example.lv", "Anna", "Bērziņa"]]
        assert table.encoding == "utf-8"


def test_windows_1257_is_decoded():
    data = (HEADER + "anna@example.lv;Anna;Bērziņa\n").encode("cp1257")
    table = read_table(data, "people.csv")
    assert table.encoding == "windows-1257"
    assert table.rows[0][2] == "Bērziņa"


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_delimiter_is_detected(delimiter):
    data = f"code{delimiter}name_lv\n90000000001{delimiter}Aģentūra, filiāle\n"
    if delimiter == ",":
        data = 'code,name_lv\n90000000001,"Aģentūra, filiāle"\n'
    table = read_table(data.encode(), "x.csv")
    assert table.delimiter == delimiter
    assert table.rows == [["90000000001", "Aģentūra, filiāle"]]


def test_cells_are_trimmed_blank_lines_skipped_and_rows_numbered():
    data = b"code;name_lv\n  A1  ; Nosaukums \n\n;\nA2;Otrs\n"
    table = read_table(data, "x.csv")
    assert table.rows == [["A1", "Nosaukums"], ["A2", "Otrs"]]
    assert table.row_numbers == [2, 5]


def test_multiline_quoted_cells_survive():
    data = b'code,description\nK1,"<p>Viens</p>\n<p>Divi</p>"\nK2,x\n'
    table = read_table(data, "x.csv")
    assert table.rows[0][1] == "<p>Viens</p>\n<p>Divi</p>"
    # A multi-line cell is still one spreadsheet row.
    assert table.row_numbers == [2, 3]


def test_short_rows_are_padded_long_rows_flagged():
    table = read_table(b"a;b;c\n1;2\n1;2;3;4\n", "x.csv")
    assert table.rows[0] == ["1", "2", ""]
    assert table.overlong_rows == {3: 4}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("email\nx".encode("utf-16"), "UTF-16"),
        (b"email;name\nanna@example.lv;An\x00na\n", "NUL"),
        (b"email;name\n\x81\x83\x88\x8a;x\n", "encoding"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, message):
    with pytest.raises(FileRejected) as error:
        read_table(data, "people.csv")
    assert message in str(error.value)


def test_text_renamed_to_xlsx_is_refused():
    with pytest.raises(FileRejected) as error:
        read_table(b"this is not a workbook", "people.xlsx")
    assert "not" in str(error.value)


def test_zip_that_is_not_a_workbook_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(FileRejected):
        read_table(output.getvalue(), "people.xlsx")


def test_zip_bomb_is_refused_by_declared_size_before_reading(monkeypatch):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(output.getvalue())
    # Declare ~4 GB uncompressed in the central directory, as a bomb would.
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 4_000_000_000)

    def must_not_open(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("openpyxl.load_workbook", must_not_open)
    with pytest.raises(FileRejected) as error:
        read_table(bytes(data), "bomb.xlsx")
    assert "MB" in str(error.value)


def test_xlsx_values_dates_and_numeric_codes():
    data = xlsx(
        [
            ["code", "start_date", "name"],
            [90000000001, datetime.datetime(2026, 3, 1), "  Aģentūra "],
            [None, None, None],
            ["A2", datetime.date(2026, 4, 2), "=SUM(1,2)"],
        ]
    )
    table = read_table(data, "x.xlsx")
    assert table.file_format == "xlsx"
    assert table.rows[0] == ["90000000001", datetime.date(2026, 3, 1), "Aģentūra"]
    # Formulas arrive as their text so that importers can refuse them.
    assert table.rows[1][2] == "=SUM(1,2)"
    assert table.row_numbers == [2, 4]
