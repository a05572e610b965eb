import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_tasks import task

from people.models import Person
from people.services import invitation_send

logger = logging.getLogger(__name__)


@task()
def invitations_send(person_ids: list[int], invited_by_id: int | None) -> int:
    """Invite a selection of people in the background; returns how many were sent.

    People who meanwhile got an account, or whose e-mail an account already
    uses, are skipped rather than failing the batch.
    """
    invited_by = get_user_model().objects.filter(pk=invited_by_id).first()
    sent = 0
    for person in Person.objects.filter(
        pk__in=person_ids, user__isnull=True
    ).iterator():
        try:
            invitation_send(person=person, invited_by=invited_by)
        except ValidationError as error:
            logger.warning("Invitation to person %s not sent: %s", person.pk, error)
            continue
        sent += 1
    return sent
