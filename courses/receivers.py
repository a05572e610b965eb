"""courses/ follows Wagtail's publishing: the receiver only enqueues a task."""

from django.db import transaction

from courses.models import CoursePage


def course_published(sender, instance, **kwargs):
    from courses.services import recompletion_due
    from courses.tasks import course_recompletion_request

    # Cheap check first so that ordinary republishing enqueues nothing.
    if instance.requires_recompletion and recompletion_due(course=instance).exists():
        transaction.on_commit(
            lambda: course_recompletion_request.enqueue(course_id=instance.pk)
        )


def connect():
    from wagtail.signals import page_published

    page_published.connect(
        course_published, sender=CoursePage, dispatch_uid="courses_recompletion"
    )
