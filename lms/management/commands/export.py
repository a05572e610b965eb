"""python manage.py export <resource> [--format csv|xlsx] [-o FILE]

Writes the same columns the import takes, so an export imports back unchanged.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lms.imports import registry
from lms.spreadsheets import dataset_bytes


class Command(BaseCommand):
    help = _("Export data in the import's own columns (CSV or XLSX).")

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=registry.names())
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("-o", "--output", type=Path)

    def handle(self, *args, resource, format, output, **options):
        data = dataset_bytes(registry.get(resource).export(), format)
        if output:
            output.write_bytes(data)
            self.stderr.write(
                _("Wrote %(file)s.") % {"file": output},
            )
        else:
            sys.stdout.buffer.write(data)
