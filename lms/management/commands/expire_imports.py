"""python manage.py expire_imports — run it periodically (cron, systemd timer)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lms.imports.services import import_jobs_expire


class Command(BaseCommand):
    help = _(
        "Mark failed the imports whose background worker died "
        "(no sign of life for IMPORT_JOB_TIMEOUT_MINUTES), so they can be retried."
    )

    def handle(self, *args, **options):
        count = import_jobs_expire()
        self.stdout.write(
            _("%(count)d stopped imports marked failed.") % {"count": count}
        )
