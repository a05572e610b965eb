"""Receivers of Wagtail's signals; each only calls a service."""

from courses.services import material_version_record


def material_published(sender, instance, **kwargs):
    """Wagtail's `page_published` for a MaterialPage: record its version."""
    material_version_record(page=instance)
