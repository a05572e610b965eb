"""python manage.py import <resource> <file> [--dry-run]"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from tqdm import tqdm

from lms.imports import registry
from lms.imports.readers import FileRejected
from lms.imports.report import ImportReport
from lms.imports.services import import_file_now
from lms.models import ImportJob


class Command(BaseCommand):
    help = _(
        "Import a CSV or XLSX file; nothing is written if any row is invalid. "
        "Exits non-zero on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=registry.names())
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check only; write nothing.")
        )
        parser.add_argument(
            "--user", help=_("E-mail of the user the import is recorded for.")
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("Do not show a progress bar.")
        )

    def handle(self, *args, resource, file, dry_run, user, no_progress, **options):
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        actor = None
        if user:
            actor = get_user_model().objects.filter(email__iexact=user).first()
            if actor is None:
                raise CommandError(
                    _("No user with e-mail %(email)s.") % {"email": user}
                )
        bar = tqdm(
            total=0,
            unit=_("rows"),
            disable=no_progress,
            file=self.stderr._out,
            desc=_("checking") if dry_run else _("importing"),
        )

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            job = import_file_now(
                importer_name=resource,
                file_name=file.name,
                data=file.read_bytes(),
                dry_run=dry_run,
                user=actor,
                language=get_language() or settings.LANGUAGE_CODE,
                progress=progress,
            )
        except FileRejected as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        report = ImportReport.from_dict(job.report)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(
            _(
                "%(mode)s: %(rows)d rows — new %(new)d, updated %(updated)d, "
                "unchanged %(skipped)d, errors %(errors)d."
            )
            % {
                "mode": pgettext("import mode", "Check")
                if dry_run
                else pgettext("import mode", "Import"),
                "rows": report.total,
                "new": report.new,
                "updated": report.updated,
                "skipped": report.skipped,
                "errors": len(report.errors),
            }
        )
        if report.errors or job.status == ImportJob.Status.FAILED:
            raise CommandError(_("Nothing was written: the file has errors."))
        if dry_run:
            self.stdout.write(_("Nothing was written (dry run)."))
