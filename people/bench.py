"""Same-run performance ratios of the people import against a plain bulk_create.

    python manage.py bench import-people --rows 10000

Everything happens inside transactions that are rolled back, so the database
is left as it was. Ratios, not seconds, are what to compare between machines.
"""

import csv
import io

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.bench import Benchmark
from lms.bench import timed as _timed
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from people.models import Organisation, Person


class ImportPeopleBenchmark(Benchmark):
    name = "import-people"
    help = _("Benchmark the people import against a plain bulk_create.")

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--organisations", type=int, default=50)
        parser.add_argument("--repeat", type=int, default=3)

    def run(self, *, stdout, rows, organisations, repeat, **options):
        self.stdout = stdout
        with transaction.atomic():
            self._run(rows, organisations, repeat)
            transaction.set_rollback(True)

    def _run(self, rows, organisations, repeat):
        orgs = Organisation.objects.bulk_create(
            Organisation(code=f"BENCH{i:06d}", name_lv=f"Iestāde {i}", kind="ngo")
            for i in range(organisations)
        )
        records = [
            {
                "email": f"Bench.Person{i}@Example.lv",
                "first_name": "Jānis",
                "last_name": f"Bērziņš{i}",
                "organisation_code": orgs[i % organisations].code,
                "job_title": "Referents",
                "language": "lv",
            }
            for i in range(rows)
        ]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(records)
        data = buffer.getvalue().encode()

        def baseline():
            by_code = {o.code: o for o in Organisation.objects.all()}
            Person.objects.bulk_create(
                [
                    Person(
                        email=r["email"].lower(),
                        first_name=r["first_name"],
                        last_name=r["last_name"],
                        organisation=by_code[r["organisation_code"]],
                        job_title=r["job_title"],
                        language=r["language"],
                    )
                    for r in records
                ],
                batch_size=1000,
            )

        def preview_and_import():
            for dry_run in (True, False):
                report = import_run(
                    importer_name="people",
                    table=read_table(data, "bench.csv"),
                    dry_run=dry_run,
                )
                assert report.ok and report.new == rows, report.errors[:3]

        def reimport_unchanged():
            report = import_run(
                importer_name="people",
                table=read_table(data, "bench.csv"),
                dry_run=False,
            )
            assert report.ok and report.new == 0 and report.skipped == rows

        base = _timed(baseline, repeat)
        full = _timed(preview_and_import, repeat)
        # The unchanged re-import needs the rows to exist: create them once,
        # inside this command's outer (rolled-back) transaction.
        import_run(
            importer_name="people", table=read_table(data, "bench.csv"), dry_run=False
        )
        again = _timed(reimport_unchanged, repeat)
        self.stdout.write(
            f"rows: {rows}, organisations: {organisations}, best of {repeat}"
        )
        self.stdout.write(f"baseline bulk_create:      {base:.3f} s")
        for label, seconds in (
            ("preview + import:", full),
            ("re-import unchanged file:", again),
        ):
            self.stdout.write(
                f"{label:<26} {seconds:.3f} s  ratio {seconds / base:.2f}"
                "  (target <= 3)"
            )
