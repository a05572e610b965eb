"""certificates/ follows courses/: a completion enqueues its certificate."""

from django.dispatch import receiver

from courses.signals import completion_recorded


@receiver(completion_recorded, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, completion, **kwargs):
    from certificates.tasks import certificate_issue_task

    certificate_issue_task.enqueue(completion.pk)
