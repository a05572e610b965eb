from django.contrib.auth import get_user_model
from django_tasks import task

from people.models import Person
from people.services import invitation_send


@task()
def invitations_send(person_ids: list[int], invited_by_id: int | None) -> int:
    """Invite a selection of people in the background; returns how many were sent.

    People who meanwhile got an account are skipped rather than failing the batch.
    """
    invited_by = get_user_model().objects.filter(pk=invited_by_id).first()
    sent = 0
    for person in Person.objects.filter(
        pk__in=person_ids, user__isnull=True
    ).iterator():
        invitation_send(person=person, invited_by=invited_by)
        sent += 1
    return sent
