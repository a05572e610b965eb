"""Moodle's competency-framework CSV, read into plain rows and written back.

The format is that of Moodle's admin tool "Import competency framework"
(tool_lpimportcsv): one row for the framework itself ("Is framework" = 1) and
one row per competency; "Parent id number" makes the tree and "Cross referenced
competency id numbers" lists the related competencies (a comma inside an id
number is written as %2C). Moodle writes the competencies depth-first, parents
before children, and so does our export.

This module is a pure parser and writer: a table of cells in, `MoodleRow`s and
`RowError`s out, and back. It never touches the database; the importer
(competences.resources) saves through competences.services and exports what
competences.selectors reads. One table, `COLUMNS`, maps each column to the
framework's and the competence's field, for reading and for writing.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import tablib
from django.db import models
from django.utils.translation import gettext as _

from competences.models import Competence, CompetenceFramework
from lms.imports.base import PROGRESS_EVERY, ColumnSpec, RowError
from lms.imports.readers import Table
from lms.imports.widgets import IntegerWidget, TextWidget
from lms.spreadsheets import escape_formula
from lms.trees import parent_cycle

PARENT = "Parent id number"
ID_NUMBER = "Id number"
SHORTNAME = "Shortname"
DESCRIPTION = "Description"
DESCRIPTION_FORMAT = "Description format"
SCALE_VALUES = "Scale values"
SCALE_CONFIGURATION = "Scale configuration"
RULE_TYPE = "Rule type (optional)"
RULE_OUTCOME = "Rule outcome (optional)"
RULE_CONFIG = "Rule config (optional)"
RELATED = "Cross referenced competency id numbers"
EXPORTED_ID = "Exported id (optional)"
IS_FRAMEWORK = "Is framework"
TAXONOMY = "Taxonomy"

ESCAPED_COMMA = "%2C"
SMALL_INTEGER_MAX = 32767
# The two row fields that are not values of the competence itself.
PARENT_FIELD = "parent"
RELATED_FIELD = "cross_references"


def escape_id_number(code: str) -> str:
    """An id number as Moodle lists it among the cross references."""
    return code.replace(",", ESCAPED_COMMA)


def unescape_id_number(code: str) -> str:
    return code.replace(ESCAPED_COMMA, ",")


class JsonTextWidget(TextWidget):
    """JSON kept as written (Moodle reads it back), but it must be JSON."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text:
            try:
                json.loads(text)
            except ValueError:
                raise ValueError(_("This is not valid JSON text.")) from None
        return text


class ScaleWidget(TextWidget):
    """Moodle's scale items: comma-separated, lowest first."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return [item.strip() for item in text.split(",") if item.strip()]

    def render(self, value, obj=None, **kwargs):
        return ",".join(str(item) for item in value or ())


class IdNumbersWidget(TextWidget):
    """Comma-separated id numbers, each comma inside one written as %2C."""

    def clean(self, value, row=None, **kwargs):
        codes = []
        for part in super().clean(value, row, **kwargs).split(","):
            code = unescape_id_number(part.strip())
            if code and code not in codes:
                codes.append(code)
        return codes

    def render(self, value, obj=None, **kwargs):
        return ",".join(escape_id_number(code) for code in value or ())


class FlagWidget(TextWidget):
    TRUE_VALUES = frozenset({"1", "true", "yes", "y", "jā", "x"})
    FALSE_VALUES = frozenset({"", "0", "false", "no", "n", "nē"})

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if text in self.TRUE_VALUES:
            return True
        if text in self.FALSE_VALUES:
            return False
        raise ValueError(
            _("Write 1 on the framework's row and leave it empty on the others.")
        )

    def render(self, value, obj=None, **kwargs):
        return "1" if value else ""


@dataclass(frozen=True)
class Column:
    """One column: its template help, the field it fills on each kind of row
    (None: not read on that row, written empty) and how its cells are read."""

    spec: ColumnSpec
    framework_field: str | None
    competence_field: str | None
    widget: Callable[..., TextWidget | IntegerWidget] = TextWidget


# Moodle's column order (tool_lpimportcsv's list_required_headers()).
COLUMNS = (
    Column(
        ColumnSpec(
            PARENT,
            "Virskompetences identifikators (tukšs augšējā līmeņa kompetencēm un "
            "ietvara rindā).",
            "Id number of the parent competence (empty for top-level competences "
            "and on the framework's row).",
            "K01",
            required=True,
        ),
        None,
        PARENT_FIELD,
    ),
    Column(
        ColumnSpec(
            ID_NUMBER,
            "Kompetences kods (unikāls ietvarā); ietvara rindā — ietvara kods.",
            "Competence code (unique in the framework); on the framework's row, "
            "the framework's code.",
            "K01.1",
            required=True,
        ),
        "code",
        "code",
    ),
    Column(
        ColumnSpec(
            SHORTNAME,
            "Nosaukums (tiek ierakstīts kā latviskais nosaukums).",
            "Name (stored as the Latvian name).",
            "Datu analīzes kompetences",
            required=True,
        ),
        "name_lv",
        "name_lv",
    ),
    Column(
        ColumnSpec(
            DESCRIPTION,
            "Apraksts, parasti HTML; var būt vairākās rindās.",
            "Description, usually HTML; may span several lines.",
            "<p>Spēja analizēt datus.</p>",
        ),
        "description",
        "description",
    ),
    Column(
        ColumnSpec(
            DESCRIPTION_FORMAT,
            "Apraksta formāts Moodle skaitlī (1 = HTML); tukšs = 1.",
            "Moodle's number of the description format (1 = HTML); empty = 1.",
            "1",
        ),
        "description_format",
        "description_format",
        IntegerWidget,
    ),
    Column(
        ColumnSpec(
            SCALE_VALUES,
            "Prasmju līmeņi ar komatiem, zemākais pirmais; kompetences rindā tikai "
            "tad, ja tai ir sava skala.",
            "Proficiency levels separated by commas, lowest first; on a competence "
            "row only if it has its own scale.",
            "Nav apgūta,Apgūta",
        ),
        "scale_values",
        "scale_values",
    ),
    Column(
        ColumnSpec(
            SCALE_CONFIGURATION,
            "Moodle skalas konfigurācija (JSON).",
            "Moodle's scale configuration (JSON).",
            '[{"scaleid":"2"},{"id":1,"scaledefault":1,"proficient":0},'
            '{"id":2,"scaledefault":0,"proficient":1}]',
        ),
        "scale_configuration",
        "scale_configuration",
        JsonTextWidget,
    ),
    Column(
        ColumnSpec(
            RULE_TYPE,
            "Moodle kompetences noteikuma veids (neobligāts).",
            "Moodle's competency rule type (optional).",
            "core_competency\\competency_rule_all",
        ),
        None,
        "rule_type",
    ),
    Column(
        ColumnSpec(
            RULE_OUTCOME,
            "Moodle noteikuma iznākums, vesels skaitlis (neobligāts).",
            "Moodle's rule outcome, a whole number (optional).",
            "0",
        ),
        None,
        "rule_outcome",
        IntegerWidget,
    ),
    Column(
        ColumnSpec(
            RULE_CONFIG,
            "Moodle noteikuma konfigurācija: JSON vai null (neobligāta).",
            "Moodle's rule configuration: JSON or null (optional).",
            "null",
        ),
        None,
        "rule_config",
        JsonTextWidget,
    ),
    Column(
        ColumnSpec(
            RELATED,
            "Saistīto kompetenču kodi ar komatiem; komatu koda iekšienē raksta kā %2C.",
            "Codes of the related competences separated by commas; a comma inside "
            "a code is written as %2C.",
            "K02,K03",
        ),
        None,
        RELATED_FIELD,
        IdNumbersWidget,
    ),
    Column(
        ColumnSpec(
            EXPORTED_ID,
            "Kompetences identifikators sistēmā, no kuras tā eksportēta (neobligāts).",
            "The competence's id in the system it was exported from (optional).",
            "42",
        ),
        None,
        "export_id",
    ),
    Column(
        ColumnSpec(
            IS_FRAMEWORK,
            "1 tieši vienā rindā — ietvara rindā; citās rindās tukšs.",
            "1 on exactly one row, the framework's; empty on the others.",
            "1",
            required=True,
        ),
        None,
        None,
        FlagWidget,
    ),
    Column(
        ColumnSpec(
            TAXONOMY,
            "Ietvara rindā: katra līmeņa taksonomijas vārds, atdalīts ar komatiem.",
            "On the framework's row: the taxonomy word of each level, separated by "
            "commas.",
            "competency,competency,competency,competency",
        ),
        "taxonomies",
        None,
    ),
)
HEADERS = [column.spec.name for column in COLUMNS]
COLUMN_SPECS = [column.spec for column in COLUMNS]


@dataclass
class MoodleRow:
    """The framework or one competence, as read from a row or to be written.

    `values` holds model field values, only for the columns in the file;
    `related` is None when the file has no such column.
    """

    number: int
    code: str
    values: dict = field(default_factory=dict)
    parent: str = ""
    related: list[str] | None = None


@dataclass
class MoodleFile:
    framework: MoodleRow | None
    competences: list[MoodleRow]
    errors: list[RowError]


def _widget(column: Column, model, name: str):
    """The column's widget, with the limits of the model field it fills."""
    model_field = model._meta.get_field(name)
    if column.widget is IntegerWidget:
        return IntegerWidget(minimum=0, maximum=SMALL_INTEGER_MAX)
    if isinstance(model_field, models.JSONField):
        return ScaleWidget()
    if isinstance(model_field, models.CharField):
        return column.widget(
            max_length=model_field.max_length, required=not model_field.blank
        )
    return column.widget()


def _fields(model, name_of: Callable[[Column], str | None]) -> dict:
    """Header -> (field name, widget, value of an empty cell) for one kind of row."""
    return {
        column.spec.name: (
            name,
            _widget(column, model, name),
            model._meta.get_field(name).get_default(),
        )
        for column in COLUMNS
        if (name := name_of(column)) is not None
    }


FRAMEWORK_FIELDS = _fields(CompetenceFramework, lambda c: c.framework_field)
COMPETENCE_FIELDS = _fields(Competence, lambda c: c.competence_field)
IS_FRAMEWORK_WIDGET = FlagWidget()


# Reading ---------------------------------------------------------------------------
def parse(table: Table, progress: Callable[[int], None] | None = None) -> MoodleFile:
    """Read every row and check the references between them; collect all errors.

    The errors come in row order, each row's in column order.
    """
    positions = {}
    for position, header in enumerate(table.headers):
        if header in HEADERS:
            positions.setdefault(header, position)
    errors: list[RowError] = []
    framework = None
    competences = []
    for index, cells in enumerate(table.rows):
        number = table.row_numbers[index] if table.row_numbers else index + 2
        row = {header: cells[p] for header, p in positions.items()}
        try:
            is_framework = IS_FRAMEWORK_WIDGET.clean(row.get(IS_FRAMEWORK))
        except ValueError as error:
            errors.append(RowError(number, IS_FRAMEWORK, str(error)))
        else:
            if not is_framework:
                competences.append(_read_row(row, number, COMPETENCE_FIELDS, errors))
            elif framework is None:
                framework = _read_row(row, number, FRAMEWORK_FIELDS, errors)
                if _clean_text(row.get(PARENT)):
                    errors.append(
                        RowError(
                            number,
                            PARENT,
                            _("The framework's row cannot have a parent."),
                        )
                    )
            else:
                errors.append(
                    RowError(
                        number,
                        IS_FRAMEWORK,
                        _(
                            "Only one row may be the framework; the framework is "
                            "already on row %(row)d."
                        )
                        % {"row": framework.number},
                    )
                )
        if progress and (index + 1) % PROGRESS_EVERY == 0:
            progress(index + 1)
    if framework is None:
        errors.append(
            RowError(
                0,
                "",
                _(
                    "The file has no framework row: one row must have 1 in the "
                    "column “%(column)s”."
                )
                % {"column": IS_FRAMEWORK},
            )
        )
    else:
        errors.extend(_reference_errors(competences))
    errors.sort(key=lambda error: error.row)
    return MoodleFile(framework, competences, errors)


def _clean_text(value) -> str:
    try:
        return TextWidget().clean(value)
    except ValueError:
        return ""


def _read_row(row: dict, number: int, fields: dict, errors: list) -> MoodleRow:
    """One row through the widgets of its kind; only the columns in the file."""
    result = MoodleRow(number, "")
    for header, (name, widget, default) in fields.items():
        if header not in row:
            continue
        try:
            value = widget.clean(row[header])
        except ValueError as error:
            errors.append(RowError(number, header, str(error)))
            value = default
        if value is None:
            value = default
        if name == "code":
            result.code = value or ""
        elif name == PARENT_FIELD:
            result.parent = value or ""
        elif name == RELATED_FIELD:
            result.related = value or []
        else:
            result.values[name] = value
    return result


def _reference_errors(rows: list[MoodleRow]) -> list[RowError]:
    """Duplicates, unknown parents and related competences, parent loops."""
    errors = []
    first_row: dict[str, int] = {}
    for row in rows:
        if not row.code:
            continue
        if row.code in first_row:
            errors.append(
                RowError(
                    row.number,
                    ID_NUMBER,
                    _("The id number “%(code)s” is already on row %(row)d.")
                    % {"code": row.code, "row": first_row[row.code]},
                )
            )
        else:
            first_row[row.code] = row.number
    parent_of: dict[str, str] = {}
    for row in rows:
        if row.parent:
            if row.parent not in first_row:
                errors.append(
                    RowError(
                        row.number,
                        PARENT,
                        _(
                            "Unknown parent id number “%(code)s”: no competence "
                            "in the file has it."
                        )
                        % {"code": row.parent},
                    )
                )
            elif row.code and first_row[row.code] == row.number:
                parent_of[row.code] = row.parent
        for code in row.related or ():
            if code == row.code:
                message = _("A competence cannot be related to itself.")
            elif code not in first_row:
                message = _(
                    "Unknown related competence “%(code)s”: no competence in "
                    "the file has this id number."
                ) % {"code": code}
            else:
                continue
            errors.append(RowError(row.number, RELATED, message))
    for loop in _loops(parent_of, first_row):
        path = " → ".join([*loop, loop[0]])
        for code in loop:
            errors.append(
                RowError(
                    first_row[code],
                    PARENT,
                    _("The parent id numbers make a loop: %(path)s.") % {"path": path},
                )
            )
    return errors


def _loops(parent_of: dict[str, str], first_row: dict[str, int]) -> list[list[str]]:
    """Every loop of parents, each starting at its first row in the file."""
    links = dict(parent_of)
    loops = []
    while cycle := parent_cycle(links):
        loop = cycle[:-1]
        start = min(range(len(loop)), key=lambda i: first_row[loop[i]])
        # parent_cycle lists a loop child-first or parent-first; read it as the
        # file does, each code followed by its parent.
        if len(loop) > 1 and links[loop[start]] != loop[(start + 1) % len(loop)]:
            loop.reverse()
            start = len(loop) - 1 - start
        loops.append(loop[start:] + loop[:start])
        for code in loop:
            links.pop(code, None)
    return loops


def depth_first(rows: list[MoodleRow]) -> list[MoodleRow]:
    """Parents before children, siblings in the given order.

    A row whose parent is not among the rows is a root. Rows on a loop of
    parents (only possible through hand edits) are not reachable from a root;
    they still come out, at the end.
    """
    codes = {row.code for row in rows}
    children = defaultdict(list)
    roots = []
    for row in rows:
        if row.parent and row.parent in codes and row.parent != row.code:
            children[row.parent].append(row)
        else:
            roots.append(row)
    ordered, seen = [], set()
    stack = list(reversed(roots))
    while stack:
        row = stack.pop()
        if row.code in seen:
            continue
        seen.add(row.code)
        ordered.append(row)
        stack.extend(reversed(children[row.code]))
    ordered.extend(row for row in rows if row.code not in seen)
    return ordered


# Writing ---------------------------------------------------------------------------
KEY_FIELDS = ("code", PARENT_FIELD, RELATED_FIELD)


def stored_rows(
    framework: CompetenceFramework | None, competences: list[Competence]
) -> tuple[MoodleRow | None, list[MoodleRow]]:
    """A stored framework and its competences as rows, through the same table.

    The competences come with their parent and related competences loaded
    (competences.selectors.framework_with_competences); links to competences of
    other frameworks are left out.
    """
    if framework is None:
        return None, []
    rows = []
    for competence in competences:
        parent = competence.parent
        rows.append(
            MoodleRow(
                0,
                competence.code,
                _stored_values(competence, COMPETENCE_FIELDS),
                parent.code if parent and parent.framework_id == framework.pk else "",
                [
                    related.code
                    for related in competence.cross_references.all()
                    if related.framework_id == framework.pk
                ],
            )
        )
    return MoodleRow(
        0, framework.code, _stored_values(framework, FRAMEWORK_FIELDS)
    ), rows


def _stored_values(instance, fields: dict) -> dict:
    return {
        name: getattr(instance, name)
        for name, _widget, _default in fields.values()
        if name not in KEY_FIELDS
    }


def dataset(
    framework: MoodleRow | None, competences: list[MoodleRow]
) -> tablib.Dataset:
    """The framework as Moodle's CSV: its row first, then the tree depth-first.

    Related competences are listed in the order of the file; those outside the
    framework are left out.
    """
    result = tablib.Dataset(headers=list(HEADERS))
    if framework is None:
        return result
    result.append(_cells(framework, FRAMEWORK_FIELDS, is_framework=True))
    ordered = depth_first(competences)
    position = {row.code: index for index, row in enumerate(ordered)}
    for row in ordered:
        related = [code for code in row.related or () if code in position]
        row = replace(row, related=sorted(related, key=position.__getitem__))
        result.append(_cells(row, COMPETENCE_FIELDS, is_framework=False))
    return result


def _cells(row: MoodleRow, fields: dict, *, is_framework: bool) -> list[str]:
    cells = []
    for header in HEADERS:
        if header == IS_FRAMEWORK:
            text = IS_FRAMEWORK_WIDGET.render(is_framework)
        elif header not in fields:
            text = ""
        else:
            name, widget, _default = fields[header]
            value = {
                "code": row.code,
                PARENT_FIELD: row.parent,
                RELATED_FIELD: row.related,
            }.get(name, row.values.get(name))
            text = widget.render(value)
        # A cell a spreadsheet would run as a formula gets an apostrophe, which
        # the import (clean_text) takes off again.
        cells.append(escape_formula(text or ""))
    return cells
