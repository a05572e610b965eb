"""Receivers of lower apps' signals; each only enqueues a task."""


def material_version_published(sender, version, **kwargs):
    """courses/ published a new material version: tell its audience, later."""
    from support.tasks import material_version_notify_task

    if version.requires_acknowledgement:
        material_version_notify_task.enqueue(version_id=version.pk)
