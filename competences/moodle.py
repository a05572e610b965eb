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
competences.selectors reads. One table, `moodle_columns.COLUMNS`, maps each
column to the framework's and the competence's field, for reading and writing.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

import tablib
from django.utils.translation import gettext as _

from competences.models import Competence, CompetenceFramework
from competences.moodle_columns import (
    COMPETENCE_FIELDS,
    FRAMEWORK_FIELDS,
    HEADERS,
    ID_NUMBER,
    IS_FRAMEWORK,
    IS_FRAMEWORK_WIDGET,
    PARENT,
    PARENT_FIELD,
    RELATED,
    RELATED_FIELD,
    MoodleFile,
    MoodleRow,
)
from lms.imports.progress import PROGRESS_EVERY
from lms.imports.readers import Table
from lms.imports.report import RowError
from lms.imports.widgets import TextWidget
from lms.spreadsheets import escape_formula
from lms.trees import parent_cycle

__all__ = ["HEADERS", "MoodleFile", "MoodleRow", "dataset", "parse", "stored_rows"]


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
