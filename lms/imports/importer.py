"""What an importer is, and the importer backed by a TabularResource.

An importer knows its columns (with bilingual help for the templates), who may
use it, how to run a dataset (dry-run or for real, all-or-nothing) and how to
export the same columns back.
"""

from collections.abc import Callable
from contextlib import nullcontext

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export.results import RowResult

from lms.imports.readers import Table, gc_paused
from lms.imports.report import ColumnSpec, ImportReport, RowError
from lms.imports.tabular import TabularResource
from lms.imports.transactions import deferred_transactions, writes_in_batches
from lms.search import search_index_refresh


class Importer:
    """Interface every registered importer implements."""

    name: str = ""
    label = ""
    help_text = ""
    columns: list[ColumnSpec] = []
    # Columns an earlier version of the format had, by lower-case name, with the
    # message saying where their data goes now: a file that still has one is
    # refused rather than imported with that column silently ignored.
    retired_columns: dict = {}

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
            elif key in self.retired_columns:
                report.errors.append(
                    RowError(1, header, str(self.retired_columns[key]))
                )
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


class TabularImporter(Importer):
    """An Importer backed by a TabularResource class."""

    resource_class: type[TabularResource] = None
    permission: Callable = None

    def can_import(self, user) -> bool:
        return bool(user and user.is_authenticated and self.permission(user))

    @property
    def columns(self):
        return self.resource_class.column_specs

    def run(self, table, *, dry_run, user=None, progress=None) -> ImportReport:
        report = self.check_headers(table)
        report.dry_run = dry_run
        report.total = len(table.rows)
        if not report.ok:
            return report
        known = {c.name for c in self.columns}
        dataset = tablib.Dataset(*table.rows, headers=table.headers)
        for header in list(dataset.headers):
            if header not in known:
                del dataset[header]
        if dry_run or not writes_in_batches():
            # One transaction: a single invalid row rolls everything back.
            resource = self._pass(table, dataset, report, user, progress, dry_run)
        else:
            # SQLite: the whole file is checked first, writing nothing; only a
            # valid file is then written, in batches of 1,000 rows, each its
            # own short transaction (see README, "Importing and exporting").
            self._pass(table, dataset, report, user, None, dry_run=True)
            if not report.ok:
                return report
            report.new = report.updated = report.skipped = 0
            resource = self._pass(
                table, dataset, report, user, progress, dry_run=False, batched=True
            )
            if resource.refused_row is not None and resource.rows_written:
                report.warnings.append(
                    _(
                        "The data changed after the check: %(written)d rows before "
                        "row %(row)d were written, that row and the rest were not. "
                        "Correct the file and import it again; the rows already "
                        "written will show as unchanged."
                    )
                    % {"written": resource.rows_written, "row": resource.refused_row}
                )
        if progress:
            progress(report.total)
        if not dry_run and resource.written_ids:
            search_index_refresh(self.resource_class._meta.model, resource.written_ids)
        return report

    def _pass(
        self, table, dataset, report, user, progress, dry_run, batched=False
    ) -> TabularResource:
        """One run of the resource over the dataset; counts and errors to `report`."""
        resource = self.resource_class(user=user, progress=progress)
        resource.row_numbers = table.row_numbers
        if batched:
            with gc_paused():
                result = resource.import_data(
                    dataset, dry_run=False, use_transactions=False
                )
            self._collect(result, resource, report)
            return resource
        checking = dry_run and not resource.dry_run_writes
        with (
            deferred_transactions() if checking else nullcontext(),
            transaction.atomic(),
            gc_paused(),
        ):
            result = resource.import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            self._collect(result, resource, report)
            if dry_run or not report.ok:
                transaction.set_rollback(True)
                resource.written_ids = []
        return resource

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
        for error_row in result.error_rows:
            number = error_row.number
            for error in error_row.errors:
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
