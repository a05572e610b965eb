"""Signals courses/ sends so that higher apps can follow, and the receiver of
Wagtail's publish signal (it only calls a service)."""

from django.dispatch import Signal

# Sent after commit when a material's new version is published:
# `material_version_published.send(sender=MaterialVersion, version=version)`.
# support/ listens (acknowledgement e-mails to the audience).
material_version_published = Signal()


def material_published(sender, instance, **kwargs):
    """Wagtail's `page_published` for a MaterialPage: record its version."""
    from courses.services import material_version_record

    material_version_record(page=instance)
