import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task_backends

from lms.tasks import tasks_ping


class Command(BaseCommand):
    help = _("Enqueue a no-op task and wait until a worker has run it.")

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args, timeout, **options):
        result = tasks_ping.enqueue()
        self.stdout.write(
            _("Enqueued on %(backend)s; waiting for a worker…")
            % {"backend": type(task_backends["default"]).__name__}
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # The immediate backend has finished already and cannot refresh.
            if not result.is_finished:
                result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL:
                self.stdout.write(self.style.SUCCESS(_("A worker ran the task.")))
                return
            if result.status == TaskResultStatus.FAILED:
                raise CommandError(_("The task failed."))
            time.sleep(0.2)
        raise CommandError(_("No worker ran the task in time. Is the worker running?"))
