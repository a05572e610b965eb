"""Turn an uploaded file into rows: XLSX, or CSV in UTF-8 (with or without BOM)
or Windows-1257, comma- or semicolon-separated, as Latvian offices produce them.

Everything a user can get wrong about the *file* raises FileRejected with a
message in the active language; problems with individual cells are left to
the importers.
"""

import csv
import datetime
import gc
import io
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class FileRejected(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    # The spreadsheet row number of each data row (the header is row 1).
    row_numbers: list[int] = field(default_factory=list)
    # Rows that had more cells than there are headers: row number -> count.
    overlong_rows: dict[int, int] = field(default_factory=dict)
    file_format: str = "csv"
    encoding: str = ""
    delimiter: str = ""


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a file is imported.

    A large file allocates several objects per row that all stay alive until the
    end; the collector keeps rescanning them, which measured at over a third
    of the time of a 10,000-row import. Nothing here makes reference cycles
    that need collecting before the import ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_FILE_BYTES", 20 * 1024 * 1024)


def _max_uncompressed() -> int:
    return getattr(settings, "IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)


def read_table(data: bytes, file_name: str = "") -> Table:
    """Read an uploaded spreadsheet into headers and trimmed cell values."""
    if not data or not data.strip():
        raise FileRejected(_("The file is empty."))
    if len(data) > _max_bytes():
        raise FileRejected(
            _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
            % {
                "size": len(data) // (1024 * 1024),
                "limit": _max_bytes() // (1024 * 1024),
            }
        )
    if data.startswith(XLSX_MAGIC):
        with gc_paused():
            return _read_xlsx(data)
    if file_name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise FileRejected(
            _(
                "The file is named like an Excel workbook but is not one. "
                "Save it again as .xlsx or as CSV."
            )
        )
    with gc_paused():
        return _read_csv(data)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(UTF16_BOMS):
        raise FileRejected(
            _("The file is in UTF-16. Save it as CSV UTF-8 or as .xlsx and try again.")
        )
    if b"\x00" in data:
        raise FileRejected(
            _(
                "The file contains NUL bytes, so it is not a text CSV file. "
                "Save it as CSV UTF-8 or as .xlsx."
            )
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1257"), "windows-1257"
    except UnicodeDecodeError:
        raise FileRejected(
            _(
                "The file's character encoding is not UTF-8 or Windows-1257. "
                "Save it as CSV UTF-8 and try again."
            )
        ) from None


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return ";" if first.count(";") > first.count(",") else ","


def _clean(value):
    if isinstance(value, str):
        return value.strip()
    return value


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = None
    try:
        # Row numbers count records, as a spreadsheet program shows them; a
        # multi-line quoted cell is still one row.
        for row_number, cells in enumerate(reader, start=1):
            if table is None:
                table = Table(
                    headers=[c.strip() for c in cells],
                    encoding=encoding,
                    delimiter=delimiter,
                )
                continue
            # csv yields only strings; strip inline (a call per cell shows up
            # in profiles of large files).
            _append(table, [c.strip() for c in cells], row_number)
    except csv.Error as error:
        raise FileRejected(
            _("The CSV file is malformed near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if table is None or not any(table.headers):
        raise FileRejected(_("The file has no header row."))
    return table


def _append(table: Table, cells: list, row_number: int) -> None:
    # Cells are trimmed strings, dates or numbers-as-text: only "" is falsy.
    if not any(cells):
        return  # blank lines are not rows
    width = len(table.headers)
    if len(cells) > width and any(cells[width:]):
        table.overlong_rows[row_number] = len(cells)
    cells = (list(cells) + [""] * width)[:width]
    table.rows.append(cells)
    table.row_numbers.append(row_number)


def _xlsx_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, float) and value.is_integer():
        # Register codes typed into Excel arrive as floats.
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return _clean(value)


def _read_xlsx(data: bytes) -> Table:
    # Refuse a decompression bomb by its declared sizes before reading it.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise FileRejected(_("The file is not a valid .xlsx workbook.")) from None
    if declared > _max_uncompressed():
        raise FileRejected(
            _(
                "The workbook would unpack to %(size)d MB, more than the "
                "%(limit)d MB allowed. It was not opened."
            )
            % {
                "size": declared // (1024 * 1024),
                "limit": _max_uncompressed() // (1024 * 1024),
            }
        )
    if "xl/workbook.xml" not in names:
        raise FileRejected(_("The file is not a valid .xlsx workbook."))

    from openpyxl import load_workbook

    try:
        # Not data_only: a formula cell must arrive as its "=…" text, so that
        # the importers can refuse it instead of trusting a cached value.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for broken files
        raise FileRejected(_("The file is not a valid .xlsx workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        table = None
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_xlsx_cell(v) for v in values]
            if table is None:
                if not any(cells):
                    continue
                while cells and cells[-1] == "":
                    cells.pop()
                table = Table(headers=[str(c) for c in cells], file_format="xlsx")
                continue
            _append(table, cells, row_number)
    finally:
        workbook.close()
    if table is None:
        raise FileRejected(_("The file is empty."))
    return table
