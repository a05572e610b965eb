"""python manage.py report <name> [--as-of YYYY-MM-DD] [--expiring-days N]
[--format csv|xlsx|pdf] [-o FILE]

The same selector and columns as the admin report, over all the data: for
scripts and for auditors asking what the coverage was on a past date.
"""

import argparse
import datetime
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from competences.coverage import WINDOW_DAYS
from lms import reporting


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": value}
        ) from None


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a whole number of days.") % {"value": value}
        )
    return int(value)


class Command(BaseCommand):
    help = _("Write a report (CSV, XLSX or PDF).")

    def add_arguments(self, parser):
        # Each app registers its reports (lms.reporting): coverage here,
        # compliance in curricula/.
        parser.add_argument("name", choices=reporting.registry.names())
        parser.add_argument("--as-of", type=_date, default=None)
        parser.add_argument("--expiring-days", type=_days, default=WINDOW_DAYS)
        parser.add_argument("--format", choices=["csv", "xlsx", "pdf"], default="csv")
        parser.add_argument("-o", "--output", type=Path)

    def handle(self, *args, name, as_of, expiring_days, format, output, **options):
        as_of = as_of or timezone.localdate()
        data = reporting.registry.get(name)(
            as_of=as_of, format=format, expiring_days=expiring_days
        )
        if output:
            output.write_bytes(data)
            self.stderr.write(_("Wrote %(file)s.") % {"file": output})
        else:
            sys.stdout.buffer.write(data)
