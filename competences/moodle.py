"""Import and export of a competence framework in Moodle's CSV format.

The format is that of Moodle's admin tool "Import competency framework"
(tool_lpimportcsv): one row for the framework itself ("Is framework" = 1) and
one row per competency; "Parent id number" makes the tree and "Cross referenced
competency id numbers" lists the related competencies (a comma inside an id
number is written as %2C). Moodle writes the competencies depth-first, parents
before children, and so does our export.

The import is all-or-nothing: every row is checked first and every problem
reported by row and column; only a file without errors is written, in one
transaction. A framework exported here reads back unchanged.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

import tablib
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from competences.models import Competence, CompetenceFramework
from competences.resources import DEFAULT_FRAMEWORK
from lms.imports.base import (
    PROGRESS_EVERY,
    ColumnSpec,
    Importer,
    ImportReport,
    RowError,
)
from lms.imports.readers import Table
from lms.imports.widgets import clean_text
from lms.spreadsheets import escape_formula
from people.permissions import can_import

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

# Moodle's column order (tool_lpimportcsv's list_required_headers()).
HEADERS = [
    PARENT,
    ID_NUMBER,
    SHORTNAME,
    DESCRIPTION,
    DESCRIPTION_FORMAT,
    SCALE_VALUES,
    SCALE_CONFIGURATION,
    RULE_TYPE,
    RULE_OUTCOME,
    RULE_CONFIG,
    RELATED,
    EXPORTED_ID,
    IS_FRAMEWORK,
    TAXONOMY,
]

ESCAPED_COMMA = "%2C"
HTML_FORMAT = 1
SMALL_INTEGER_MAX = 32767
TRUE_VALUES = frozenset({"1", "true", "yes", "y", "jā", "x"})
FALSE_VALUES = frozenset({"", "0", "false", "no", "n", "nē"})
BATCH_SIZE = 500


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def escape_id_number(code: str) -> str:
    """An id number as Moodle lists it among the cross references."""
    return code.replace(",", ESCAPED_COMMA)


def unescape_id_number(code: str) -> str:
    return code.replace(ESCAPED_COMMA, ",")


def split_scale(text: str) -> list[str]:
    """Moodle's scale items: comma-separated, lowest first."""
    return [item.strip() for item in text.split(",") if item.strip()]


@dataclass
class _Row:
    """One checked row: its model values, only for the columns in the file."""

    number: int
    code: str
    values: dict = field(default_factory=dict)
    parent: str = ""
    related: list[str] | None = None  # None when the column is not in the file


class _Cells:
    """The cells of one row by header; each problem is recorded, not raised."""

    def __init__(self, cells: dict, number: int, errors: list[RowError]):
        self.cells = cells
        self.number = number
        self.errors = errors

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def has(self, column: str) -> bool:
        return column in self.cells

    def text(self, column: str, *, max_length=None, required=False) -> str:
        try:
            value = clean_text(self.cells.get(column))
        except ValueError as error:
            self.error(column, str(error))
            return ""
        if required and not value:
            self.error(column, _("This value is required."))
        elif max_length and len(value) > max_length:
            self.error(
                column,
                _("At most %(max)d characters are allowed; this has %(length)d.")
                % {"max": max_length, "length": len(value)},
            )
        return value

    def integer(self, column: str, *, default):
        value = self.text(column)
        if not value:
            return default
        if not (value.isascii() and value.isdigit()) or int(value) > SMALL_INTEGER_MAX:
            self.error(
                column,
                _("“%(value)s” is not a whole number from 0 to %(max)d.")
                % {"value": value[:30], "max": SMALL_INTEGER_MAX},
            )
            return default
        return int(value)

    def json_text(self, column: str) -> str:
        """JSON kept as written (Moodle reads it back), but it must be JSON."""
        value = self.text(column)
        if value:
            try:
                json.loads(value)
            except ValueError:
                self.error(column, _("This is not valid JSON text."))
        return value

    def flag(self, column: str) -> bool | None:
        value = str(self.cells.get(column) or "").strip().lower()
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES:
            return False
        self.error(
            column,
            _("Write 1 on the framework's row and leave it empty on the others."),
        )
        return None


class MoodleFrameworkImporter(Importer):
    name = "moodle-framework"
    label = gettext_lazy("Competence framework (Moodle CSV)")
    help_text = gettext_lazy(
        "A whole competence framework in the CSV format of Moodle's "
        "“Import competency framework” tool: one row for the framework, one per "
        "competence. The framework and its competences are matched by id number."
    )
    columns = [
        ColumnSpec(
            PARENT,
            "Virskompetences identifikators (tukšs augšējā līmeņa kompetencēm un "
            "ietvara rindā).",
            "Id number of the parent competence (empty for top-level competences "
            "and on the framework's row).",
            "K01",
            required=True,
        ),
        ColumnSpec(
            ID_NUMBER,
            "Kompetences kods (unikāls ietvarā); ietvara rindā — ietvara kods.",
            "Competence code (unique in the framework); on the framework's row, "
            "the framework's code.",
            "K01.1",
            required=True,
        ),
        ColumnSpec(
            SHORTNAME,
            "Nosaukums (tiek ierakstīts kā latviskais nosaukums).",
            "Name (stored as the Latvian name).",
            "Datu analīzes kompetences",
            required=True,
        ),
        ColumnSpec(
            DESCRIPTION,
            "Apraksts, parasti HTML; var būt vairākās rindās.",
            "Description, usually HTML; may span several lines.",
            "<p>Spēja analizēt datus.</p>",
        ),
        ColumnSpec(
            DESCRIPTION_FORMAT,
            "Apraksta formāts Moodle skaitlī (1 = HTML); tukšs = 1.",
            "Moodle's number of the description format (1 = HTML); empty = 1.",
            "1",
        ),
        ColumnSpec(
            SCALE_VALUES,
            "Prasmju līmeņi ar komatiem, zemākais pirmais; kompetences rindā tikai "
            "tad, ja tai ir sava skala.",
            "Proficiency levels separated by commas, lowest first; on a competence "
            "row only if it has its own scale.",
            "Nav apgūta,Apgūta",
        ),
        ColumnSpec(
            SCALE_CONFIGURATION,
            "Moodle skalas konfigurācija (JSON).",
            "Moodle's scale configuration (JSON).",
            '[{"scaleid":"2"},{"id":1,"scaledefault":1,"proficient":0},'
            '{"id":2,"scaledefault":0,"proficient":1}]',
        ),
        ColumnSpec(
            RULE_TYPE,
            "Moodle kompetences noteikuma veids (neobligāts).",
            "Moodle's competency rule type (optional).",
            "core_competency\\competency_rule_all",
        ),
        ColumnSpec(
            RULE_OUTCOME,
            "Moodle noteikuma iznākums, vesels skaitlis (neobligāts).",
            "Moodle's rule outcome, a whole number (optional).",
            "0",
        ),
        ColumnSpec(
            RULE_CONFIG,
            "Moodle noteikuma konfigurācija: JSON vai null (neobligāta).",
            "Moodle's rule configuration: JSON or null (optional).",
            "null",
        ),
        ColumnSpec(
            RELATED,
            "Saistīto kompetenču kodi ar komatiem; komatu koda iekšienē raksta kā %2C.",
            "Codes of the related competences separated by commas; a comma inside "
            "a code is written as %2C.",
            "K02,K03",
        ),
        ColumnSpec(
            EXPORTED_ID,
            "Kompetences identifikators sistēmā, no kuras tā eksportēta (neobligāts).",
            "The competence's id in the system it was exported from (optional).",
            "42",
        ),
        ColumnSpec(
            IS_FRAMEWORK,
            "1 tieši vienā rindā — ietvara rindā; citās rindās tukšs.",
            "1 on exactly one row, the framework's; empty on the others.",
            "1",
            required=True,
        ),
        ColumnSpec(
            TAXONOMY,
            "Ietvara rindā: katra līmeņa taksonomijas vārds, atdalīts ar komatiem.",
            "On the framework's row: the taxonomy word of each level, separated by "
            "commas.",
            "competency,competency,competency,competency",
        ),
    ]

    def can_import(self, user) -> bool:
        # A framework import writes frameworks and competences alike.
        return can_import(user, CompetenceFramework) and can_import(user, Competence)

    # Import ----------------------------------------------------------------------
    def run(
        self, table: Table, *, dry_run: bool, user=None, progress=None
    ) -> ImportReport:
        report = self.check_headers(table)
        report.dry_run = dry_run
        report.total = len(table.rows)
        if not report.ok:
            return report
        framework_row, rows = self._read(table, report, progress)
        if framework_row is not None:
            self._check_references(rows, report)
        # Errors in row order, each row's in column order.
        report.errors.sort(key=lambda error: error.row)
        if not report.ok:
            return report
        try:
            with transaction.atomic():
                self._save(framework_row, rows, report)
                if dry_run:
                    transaction.set_rollback(True)
        except IntegrityError as error:
            report.new = report.updated = report.skipped = 0
            report.errors.append(
                RowError(
                    0,
                    "",
                    _("The framework could not be saved: %(error)s") % {"error": error},
                )
            )
        if progress:
            progress(report.total)
        return report

    def _read(
        self, table: Table, report: ImportReport, progress
    ) -> tuple[_Row | None, list[_Row]]:
        positions = {}
        for position, header in enumerate(table.headers):
            if header in HEADERS:
                positions.setdefault(header, position)
        framework_row = None
        rows = []
        for index, cells in enumerate(table.rows):
            number = table.row_numbers[index] if table.row_numbers else index + 2
            row = _Cells(
                {header: cells[p] for header, p in positions.items()},
                number,
                report.errors,
            )
            is_framework = row.flag(IS_FRAMEWORK)
            if is_framework:
                if framework_row is None:
                    framework_row = self._framework_row(row)
                else:
                    row.error(
                        IS_FRAMEWORK,
                        _(
                            "Only one row may be the framework; the framework is "
                            "already on row %(row)d."
                        )
                        % {"row": framework_row.number},
                    )
            elif is_framework is False:
                rows.append(self._competence_row(row))
            if progress and (index + 1) % PROGRESS_EVERY == 0:
                progress(index + 1)
        if framework_row is None:
            report.errors.append(
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
        return framework_row, rows

    def _framework_row(self, row: _Cells) -> _Row:
        model = CompetenceFramework
        code = row.text(ID_NUMBER, max_length=_max_length(model, "code"), required=True)
        values = {
            "name_lv": row.text(
                SHORTNAME, max_length=_max_length(model, "name_lv"), required=True
            )
        }
        if row.text(PARENT):
            row.error(PARENT, _("The framework's row cannot have a parent."))
        if row.has(DESCRIPTION):
            values["description"] = row.text(DESCRIPTION)
        if row.has(DESCRIPTION_FORMAT):
            values["description_format"] = row.integer(
                DESCRIPTION_FORMAT, default=HTML_FORMAT
            )
        if row.has(SCALE_VALUES):
            values["scale_values"] = split_scale(row.text(SCALE_VALUES))
        if row.has(SCALE_CONFIGURATION):
            values["scale_configuration"] = row.json_text(SCALE_CONFIGURATION)
        if row.has(TAXONOMY):
            values["taxonomies"] = row.text(
                TAXONOMY, max_length=_max_length(model, "taxonomies")
            )
        return _Row(row.number, code, values)

    def _competence_row(self, row: _Cells) -> _Row:
        model = Competence
        code = row.text(ID_NUMBER, max_length=_max_length(model, "code"), required=True)
        values = {
            "name_lv": row.text(
                SHORTNAME, max_length=_max_length(model, "name_lv"), required=True
            )
        }
        parent = row.text(PARENT)
        if row.has(DESCRIPTION):
            values["description"] = row.text(DESCRIPTION)
        if row.has(DESCRIPTION_FORMAT):
            values["description_format"] = row.integer(
                DESCRIPTION_FORMAT, default=HTML_FORMAT
            )
        if row.has(SCALE_VALUES):
            values["scale_values"] = row.text(SCALE_VALUES)
        if row.has(SCALE_CONFIGURATION):
            values["scale_configuration"] = row.json_text(SCALE_CONFIGURATION)
        if row.has(RULE_TYPE):
            values["rule_type"] = row.text(
                RULE_TYPE, max_length=_max_length(model, "rule_type")
            )
        if row.has(RULE_OUTCOME):
            values["rule_outcome"] = row.integer(RULE_OUTCOME, default=None)
        if row.has(RULE_CONFIG):
            values["rule_config"] = row.json_text(RULE_CONFIG)
        if row.has(EXPORTED_ID):
            values["export_id"] = row.text(
                EXPORTED_ID, max_length=_max_length(model, "export_id")
            )
        related = None
        if row.has(RELATED):
            related = []
            for part in row.text(RELATED).split(","):
                related_code = unescape_id_number(part.strip())
                if related_code and related_code not in related:
                    related.append(related_code)
        return _Row(row.number, code, values, parent, related)

    def _check_references(self, rows: list[_Row], report: ImportReport) -> None:
        """Duplicates, unknown parents and related competences, parent loops."""
        first_row: dict[str, int] = {}
        for row in rows:
            if not row.code:
                continue
            if row.code in first_row:
                report.errors.append(
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
                    report.errors.append(
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
                report.errors.append(RowError(row.number, RELATED, message))
        for loop in _parent_loops(parent_of):
            path = " → ".join([*loop, loop[0]])
            for code in loop:
                report.errors.append(
                    RowError(
                        first_row[code],
                        PARENT,
                        _("The parent id numbers make a loop: %(path)s.")
                        % {"path": path},
                    )
                )

    def _save(self, framework_row: _Row, rows: list[_Row], report: ImportReport):
        framework = CompetenceFramework.objects.filter(code=framework_row.code).first()
        if framework is None:
            framework = CompetenceFramework.objects.create(
                code=framework_row.code, **framework_row.values
            )
            report.new += 1
            existing = {}
        else:
            changed = _assign(framework, framework_row.values)
            if changed:
                framework.save(update_fields=changed)
                report.updated += 1
            else:
                report.skipped += 1
            existing = {c.code: c for c in framework.competences.all()}

        in_file = {row.code for row in rows}
        left_out = len(existing.keys() - in_file)
        if left_out:
            report.warnings.append(
                ngettext(
                    "%(count)d competence of the framework is not in the file; "
                    "it was left as it is.",
                    "%(count)d competences of the framework are not in the file; "
                    "they were left as they are.",
                    left_out,
                )
                % {"count": left_out}
            )

        order = _sort_orders(rows, existing)
        instances: dict[str, Competence] = {}
        created: list[Competence] = []
        changed_codes: set[str] = set()
        update_fields = {"sort_order", "parent"}
        for row in rows:
            values = {**row.values, "sort_order": order[row.code]}
            update_fields.update(values)
            instance = existing.get(row.code)
            if instance is None:
                instance = Competence(framework=framework, code=row.code, **values)
                created.append(instance)
            elif _assign(instance, values):
                changed_codes.add(row.code)
            instances[row.code] = instance
        Competence.objects.bulk_create(created, batch_size=BATCH_SIZE)
        ids = dict(framework.competences.values_list("code", "pk"))

        # Parents only now, when every competence of the file has an id.
        for row in rows:
            instance = instances[row.code]
            instance.pk = ids[row.code]
            parent_id = ids[row.parent] if row.parent else None
            if instance.parent_id != parent_id:
                instance.parent_id = parent_id
                if row.code in existing:
                    changed_codes.add(row.code)
        to_update = [
            instance
            for code, instance in instances.items()
            if code in changed_codes or (code not in existing and instance.parent_id)
        ]
        Competence.objects.bulk_update(
            to_update, sorted(update_fields), batch_size=BATCH_SIZE
        )

        if all(row.related is not None for row in rows):
            touched = _set_cross_references(framework, rows, ids)
            changed_codes.update(touched)

        # Only rows of the file count; new ones are counted as new.
        changed_codes &= existing.keys() & in_file
        report.new += len(created)
        report.updated += len(changed_codes)
        report.skipped += len(rows) - len(created) - len(changed_codes)

    # Export ----------------------------------------------------------------------
    def export(self, framework_code: str = DEFAULT_FRAMEWORK) -> tablib.Dataset:
        """The framework as Moodle's CSV: its row first, then the tree depth-first."""
        dataset = tablib.Dataset(headers=list(HEADERS))
        framework = CompetenceFramework.objects.filter(code=framework_code).first()
        if framework is None:
            return dataset
        dataset.append(
            _cells(
                "",
                framework.code,
                framework.name_lv,
                framework.description,
                str(framework.description_format),
                ",".join(str(value) for value in framework.scale_values or ()),
                framework.scale_configuration,
                "",
                "",
                "",
                "",
                "",
                "1",
                framework.taxonomies,
            )
        )
        competences = _depth_first(list(framework.competences.order_by("sort_order")))
        by_id = {c.pk: c for c in competences}
        position = {c.pk: index for index, c in enumerate(competences)}
        related = defaultdict(set)
        through = Competence.cross_references.through
        for from_id, to_id in through.objects.filter(
            from_competence__framework=framework
        ).values_list("from_competence_id", "to_competence_id"):
            if to_id in by_id:
                related[from_id].add(to_id)
        for competence in competences:
            parent = by_id.get(competence.parent_id)
            references = sorted(related[competence.pk], key=position.__getitem__)
            dataset.append(
                _cells(
                    parent.code if parent else "",
                    competence.code,
                    competence.name_lv,
                    competence.description,
                    str(competence.description_format),
                    competence.scale_values,
                    competence.scale_configuration,
                    competence.rule_type,
                    ""
                    if competence.rule_outcome is None
                    else str(competence.rule_outcome),
                    competence.rule_config,
                    ",".join(escape_id_number(by_id[pk].code) for pk in references),
                    competence.export_id,
                    "",
                    "",
                )
            )
        return dataset


def _cells(*values: str) -> list[str]:
    # A cell a spreadsheet would run as a formula gets an apostrophe, which our
    # import (clean_text) takes off again.
    return [escape_formula(value or "") for value in values]


def _assign(instance, values: dict) -> list[str]:
    """Set the values that differ; return the names of those fields."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _parent_loops(parent_of: dict[str, str]) -> list[list[str]]:
    """Each loop of codes whose parents lead back to themselves, in file order."""
    state: dict[str, bool] = {}  # False while on the current path, True when done
    loops = []
    for start in parent_of:
        path = []
        code = start
        while code is not None and code not in state:
            state[code] = False
            path.append(code)
            code = parent_of.get(code)
        if code is not None and state[code] is False:
            loops.append(path[path.index(code) :])
        for visited in path:
            state[visited] = True
    return loops


def _sort_orders(rows: list[_Row], existing: dict) -> dict[str, int]:
    """The sort order of each competence of the file.

    If the stored orders already put every competence's children in the file's
    order (as after importing our own export), they are kept. Otherwise the
    competences are numbered 1, 2, … depth-first, which is the file's order for
    a file in tree order as Moodle writes it.
    """
    if all(row.code in existing for row in rows):
        siblings = defaultdict(list)
        for row in rows:
            competence = existing[row.code]
            siblings[row.parent].append((competence.sort_order, competence.code))
        if all(keys == sorted(keys) for keys in siblings.values()):
            return {row.code: existing[row.code].sort_order for row in rows}
    return _tree_order(rows)


def _tree_order(rows: list[_Row]) -> dict[str, int]:
    """1, 2, … depth-first: parents before children, siblings in file order."""
    children = defaultdict(list)
    for row in rows:
        children[row.parent].append(row.code)
    order: dict[str, int] = {}
    stack = list(reversed(children[""]))
    while stack:
        code = stack.pop()
        order[code] = len(order) + 1
        stack.extend(reversed(children[code]))
    return order


def _depth_first(competences: list[Competence]) -> list[Competence]:
    """Parents before children, siblings by sort order then code."""
    competences.sort(key=lambda c: (c.sort_order, c.code))
    ids = {c.pk for c in competences}
    children = defaultdict(list)
    roots = []
    for competence in competences:
        if competence.parent_id in ids:
            children[competence.parent_id].append(competence)
        else:
            roots.append(competence)
    ordered, seen = [], set()
    stack = list(reversed(roots))
    while stack:
        competence = stack.pop()
        if competence.pk in seen:
            continue
        seen.add(competence.pk)
        ordered.append(competence)
        stack.extend(reversed(children[competence.pk]))
    # A loop of parents (only possible through hand edits) is not reachable
    # from the roots; its competences still go into the file.
    ordered.extend(c for c in competences if c.pk not in seen)
    return ordered


def _set_cross_references(framework, rows: list[_Row], ids: dict) -> set[str]:
    """Make the related competences of the file's rows exactly those listed.

    The relation is symmetrical: a competence listed on another's row is related
    to it both ways. Returns the codes whose related competences changed.
    """
    through = Competence.cross_references.through
    in_file = {ids[row.code] for row in rows}
    wanted = set()
    for row in rows:
        for code in row.related:
            a, b = ids[row.code], ids[code]
            wanted.update({(a, b), (b, a)})
    current = {
        (from_id, to_id): pk
        for pk, from_id, to_id in through.objects.filter(
            Q(from_competence__framework=framework)
            | Q(to_competence__framework=framework)
        ).values_list("pk", "from_competence_id", "to_competence_id")
    }
    stale = {
        pair: pk
        for pair, pk in current.items()
        if (pair[0] in in_file or pair[1] in in_file) and pair not in wanted
    }
    missing = wanted - current.keys()
    stale_pks = list(stale.values())
    for start in range(0, len(stale_pks), BATCH_SIZE):
        through.objects.filter(pk__in=stale_pks[start : start + BATCH_SIZE]).delete()
    through.objects.bulk_create(
        [through(from_competence_id=a, to_competence_id=b) for a, b in missing],
        batch_size=BATCH_SIZE,
    )
    codes = {pk: code for code, pk in ids.items()}
    return {codes.get(a) for a, _b in [*stale, *missing]} - {None}
