"""python manage.py generate_scale_data [--people N] [--seed S] [--prefix P]

Scale data for the coverage benchmarks (see competences/scale_data.py):
deterministic for a seed, bulk writes, SQLite and PostgreSQL.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competences.scale_data import ANCHOR, generate_scale_data
from people.models import Organisation


class Command(BaseCommand):
    help = gettext_lazy("Generate deterministic scale data for the coverage reports.")

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--prefix",
            default="S",
            help=gettext_lazy("Prefix of the codes and e-mails (one batch each)."),
        )

    def handle(self, *args, people, seed, prefix, **options):
        if people < 1:
            raise CommandError(_("--people must be at least 1."))
        if Organisation.objects.filter(code__startswith=f"{prefix}0").exists():
            raise CommandError(
                _("Scale data with the prefix %(prefix)s exists already.")
                % {"prefix": prefix}
            )
        started = time.perf_counter()
        with transaction.atomic():
            counts = generate_scale_data(people=people, seed=seed, prefix=prefix)
        self.stdout.write(
            _("Written in %(seconds).1f s (reports as of %(date)s):")
            % {"seconds": time.perf_counter() - started, "date": ANCHOR.isoformat()}
        )
        for name, value in vars(counts).items():
            self.stdout.write(f"  {name}: {value}")
