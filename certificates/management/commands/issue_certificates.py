"""Issue (or regenerate) the certificates of a course or of a curriculum from
the command line."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Locale

from certificates.models import BatchKind
from certificates.services import certificate_batch_run, certificate_batch_start
from courses.models import CoursePage
from curricula.models import Curriculum
from people.models import Organisation


class Command(BaseCommand):
    help = _(
        "Issue the missing certificates of a course or a curriculum (optionally "
        "of one organisation's people), with a progress bar."
    )

    def add_arguments(self, parser):
        subject = parser.add_mutually_exclusive_group(required=True)
        subject.add_argument("--course", help=_("Course code"))
        subject.add_argument("--curriculum", help=_("Curriculum code"))
        parser.add_argument("--organisation", help=_("Organisation code"))
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help=_("Re-render the valid certificates instead."),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("Do not show a progress bar.")
        )

    def handle(
        self,
        *args,
        course,
        curriculum,
        organisation,
        regenerate,
        no_progress,
        **options,
    ):
        page = plan = None
        if course:
            page = CoursePage.objects.filter(
                code__iexact=course, locale=Locale.get_default()
            ).first()
            if page is None:
                raise CommandError(
                    _("No course has the code %(code)s.") % {"code": course}
                )
        else:
            plan = Curriculum.objects.filter(code__iexact=curriculum).first()
            if plan is None:
                raise CommandError(
                    _("No curriculum has the code %(code)s.") % {"code": curriculum}
                )
        org = None
        if organisation:
            org = Organisation.objects.filter(code__iexact=organisation).first()
            if org is None:
                raise CommandError(
                    _("No organisation has the code %(code)s.") % {"code": organisation}
                )
        # The command line is the operator's: the system acts, as the worker does.
        batch = certificate_batch_start(
            actor=None,
            kind=BatchKind.REGENERATE if regenerate else BatchKind.ISSUE,
            course=page,
            curriculum=plan,
            organisation=org,
        )
        bar = tqdm(
            total=0,
            unit=_("certificates"),
            disable=no_progress,
            file=self.stderr._out,
        )

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            batch = certificate_batch_run(batch=batch, progress=progress)
        finally:
            bar.close()
        self.stdout.write(
            _("%(done)d of %(total)d certificates done.")
            % {"done": batch.done, "total": batch.total}
        )
