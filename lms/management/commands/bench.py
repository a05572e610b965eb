"""`manage.py bench <name>`: the benchmarks the apps register (lms/bench.py)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lms.bench import registry


class Command(BaseCommand):
    help = _("Run a benchmark against its same-run baseline and print the ratios.")

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="benchmark", required=True)
        for benchmark in registry.all():
            sub = subparsers.add_parser(benchmark.name, help=benchmark.help)
            benchmark.add_arguments(sub)

    def handle(self, *args, benchmark, **options):
        # call_command(..., stdout=...) passes its stream among the options
        # too; the benchmark writes to this command's own wrapper of it.
        options.pop("stdout", None)
        registry.get(benchmark).run(stdout=self.stdout, **options)
