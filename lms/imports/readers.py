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

from lms.models import IMPORT_FILE_EXTENSIONS

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


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 200_000)


def max_columns() -> int:
    return getattr(settings, "IMPORT_MAX_COLUMNS", 100)


def too_many_rows() -> FileRejected:
    return FileRejected(
        _(
            "The file has more than %(limit)s rows, the most one import takes. "
            "Split it into several files."
        )
        % {"limit": f"{max_rows():,}".replace(",", "\u00a0")}
    )


def check_file_name(file_name: str) -> None:
    """Only .xlsx and .csv are accepted, checked before anything is stored."""
    if not file_name.lower().endswith(IMPORT_FILE_EXTENSIONS):
        raise FileRejected(
            _(
                "Only .xlsx and .csv files can be imported; “%(name)s” is "
                "neither. Save it as .xlsx or as CSV and try again."
            )
            % {"name": file_name[-80:]}
        )


def read_table(data: bytes, file_name: str = "") -> Table:
    """Read an uploaded spreadsheet into headers and trimmed cell values.

    Refuses a file with more than IMPORT_MAX_ROWS rows as soon as the row
    after the limit is read, so memory stays bounded by the limit.
    """
    headers, rows = _open(data, file_name)
    limit = max_rows()
    with gc_paused():
        table = Table(headers=headers.cells, **headers.meta)
        for row_number, cells in rows:
            _append(table, cells, row_number)
            if len(table.rows) > limit:
                raise too_many_rows()
    return table


def count_rows(data: bytes, file_name: str = "", stop_after: int | None = None) -> int:
    """The number of data rows, read as a stream and never stored.

    Counting stops at `stop_after` + 1 (by default IMPORT_MAX_ROWS + 1): the
    caller only needs to know the file is over a limit. Raises FileRejected for
    an unreadable file, as `read_table` would.
    """
    limit = max_rows() if stop_after is None else stop_after
    _headers, rows = _open(data, file_name)
    count = 0
    for _row_number, cells in rows:
        if any(cells):
            count += 1
            if count > limit:
                break
    return count


@dataclass
class _Headers:
    cells: list[str]
    meta: dict


def _open(data: bytes, file_name: str):
    """The header row and a generator of (row number, cells) for the rest."""
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
        headers, rows = _open_xlsx(data)
    elif file_name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise FileRejected(
            _(
                "The file is named like an Excel workbook but is not one. "
                "Save it again as .xlsx or as CSV."
            )
        )
    else:
        headers, rows = _open_csv(data)
    # Every row is padded to the header's width: a one-line header 100,000
    # cells wide over 2,000 one-cell rows would take gigabytes.
    if len(headers.cells) > max_columns():
        raise FileRejected(
            _(
                "The header row has %(count)s columns; an import takes at most "
                "%(limit)s. Delete the extra columns and try again."
            )
            % {"count": len(headers.cells), "limit": max_columns()}
        )
    return headers, rows


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
    # Only the first lines are sniffed: splitting the whole text would copy it.
    head = io.StringIO(text[:65536]).readlines()[:20]
    sample = "".join(head)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        first = head[0] if head else ""
        return ";" if first.count(";") > first.count(",") else ","


def _clean(value):
    if isinstance(value, str):
        return value.strip()
    return value


def _open_csv(data: bytes):
    text, encoding = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records():
        try:
            # Row numbers count records, as a spreadsheet program shows them;
            # a multi-line quoted cell is still one row.
            yield from enumerate(reader, start=1)
        except csv.Error as error:
            raise FileRejected(
                _("The CSV file is malformed near line %(line)d: %(error)s")
                % {"line": reader.line_num, "error": error}
            ) from None

    stream = records()
    first = next(stream, None)
    if first is None or not any(c.strip() for c in first[1]):
        raise FileRejected(_("The file has no header row."))
    headers = _Headers(
        [c.strip() for c in first[1]],
        {"encoding": encoding, "delimiter": delimiter},
    )
    # csv yields only strings; strip inline (a call per cell shows up in
    # profiles of large files).
    rows = ((n, [c.strip() for c in cells]) for n, cells in stream)
    return headers, rows


def _append(table: Table, cells, row_number: int) -> None:
    # Cells are trimmed strings, dates or numbers-as-text: only "" is falsy.
    if not any(cells):
        return  # blank lines are not rows
    width = len(table.headers)
    if len(cells) > width and any(cells[width:]):
        table.overlong_rows[row_number] = _last_filled(cells)
    cells = (list(cells[:width]) + [""] * width)[:width]
    table.rows.append(cells)
    table.row_numbers.append(row_number)


def _last_filled(cells) -> int:
    for index in range(len(cells), 0, -1):
        if cells[index - 1]:
            return index
    return 0


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


# Cells read past the last header, to tell an over-long row from a short one.
XLSX_EXTRA_COLUMNS = 32


def _open_xlsx(data: bytes):
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
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many types for broken files
        raise FileRejected(_("The file is not a valid .xlsx workbook.")) from None
    # The declared dimension (<dimension ref="A1:XFD1048576">) is the file's
    # claim, not its content: read-only openpyxl pads every row to it, which
    # turned a 794 KB upload into gigabytes. Rows are read as they are.
    sheet.reset_dimensions()
    header_row, headers = 0, None
    try:
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            cells = [_xlsx_cell(v) for v in values]
            if any(cells):
                while cells and cells[-1] == "":
                    cells.pop()
                header_row, headers = row_number, [str(c) for c in cells]
                break
    except Exception:
        workbook.close()
        raise FileRejected(_("The file is not a valid .xlsx workbook.")) from None
    if headers is None:
        workbook.close()
        raise FileRejected(_("The file is empty."))

    def records():
        # Each row is cut at a few cells past the headers, so one cell far to
        # the right cannot make every row thousands of cells wide.
        try:
            rows = sheet.iter_rows(
                min_row=header_row + 1,
                max_col=len(headers) + XLSX_EXTRA_COLUMNS,
                values_only=True,
            )
            for row_number, values in enumerate(rows, header_row + 1):
                yield row_number, [_xlsx_cell(v) for v in values]
        finally:
            workbook.close()

    return _Headers(headers, {"file_format": "xlsx"}), records()
