"""Importers of competences: the card's framework's own columns, and whole
frameworks in Moodle's CSV format."""

import tablib
from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from competences import moodle
from competences.models import Competence, CompetenceFramework
from competences.moodle_columns import COLUMN_SPECS
from competences.reference_data import FRAMEWORK_CODE
from competences.selectors import framework_choices, framework_with_competences
from competences.services import framework_import
from lms.imports.columns import Column, NaturalKey
from lms.imports.exports import ChoiceExport
from lms.imports.importer import Importer, TabularImporter
from lms.imports.readers import Table
from lms.imports.report import ImportReport, RowError
from lms.imports.tabular import TabularResource
from lms.imports.widgets import IntegerWidget
from lms.search import search_index_refresh
from people.permissions import can_import


class CompetenceResource(TabularResource):
    columns = (
        Column(
            "code",
            "Kompetences kods (unikāls ietvarā).",
            "Competence code (unique in the framework).",
            "K17",
        ),
        Column(
            "name_lv",
            "Nosaukums latviski.",
            "Name in Latvian.",
            "Datu analīzes kompetences",
        ),
        Column("name_en", "Nosaukums angliski.", "Name in English.", "Data analysis"),
        Column(
            "obligation",
            "obligāta (mandatory) vai deleģējama (delegable).",
            "mandatory or delegable (obligāta / deleģējama).",
            "delegable",
        ),
        # A validity of zero months would expire on the day it is attained.
        Column(
            "validity_months",
            "Derīguma termiņš mēnešos (tukšs = beztermiņa).",
            "Validity in months (empty = never expires).",
            "36",
            widget=IntegerWidget(minimum=1),
        ),
        Column("description", "Apraksts.", "Description.", ""),
    )
    key = NaturalKey("code")

    class Meta(TabularResource.Meta):
        model = Competence

    def framework(self) -> CompetenceFramework:
        return CompetenceFramework.objects.get(code=FRAMEWORK_CODE)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._framework = self.framework()
        self._next_order = (
            Competence.objects.filter(framework=self._framework)
            .order_by("-sort_order")
            .values_list("sort_order", flat=True)
            .first()
            or 0
        )

    def existing_queryset(self, dataset):
        return Competence.objects.filter(framework__code=FRAMEWORK_CODE)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.framework = self._framework
            self._next_order += 1
            instance.sort_order = self._next_order

    def export_queryset(self):
        return self.existing_queryset(None).order_by("sort_order", "code")


class CompetenceImporter(TabularImporter):
    name = "competences"
    label = _("Competences")
    help_text = format_lazy(
        _("The competences of the {code} framework, matched by code."),
        code=FRAMEWORK_CODE,
    )
    resource_class = CompetenceResource
    permission = staticmethod(lambda user: can_import(user, Competence))


class MoodleFrameworkImporter(ChoiceExport, Importer):
    """A whole framework in Moodle's CSV: parsed by competences.moodle, saved by
    services.framework_import, exported from what the selectors read."""

    name = "moodle-framework"
    label = _("Competence framework (Moodle CSV)")
    help_text = _(
        "A whole competence framework in the CSV format of Moodle's "
        "“Import competency framework” tool: one row for the framework, one per "
        "competence. The framework and its competences are matched by id number."
    )
    columns = COLUMN_SPECS
    export_option = "framework"
    export_option_label = _("Framework")
    export_default = FRAMEWORK_CODE

    def can_import(self, user) -> bool:
        # A framework import writes frameworks and competences alike.
        return can_import(user, CompetenceFramework) and can_import(user, Competence)

    def run(
        self, table: Table, *, dry_run: bool, user=None, progress=None
    ) -> ImportReport:
        report = self.check_headers(table)
        report.dry_run = dry_run
        report.total = len(table.rows)
        if not report.ok:
            return report
        parsed = moodle.parse(table, progress)
        report.errors.extend(parsed.errors)
        if not report.ok:
            return report
        try:
            with transaction.atomic():
                counts = framework_import(
                    framework=parsed.framework, competences=parsed.competences
                )
                if dry_run:
                    transaction.set_rollback(True)
        except IntegrityError as error:
            report.errors.append(
                RowError(
                    0,
                    "",
                    gettext("The framework could not be saved: %(error)s")
                    % {"error": error},
                )
            )
            return report
        if not dry_run and counts.written_ids:
            search_index_refresh(Competence, counts.written_ids)
        report.new, report.updated = counts.new, counts.updated
        report.skipped = counts.unchanged
        if counts.left_out:
            report.warnings.append(
                ngettext(
                    "%(count)d competence of the framework is not in the file; "
                    "it was left as it is.",
                    "%(count)d competences of the framework are not in the file; "
                    "they were left as they are.",
                    counts.left_out,
                )
                % {"count": counts.left_out}
            )
        if progress:
            progress(report.total)
        return report

    def export_choices(self) -> list[tuple[str, str]]:
        return framework_choices()

    def export(self, choice: str | None = None) -> tablib.Dataset:
        """The framework (the card's own by default) as Moodle's CSV."""
        framework, competences = framework_with_competences(
            code=choice or self.export_default
        )
        return moodle.dataset(*moodle.stored_rows(framework, competences))
