"""Same-run ratio of assigning a curriculum to N people against a bulk_create.

    python manage.py bench assign --people 10000

Everything happens inside rolled-back transactions. The baseline writes the
same enrolments with one bulk_create; the measured run is the whole
synchronisation (audience, members, enrolments, "assigned" notices).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment, EnrolmentSource
from curricula.models import Assignment, AudienceKind, Curriculum, CurriculumCourse
from curricula.services import assignment_sync
from lms.bench import Benchmark
from lms.bench import timed as _timed
from people.models import Organisation, Person


class AssignBenchmark(Benchmark):
    name = "assign"
    help = _("Benchmark assigning a curriculum against a plain bulk_create.")

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=3)

    def run(self, *, stdout, people, repeat, **options):
        course = CoursePage.objects.filter(
            live=True, locale__language_code="lv"
        ).first()
        if course is None:
            stdout.write("No published course: run `manage.py load_demo` first.")
            return
        with transaction.atomic():
            self._run(stdout, course, people, repeat)
            transaction.set_rollback(True)

    def _run(self, stdout, course, count, repeat):
        organisation = Organisation.objects.create(
            code="BENCH-ASSIGN", name_lv="Etalonu iestāde", kind="state_institution"
        )
        Person.objects.bulk_create(
            [
                Person(
                    first_name="Līga",
                    last_name=f"Ozola{i}",
                    email=f"bench.assign{i}@example.lv",
                    organisation=organisation,
                )
                for i in range(count)
            ],
            batch_size=1000,
        )
        ids = list(organisation.people.values_list("pk", flat=True))
        curriculum = Curriculum.objects.create(
            code="BENCH-ASSIGN", name_lv="Etalons", owner=organisation
        )
        CurriculumCourse.objects.create(curriculum=curriculum, course=course)
        due = timezone.localdate() + datetime.timedelta(days=30)
        assignment = Assignment.objects.create(
            owner=organisation,
            curriculum=curriculum,
            audience_kind=AudienceKind.ORGANISATION,
            organisation=organisation,
            due_date=due,
        )

        def baseline():
            Enrolment.objects.bulk_create(
                [
                    Enrolment(
                        person_id=pk,
                        course=course,
                        source=EnrolmentSource.ASSIGNMENT,
                        due_on=due,
                    )
                    for pk in ids
                ],
                batch_size=1000,
            )

        def assign():
            result = assignment_sync(assignment=assignment)
            assert result.joined == count, result

        base = _timed(baseline, repeat)
        full = _timed(assign, repeat)
        stdout.write(f"people: {count}, courses: 1, best of {repeat}")
        stdout.write(f"baseline bulk_create:  {base:.3f} s")
        stdout.write(
            f"assignment sync:       {full:.3f} s  ratio {full / base:.2f}"
            "  (target <= 3)"
        )
