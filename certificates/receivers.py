"""certificates/ follows courses/ and curricula/: a completion of a course or
of a curriculum enqueues its certificate (the signals are sent on commit)."""

from django.dispatch import receiver

from courses.signals import completion_recorded
from curricula.signals import curriculum_completed


@receiver(completion_recorded, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, completion, **kwargs):
    from certificates.tasks import certificate_issue_task

    certificate_issue_task.enqueue(completion.pk)


@receiver(
    curriculum_completed, dispatch_uid="certificates_issue_on_curriculum_completion"
)
def issue_on_curriculum_completion(sender, completion, **kwargs):
    from certificates.tasks import curriculum_certificate_issue_task

    curriculum_certificate_issue_task.enqueue(completion.pk)
