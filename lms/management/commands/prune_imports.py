"""python manage.py prune_imports [--days N] [--dry-run]"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.imports.services import import_files_prune


class Command(BaseCommand):
    help = _(
        "Delete uploaded import files older than the retention period "
        "(IMPORT_FILE_RETENTION_DAYS). The import records stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("Delete files older than this many days (default: the setting)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only list the files; delete nothing."),
        )

    def handle(self, *args, days, dry_run, **options):
        if days is not None and days < 0:
            raise CommandError(_("--days cannot be negative."))
        if days is None:
            days = settings.IMPORT_FILE_RETENTION_DAYS
        jobs = import_files_prune(older_than_days=days, dry_run=dry_run)
        for job in jobs:
            self.stdout.write(
                f"{job.created_at:%Y-%m-%d} #{job.pk} {job.importer}: {job.file_name}"
            )
        message = (
            _("%(count)d files older than %(days)d days would be deleted.")
            if dry_run
            else _("%(count)d files older than %(days)d days deleted.")
        )
        self.stdout.write(message % {"count": len(jobs), "days": days})
