"""One declaration per import column, and per natural key.

A `Column` names the header, its bilingual help and example; everything else
(the import-export Field, its widget with the model field's max_length,
choices and whether a value is required, the template's ColumnSpec and the
field order) is derived from it and the model by `TabularResource`.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from import_export import fields
from import_export.widgets import Widget

from lms.imports.report import ColumnSpec
from lms.imports.widgets import (
    CachedForeignKeyWidget,
    ChoiceWidget,
    DateWidget,
    EmailWidget,
    IntegerWidget,
    TextWidget,
)


@dataclass(frozen=True)
class Column:
    """A column of an import file and the model attribute it fills.

    `attribute` defaults to `name`. `required` defaults to the model field's
    (not blank, or for a foreign key not null). A foreign key names the related
    model's field that the cell holds (`lookup`, e.g. "code") and what the cell
    is called in messages (`label`). `default` is a choice column's value for
    an empty cell. `widget` is given only for a column that is no model field,
    or that reads cells differently from what the model field suggests.
    """

    name: str
    help_lv: str
    help_en: str
    example: str = ""
    attribute: str = ""
    required: bool | None = None
    lookup: str = ""
    label: Any = ""
    default: Any = None
    widget: Widget | None = None

    @property
    def target(self) -> str:
        return self.attribute or self.name

    def model_field(self, model):
        try:
            return model._meta.get_field(self.target)
        except Exception:  # FieldDoesNotExist: a column kept on the instance only
            return None

    def is_required(self, model) -> bool:
        if self.required is not None:
            return self.required
        field = self.model_field(model)
        if field is None:
            return False
        return not (field.null if field.is_relation else field.blank)

    def spec(self, model) -> ColumnSpec:
        return ColumnSpec(
            self.name,
            self.help_lv,
            self.help_en,
            self.example,
            required=self.is_required(model),
        )

    def field(self, model) -> fields.Field:
        return fields.Field(
            attribute=self.target,
            column_name=self.name,
            widget=self.widget or self._derived_widget(model),
        )

    def _derived_widget(self, model) -> Widget:
        field = self.model_field(model)
        if field is None:
            raise TypeError(f"Column {self.name!r} is no model field: give a widget")
        required = self.is_required(model)
        if field.is_relation:
            return CachedForeignKeyWidget(
                field.related_model, self.lookup, label=self.label, required=required
            )
        if field.choices:
            return ChoiceWidget(field.choices, required=required, default=self.default)
        if isinstance(field, models.EmailField):
            return EmailWidget(required=required)
        if isinstance(field, models.DateField):
            return DateWidget(required=required)
        if isinstance(field, models.IntegerField):
            return IntegerWidget()
        return TextWidget(max_length=field.max_length, required=required)


@dataclass(frozen=True)
class NaturalKey:
    """The columns that identify a row, matched without regard to letter case.

    `stored_lowercase`: a one-column key always stored lower-cased (e-mails)
    is looked up without LOWER(), so the column's own index serves.
    """

    columns: tuple[str, ...]
    stored_lowercase: bool = False

    def __init__(self, *columns: str, stored_lowercase: bool = False):
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "stored_lowercase", stored_lowercase)
