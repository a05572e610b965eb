"""python manage.py send_reminders [--date YYYY-MM-DD]: the day's notices.

Run it daily (cron, or the task worker: README "Curricula and assignments").
Idempotent: a notice is recorded once (unique constraint) and e-mailed once.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from curricula.services import reminders_send


class Command(BaseCommand):
    help = _("Send the notices that are due: due soon, overdue, expiring.")

    def add_arguments(self, parser):
        parser.add_argument("--date", default=None)

    def handle(self, *args, date, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(
                    _("“%(value)s” is not a date in the form YYYY-MM-DD.")
                    % {"value": date}
                ) from None
        sent = reminders_send(today=today)
        self.stdout.write(_("%(count)d e-mails sent.") % {"count": sent})
