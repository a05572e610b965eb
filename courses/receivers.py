"""courses/ follows Wagtail's publishing; each receiver only calls a service
or enqueues a task."""

from django.db import transaction

from courses.models import CoursePage, MaterialPage


def material_published(sender, instance, **kwargs):
    """Wagtail's `page_published` for a MaterialPage: record its version."""
    from courses.services import material_version_record

    material_version_record(page=instance)


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
        material_published, sender=MaterialPage, dispatch_uid="material_version"
    )
    page_published.connect(
        course_published, sender=CoursePage, dispatch_uid="courses_recompletion"
    )
