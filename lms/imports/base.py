"""What an importer is, and the django-import-export base that most use.

An importer knows its columns (with bilingual help for the templates), who may
use it, how to run a dataset (dry-run or for real, all-or-nothing) and how to
export the same columns back.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import resources
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult
from wagtail.search.index import Indexed

from lms.imports.readers import Table, gc_paused
from lms.imports.widgets import CachedForeignKeyWidget

PROGRESS_EVERY = 250
# Files with more keys than this load the existing rows by a table scan.
LOOKUP_ALL_ABOVE = 2000


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    help_lv: str
    help_en: str
    example: str = ""
    required: bool = False


@dataclass
class RowError:
    row: int  # spreadsheet row number; 0 for the file as a whole
    column: str
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        if self.column:
            return _("row %(row)d, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)d: %(message)s") % {
            "row": self.row,
            "message": self.message,
        }

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors if e.row})

    def as_dict(self):
        return {
            "total": self.total,
            "new": self.new,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": self.warnings,
            "dry_run": self.dry_run,
        }

    @classmethod
    def from_dict(cls, data):
        report = cls(**{k: v for k, v in data.items() if k not in ("errors",)})
        report.errors = [RowError(**e) for e in data.get("errors", [])]
        return report


class Importer:
    """Interface every registered importer implements."""

    name: str = ""
    label = ""
    help_text = ""
    columns: list[ColumnSpec] = []

    def can_import(self, user) -> bool:
        raise NotImplementedError

    def run(
        self, table: Table, *, dry_run: bool, user=None, progress=None
    ) -> ImportReport:
        raise NotImplementedError

    def export(self) -> tablib.Dataset:
        raise NotImplementedError

    # Shared checks ---------------------------------------------------------------
    def check_headers(self, table: Table) -> ImportReport | None:
        """Missing columns are fatal (named); unknown ones only warned about."""
        report = ImportReport()
        wanted = {c.name.lower(): c.name for c in self.columns}
        seen = {}
        for index, header in enumerate(table.headers):
            key = str(header).strip().lower()
            if key in wanted:
                if key in seen:
                    report.errors.append(
                        RowError(
                            1,
                            header,
                            _("The column appears twice."),
                        )
                    )
                seen[key] = index
            elif header:
                report.warnings.append(
                    _("Unknown column “%(column)s” was ignored.") % {"column": header}
                )
        missing = [
            c.name for c in self.columns if c.required and c.name.lower() not in seen
        ]
        if missing:
            report.errors.append(
                RowError(
                    0,
                    "",
                    _("Missing columns: %(columns)s.")
                    % {"columns": ", ".join(missing)},
                )
            )
        # Normalise the headers to our spelling so resources find them.
        table.headers = [wanted.get(str(h).strip().lower(), h) for h in table.headers]
        for row_number, count in table.overlong_rows.items():
            report.errors.append(
                RowError(
                    row_number,
                    "",
                    _("The row has %(count)d cells but only %(width)d columns.")
                    % {"count": count, "width": len(table.headers)},
                )
            )
        return report


class KeyCachedInstanceLoader(ModelInstanceLoader):
    """Existing rows for every natural key in the file, in one query.

    Works for composite keys too (import-export's cached loader takes one).
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.load_existing(dataset)

    def get_instance(self, row):
        return self.instances.get(self.resource.row_key(row))


class TabularResource(resources.ModelResource):
    """Bulk, diff-less, cached-lookup resource with all-errors reporting.

    Subclasses declare `fields` (import-export Fields whose column names are the
    template's headers), `key_columns` (the natural key) and `load_existing`.
    """

    key_columns: tuple[str, ...] = ()
    # For a one-column key: the model field it matches (case-insensitively), so
    # that only the file's rows are loaded rather than the whole table.
    key_field: str | None = None
    # True when the key field is always stored lower-cased (e-mails): the
    # lookup then needs no LOWER() and can use the field's own index.
    key_stored_lowercase = False
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

    def __init__(self, user=None, progress: Callable[[int], None] | None = None):
        super().__init__()
        self.user = user
        self.progress = progress
        self.seen_keys: dict[tuple, int] = {}
        self.row_numbers: list[int] = []
        self._key_row = None
        self._key = ()
        # Primary keys of the rows written, for re-indexing just those.
        self.written_ids: list = []

    # Natural keys --------------------------------------------------------------
    def row_key(self, row) -> tuple:
        """The row's natural key as typed (trimmed, lower-cased).

        Computed from the raw cells, not the cleaned values: the key only has to
        match, and cleaning (e-mail validation) is the costly part of a row.
        """
        if self._key_row is row:
            return self._key
        key = tuple([str(row.get(c) or "").strip().lower() for c in self.key_columns])
        self._key_row, self._key = row, key
        return key

    def instance_key(self, instance) -> tuple:
        raise NotImplementedError

    def existing_queryset(self, dataset):
        return self._meta.model.objects.all()

    def load_existing(self, dataset) -> dict:
        queryset = self.existing_queryset(dataset)
        if not (self.key_field and dataset is not None and dataset.headers):
            return {self.instance_key(obj): obj for obj in queryset}
        column = self.key_columns[0]
        if column not in dataset.headers:
            return {}
        keys = sorted({str(v or "").strip().lower() for v in dataset[column]} - {""})
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
        lookup = f"{self.key_field}__in"
        if not self.key_stored_lowercase:
            queryset = queryset.annotate(_import_key=Lower(self.key_field))
            lookup = "_import_key__in"
        existing = {}
        for obj in queryset.filter(**{lookup: keys}):
            existing[self.instance_key(obj)] = obj
        return existing

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
        # import-export's own loop goes through three layers per cell; this is
        # the same work (clean with the widget, set the attribute, collect every
        # error) at a third of the cost, which is what large files need.
        errors = {}
        for column in self._fields_in_file:
            try:
                value = column.widget.clean(row[column.column_name], row=row)
            except ValueError as error:
                errors[column.attribute] = [
                    ValidationError(force_str(error), code="invalid")
                ]
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

    def get_or_init_instance(self, instance_loader, row):
        # The key columns were checked once for the whole file.
        instance = instance_loader.get_instance(row)
        if instance is not None:
            return instance, False
        return self._meta.model(), True

    def import_row(self, row, instance_loader, **kwargs):
        """import-export's row step, minus what a bulk, diff-less import never uses.

        No per-row diff, deletion, many-to-many or object repr: at tens of
        thousands of rows those cost more than validating the row itself.
        """
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
        return row_result

    def key_label(self) -> str:
        return ", ".join(self.key_columns)

    def validate_row(self, instance, row, failed=frozenset()) -> None:
        """Cross-field rules; raise ValidationError({attribute: message}).

        `failed` names the attributes whose cells were already refused, so a
        rule does not repeat their error in other words.
        """

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        previous = getattr(instance, "_import_original", None)
        return previous is not None and previous == self.snapshot(instance)

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number", 0)
        if self.progress and number % PROGRESS_EVERY == 0:
            self.progress(number)

    def bulk_create(self, using_transactions, dry_run, *args, **kwargs):
        if dry_run and not self.dry_run_writes:
            # Rows were fully validated; inserting them only to roll back
            # would double the cost of every preview.
            self.create_instances.clear()
            return
        created = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, *args, **kwargs)
        self.written_ids.extend(obj.pk for obj in created if obj.pk is not None)

    def bulk_update(self, using_transactions, dry_run, *args, **kwargs):
        if dry_run and not self.dry_run_writes:
            self.update_instances.clear()
            return
        self.written_ids.extend(obj.pk for obj in self.update_instances)
        super().bulk_update(using_transactions, dry_run, *args, **kwargs)

    # Export --------------------------------------------------------------------
    def export_queryset(self):
        return self.get_queryset()


def search_index_refresh(model, ids: list) -> None:
    """Bulk writes skip Wagtail's per-save indexing; re-index those rows after
    commit, in the background."""
    if issubclass(model, Indexed):
        # Imported here: tasks imports services, which imports this module.
        from lms.imports.tasks import search_index_update

        label = model._meta.label
        transaction.on_commit(
            lambda: search_index_update.enqueue(model_label=label, ids=list(ids))
        )


class ResourceImporter(Importer):
    """An Importer backed by a TabularResource class."""

    resource_class: type[TabularResource] = None
    permission: Callable = None

    def can_import(self, user) -> bool:
        return bool(user and user.is_authenticated and self.permission(user))

    @property
    def columns(self):
        return self.resource_class.columns

    def run(self, table, *, dry_run, user=None, progress=None) -> ImportReport:
        report = self.check_headers(table)
        report.dry_run = dry_run
        report.total = len(table.rows)
        if not report.ok:
            return report
        resource = self.resource_class(user=user, progress=progress)
        resource.row_numbers = table.row_numbers
        # One transaction: a single invalid row rolls everything back.
        with transaction.atomic(), gc_paused():
            dataset = tablib.Dataset(*table.rows, headers=table.headers)
            known = {c.name for c in self.columns}
            for header in list(dataset.headers):
                if header not in known:
                    del dataset[header]
            result = resource.import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            self._collect(result, resource, report)
            if dry_run or not report.ok:
                transaction.set_rollback(True)
        if progress:
            progress(report.total)
        if not dry_run and report.ok and resource.written_ids:
            search_index_refresh(self.resource_class._meta.model, resource.written_ids)
        return report

    def _collect(self, result, resource, report: ImportReport) -> None:
        totals = result.totals
        report.new = totals.get(RowResult.IMPORT_TYPE_NEW, 0)
        report.updated = totals.get(RowResult.IMPORT_TYPE_UPDATE, 0)
        report.skipped = totals.get(RowResult.IMPORT_TYPE_SKIP, 0)
        columns = {f.attribute: f.column_name for f in resource.fields.values()}
        for invalid in result.invalid_rows:
            row = resource.spreadsheet_row(invalid.number)
            for name, messages in invalid.error_dict.items():
                column = "" if name == NON_FIELD_ERRORS else columns.get(name, name)
                for message in messages:
                    report.errors.append(RowError(row, column, force_str(message)))
        for number, errors in result.row_errors():
            for error in errors:
                report.errors.append(
                    RowError(
                        resource.spreadsheet_row(number), "", force_str(error.error)
                    )
                )
        for error in result.base_errors:
            report.errors.append(RowError(0, "", force_str(error.error)))
        report.errors.sort(key=lambda e: (e.row, e.column))

    def export(self) -> tablib.Dataset:
        resource = self.resource_class()
        return resource.export(resource.export_queryset())
