"""Spreadsheet helpers shared by every export."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Neutralise a cell that a spreadsheet program would run as a formula.

    A leading apostrophe makes Excel and LibreOffice show the text as typed
    instead of evaluating it (CSV/formula injection).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For Wagtail's SpreadsheetExportMixin: formula-escape cells, BOM on CSV.

    The BOM makes Excel open the UTF-8 CSV with Latvian diacritics intact.
    """

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(
            super().preprocess_field_value(field, value, export_format)
        )

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)


def dataset_bytes(dataset, file_format: str) -> bytes:
    """A tablib Dataset as CSV (UTF-8 with BOM) or XLSX, formula-escaped."""
    import tablib

    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([escape_formula(value) for value in row])
    if file_format == "xlsx":
        return safe.export("xlsx")
    return ("\ufeff" + safe.export("csv")).encode("utf-8")
