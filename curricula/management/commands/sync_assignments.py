"""python manage.py sync_assignments: recompute every active assignment's
audience from scratch. Idempotent: a second run changes nothing."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from curricula.services import assignments_sync_all, notifications_deliver


class Command(BaseCommand):
    help = _("Recompute the audience of every active assignment.")

    def handle(self, *args, **options):
        result = assignments_sync_all()
        notifications_deliver()
        self.stdout.write(
            _("%(joined)d joined, %(left)d left.")
            % {"joined": result.joined, "left": result.left}
        )
