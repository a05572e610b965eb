"""python manage.py export <resource> [--format csv|xlsx] [-o FILE] [--<option> V]

Writes the same columns the import takes, so an export imports back unchanged.
An importer whose export needs a choice (moodle-framework: which framework)
takes it as its own option, e.g. `export moodle-framework --framework DIG-2024`.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.imports import registry
from lms.imports.exports import ChoiceExport
from lms.spreadsheets import dataset_bytes


class Command(BaseCommand):
    help = _("Export data in the import's own columns (CSV or XLSX).")

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=registry.names())
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("-o", "--output", type=Path)
        for option, names in _export_options().items():
            parser.add_argument(
                f"--{option}",
                help=_("Only for %(resources)s: the code of the one to export.")
                % {"resources": ", ".join(names)},
            )

    def handle(self, *args, resource, format, output, **options):
        importer = registry.get(resource)
        own_option = getattr(importer, "export_option", "")
        for option in _export_options():
            if options.get(option) and option != own_option:
                raise CommandError(
                    _("--%(option)s does not apply to %(resource)s.")
                    % {"option": option, "resource": resource}
                )
        if not isinstance(importer, ChoiceExport):
            dataset = importer.export()
        else:
            value = options.get(own_option)
            try:
                choice = importer.export_choice(value)
            except LookupError:
                offered = [value for value, _label in importer.export_choices()]
                raise CommandError(
                    _(
                        "Unknown --%(option)s value “%(value)s”; "
                        "choose one of: %(values)s."
                    )
                    % {
                        "option": own_option,
                        "value": value or importer.export_default,
                        "values": ", ".join(offered),
                    }
                ) from None
            dataset = importer.export(choice)
        data = dataset_bytes(dataset, format)
        if output:
            output.write_bytes(data)
            self.stderr.write(
                _("Wrote %(file)s.") % {"file": output},
            )
        else:
            sys.stdout.buffer.write(data)


def _export_options() -> dict[str, list[str]]:
    """Option name -> the importers whose export takes it."""
    options: dict[str, list[str]] = {}
    for importer in registry.all_importers():
        if isinstance(importer, ChoiceExport):
            options.setdefault(importer.export_option, []).append(importer.name)
    return options
