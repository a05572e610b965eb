"""Moodle's competency-framework CSV: its columns, and the row they make.

One table, `COLUMNS`, declares each column once: its help for the template, the
framework's and the competence's field it fills, and the widget that reads and
writes its cells. Field limits (length, required, empty value) come from the
models. competences.moodle parses and writes files with it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from competences.models import Competence, CompetenceFramework
from lms.imports.report import ColumnSpec, RowError
from lms.imports.widgets import IntegerWidget, TextWidget

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
