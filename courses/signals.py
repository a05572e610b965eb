"""Signals courses/ sends so that higher apps can follow."""

from django.dispatch import Signal

# Sent after commit when a material's new version is published:
# `material_version_published.send(sender=MaterialVersion, version=version)`.
# support/ listens (acknowledgement e-mails to the audience).
material_version_published = Signal()
