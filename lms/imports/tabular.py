"""`TabularResource`: the django-import-export base that importers declare.

A subclass declares its `columns` (lms.imports.columns.Column), its natural
`key` and its model; the Fields, widgets, `Meta.fields` and the templates'
column specs are derived. Rows are checked one by one (every error kept) and
written in bulk.
"""

from contextlib import suppress
from functools import cached_property

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from import_export import resources
from import_export.declarative import ModelDeclarativeMetaclass
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult

from lms.imports.columns import Column, NaturalKey
from lms.imports.progress import PROGRESS_EVERY
from lms.imports.transactions import LeanResult
from lms.imports.widgets import CachedForeignKeyWidget, ChoiceWidget, DateWidget

# Files with more keys than this load the existing rows by a table scan.
LOOKUP_ALL_ABOVE = 2000


class ColumnsMetaclass(ModelDeclarativeMetaclass):
    """Turns a resource's `columns` into its Fields, `Meta.fields` (the order
    of import, export and template), `Meta.import_id_fields` (the key's first
    column) and `column_specs` (the templates' help)."""

    def __new__(cls, name, bases, attrs):
        columns: tuple[Column, ...] = attrs.get("columns") or ()
        meta = attrs.get("Meta")
        model = getattr(meta, "model", None)
        if columns and model is not None:
            key = attrs.get("key") or next(
                (b.key for b in bases if getattr(b, "key", None)), None
            )
            for column in columns:
                attrs[column.target] = column.field(model)
            meta.fields = tuple(column.target for column in columns)
            if key is not None:
                by_name = {column.name: column for column in columns}
                meta.import_id_fields = (by_name[key.columns[0]].target,)
            attrs["column_specs"] = [column.spec(model) for column in columns]
        return super().__new__(cls, name, bases, attrs)


class KeyCachedInstanceLoader(ModelInstanceLoader):
    """Existing rows for every natural key in the file, in one query.

    Works for composite keys too (import-export's cached loader takes one).
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.load_existing(dataset)

    def get_instance(self, row):
        return self.instances.get(self.resource.row_key(row))


def _normalised(value) -> str:
    return str(value or "").strip().lower()


class TabularResource(resources.ModelResource, metaclass=ColumnsMetaclass):
    """Bulk, diff-less, cached-lookup resource with all-errors reporting."""

    columns: tuple[Column, ...] = ()
    column_specs: list = []
    key: NaturalKey | None = None
    # Whether a dry run must really insert the rows (inside the rolled-back
    # transaction), e.g. to resolve references between rows of the same file.
    dry_run_writes = False

    class Meta:
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        skip_html_diff = True
        clean_model_instances = False
        instance_loader_class = KeyCachedInstanceLoader
        report_skipped = False

    def __init__(self, user=None, progress=None):
        super().__init__()
        self.user = user
        self.progress = progress
        self.seen_keys: dict[tuple, int] = {}
        self.row_numbers: list[int] = []
        # Spreadsheet row of the first row refused while writing in batches:
        # from then on nothing more is written.
        self.refused_row: int | None = None
        self.rows_written = 0
        self._key_row = None
        self._key = ()
        # Primary keys of the rows written, for re-indexing just those.
        self.written_ids: list = []

    # Natural keys --------------------------------------------------------------
    @cached_property
    def _key_fields(self) -> list:
        by_column = {f.column_name: f for f in self.fields.values()}
        return [by_column[name] for name in self.key.columns]

    @cached_property
    def _key_exports(self) -> list:
        """What export_field() would call for each key column, resolved once:
        a re-import matches every stored row."""
        return [
            getattr(self, f"dehydrate_{self.get_field_name(f)}", None) or f.export
            for f in self._key_fields
        ]

    def row_key(self, row) -> tuple:
        """The row's natural key as typed (trimmed, lower-cased).

        Computed from the raw cells, not the cleaned values: the key only has to
        match, and cleaning (e-mail validation) is the costly part of a row.
        Dates and choices are the exception: they match however they are
        written, so they are read as their export writes them.
        """
        if self._key_row is row:
            return self._key
        key = []
        for field in self._key_fields:
            cell = row.get(field.column_name)
            if isinstance(field.widget, DateWidget | ChoiceWidget):
                # A bad cell keeps its text; the field itself reports it.
                with suppress(ValueError):
                    cell = field.widget.render(field.widget.clean(cell))
            key.append(_normalised(cell))
        self._key_row, self._key = row, tuple(key)
        return self._key

    def instance_key(self, instance) -> tuple:
        """A stored row's natural key: its key columns as exported, lower-cased."""
        return tuple(_normalised(export(instance)) for export in self._key_exports)

    def key_label(self) -> str:
        return ", ".join(self.key.columns)

    def existing_queryset(self, dataset):
        return self._meta.model.objects.all()

    def load_existing(self, dataset) -> dict:
        """Stored rows by natural key: for a one-column text key only those the
        file names, found by the key's model field, case-insensitively."""
        queryset = self.existing_queryset(dataset)
        (field,) = self._key_fields[:1]
        one_text_column = len(self.key.columns) == 1 and not isinstance(
            field.widget, CachedForeignKeyWidget | DateWidget | ChoiceWidget
        )
        if not (one_text_column and dataset is not None and dataset.headers):
            return {self.instance_key(obj): obj for obj in queryset}
        if field.column_name not in dataset.headers:
            return {}
        keys = sorted({_normalised(v) for v in dataset[field.column_name]} - {""})
        if len(keys) > LOOKUP_ALL_ABOVE:
            # A large file touches much of the table: one plain scan is cheaper
            # than thousands of bound parameters.
            wanted = set(keys)
            existing = {}
            for obj in queryset:
                key = self.instance_key(obj)
                if key[0] in wanted:
                    existing[key] = obj
            return existing
        lookup = f"{field.attribute}__in"
        if not self.key.stored_lowercase:
            queryset = queryset.annotate(_import_key=Lower(field.attribute))
            lookup = "_import_key__in"
        queryset = queryset.filter(**{lookup: keys})
        return {self.instance_key(obj): obj for obj in queryset}

    # Hooks ---------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        for f in self.fields.values():
            if isinstance(f.widget, CachedForeignKeyWidget):
                f.widget.reset()
        self.seen_keys = {}
        headers = set(dataset.headers or ())
        # Resolved once per file rather than once per row.
        self._fields_in_file = [
            f
            for f in self.get_import_fields()
            if f.attribute and f.column_name in headers
        ]

    def spreadsheet_row(self, number: int) -> int:
        return self.row_numbers[number - 1] if self.row_numbers else number + 1

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            instance._import_original = self.snapshot(instance)

    def snapshot(self, instance) -> tuple:
        """The row as it would be exported; equal before and after = unchanged."""
        return tuple(f.export(instance) for f in self._fields_in_file)

    def import_instance(self, instance, row, **kwargs):
        # Override for speed: import-export's loop goes through three layers per
        # cell and re-resolves the field order on every row; this does the same
        # work (clean, set, collect every error) at a third of the cost.
        errors = {}
        for column in self._fields_in_file:
            try:
                value = column.widget.clean(row[column.column_name], row=row)
            except ValueError as error:
                errors[column.attribute] = [ValidationError(str(error), code="invalid")]
                continue
            setattr(instance, column.attribute, value)
        key = self.row_key(row)
        if any(key):
            first = self.seen_keys.get(key)
            if first is not None:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(
                        _("The same %(what)s is already on row %(row)d.")
                        % {"what": self.key_label(), "row": self.spreadsheet_row(first)}
                    )
                )
            else:
                self.seen_keys[key] = kwargs.get("row_number", 0)
        try:
            self.validate_row(instance, row, failed=set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_row(self, instance, row, failed=frozenset()) -> None:
        """Cross-field rules; raise ValidationError({attribute: message}).

        `failed` names the attributes whose cells were already refused, so a
        rule does not repeat their error in other words.
        """

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Override for behaviour: import-export finds unchanged rows only with
        # its per-row diff, which skip_diff turns off for speed.
        if import_validation_errors:
            return False
        previous = getattr(instance, "_import_original", None)
        return previous is not None and previous == self.snapshot(instance)

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number", 0)
        if self.progress and number % PROGRESS_EVERY == 0:
            self.progress(number)

    def get_result_class(self):
        return LeanResult

    def import_row(self, row, instance_loader, **kwargs):
        # Override for speed: import-export's row step also builds a diff, asks
        # about deletion, saves many-to-many and renders each object's repr,
        # none of which a bulk, diff-less import uses (measured: a third of
        # the time of a 10,000-row file). It also notes the first refused row,
        # after which a batched (SQLite) write stops.
        row_result = RowResult()
        try:
            self.before_import_row(row, **kwargs)
            instance, new = self.get_or_init_instance(instance_loader, row)
            self.after_init_instance(instance, new, row, **kwargs)
            row_result.import_type = (
                RowResult.IMPORT_TYPE_NEW if new else RowResult.IMPORT_TYPE_UPDATE
            )
            errors = {}
            try:
                self.import_instance(instance, row, **kwargs)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
            if self.skip_row(instance, None, row, errors):
                row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            else:
                if errors:
                    raise ValidationError(errors)
                self.save_instance(instance, new, row, **kwargs)
            row_result.object_id = instance.pk
            self.after_import_row(row, row_result, **kwargs)
        except ValidationError as error:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = error
        except Exception as error:  # reported against the row, like import-export
            row_result.import_type = RowResult.IMPORT_TYPE_ERROR
            row_result.errors.append(
                self.get_error_result_class()(
                    error, row=row, number=kwargs.get("row_number")
                )
            )
        if self.refused_row is None and row_result.import_type in (
            RowResult.IMPORT_TYPE_INVALID,
            RowResult.IMPORT_TYPE_ERROR,
        ):
            self.refused_row = self.spreadsheet_row(kwargs.get("row_number", 0))
        return row_result

    # import-export's create_instances/update_instances are its pending batch;
    # these two overrides decide whether that batch is written at all.
    def bulk_create(self, using_transactions, dry_run, *args, **kwargs):
        if self._holds_writes(using_transactions, dry_run):
            # A batched write stopped at a refused row, or a check that need
            # not insert (validated rows, rolled back anyway: twice the cost).
            self.create_instances.clear()
            return
        created = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, *args, **kwargs)
        self.rows_written += len(created)
        self.written_ids.extend(obj.pk for obj in created if obj.pk is not None)

    def bulk_update(self, using_transactions, dry_run, *args, **kwargs):
        if self._holds_writes(using_transactions, dry_run):
            self.update_instances.clear()
            return
        self.written_ids.extend(obj.pk for obj in self.update_instances)
        self.rows_written += len(self.update_instances)
        super().bulk_update(using_transactions, dry_run, *args, **kwargs)

    def _holds_writes(self, using_transactions, dry_run) -> bool:
        return (dry_run and not self.dry_run_writes) or (
            self.refused_row is not None and not using_transactions
        )

    # Export --------------------------------------------------------------------
    def export_queryset(self):
        return self.get_queryset()
