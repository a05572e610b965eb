"""Spreadsheet helpers shared by every export."""

import itertools
import logging
from collections import OrderedDict

from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.http import StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.coreutils import multigetattr

logger = logging.getLogger(__name__)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Neutralise a cell that a spreadsheet program would run as a formula.

    A leading apostrophe makes Excel and LibreOffice show the text as typed
    instead of evaluating it (CSV/formula injection).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def lookup_path(item, path: str):
    """`item.a.b`, or None as soon as a relation on the way is empty.

    Wagtail's own lookup raises on an empty nullable relation (`parent.code` on
    a top-level organisation), which truncated exports.
    """
    value = item
    for part in path.split("."):
        if value is None:
            return None
        value = multigetattr(value, part)
    return value


def field_heading(model, path: str) -> str:
    """The translated column name for a field path: 'Persona (e-pasta adrese)'.

    Each step's verbose name is used; a step that is not a model field (a
    property or method) falls back to Django's label for it.
    """
    labels = []
    for part in path.split("."):
        if model is None:
            labels.append(part)
            continue
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            labels.append(force_str(label_for_field(part, model)))
            model = None
            continue
        labels.append(force_str(getattr(field, "verbose_name", part)))
        model = field.related_model
    heading = capfirst(labels[0])
    if len(labels) > 1:
        heading += " (" + ", ".join(labels[1:]) + ")"
    return heading


class SafeSpreadsheetExportMixin:
    """For Wagtail's SpreadsheetExportMixin: safe and complete exports.

    - cells are formula-escaped, and CSV gets a BOM so that Excel opens the
      UTF-8 file with Latvian diacritics intact;
    - an empty relation on a dotted path gives an empty cell, not a crash;
    - headings are the translated column names;
    - a CSV stream that fails part-way ends with a visible error line, so a cut
      file never looks complete (a failure on the first row fails the request
      before any byte is sent).
    """

    def to_row_dict(self, item):
        return OrderedDict(
            (field, lookup_path(item, field)) for field in self.list_export
        )

    def get_heading(self, queryset, field):
        override = self.export_headings.get(field)
        if override:
            return capfirst(force_str(override))
        return field_heading(queryset.model, field)

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(
            super().preprocess_field_value(field, value, export_format)
        )

    def stream_csv(self, queryset):
        # Translated now: the rest of the stream is read after the view has
        # returned, when the admin's language is no longer active.
        incomplete = gettext(
            "EXPORT INCOMPLETE: an error stopped the export. "
            "Rows are missing from this file."
        )
        yield "\ufeff"
        rows = super().stream_csv(queryset)
        # BOM, heading and first row are produced before the response starts.
        yield from itertools.islice(rows, 2)
        try:
            yield from rows
        except Exception:
            # Logged with its traceback; the file ends with a line saying so.
            logger.exception("CSV export of %s failed part-way", queryset.model)
            yield f"\r\n{incomplete}\r\n"

    def write_csv_response(self, queryset):
        stream = self.stream_csv(queryset)
        first = list(itertools.islice(stream, 3))
        response = StreamingHttpResponse(
            itertools.chain(first, stream), content_type="text/csv"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.csv"'
        )
        return response


def dataset_bytes(dataset, file_format: str) -> bytes:
    """A tablib Dataset as CSV (UTF-8 with BOM) or XLSX, formula-escaped."""
    import tablib

    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([escape_formula(value) for value in row])
    if file_format == "xlsx":
        return safe.export("xlsx")
    return ("\ufeff" + safe.export("csv")).encode("utf-8")
