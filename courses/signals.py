"""What courses/ tells the apps above it (certificates, curricula, support).

Sent on commit, so a receiver never sees a completion that was rolled back.
A receiver only calls a service of its own app or enqueues a task.
"""

from django.dispatch import Signal

# Sent as completion_recorded.send(sender=Completion, completion=completion).
completion_recorded = Signal()

# Sent as enrolment_changed.send(sender=Enrolment, enrolment=enrolment) when an
# enrolment is created, completed, withdrawn or superseded (curricula follow it).
enrolment_changed = Signal()

# Sent after commit when a material's new version is published:
# `material_version_published.send(sender=MaterialVersion, version=version)`.
# support/ listens (acknowledgement e-mails to the audience).
material_version_published = Signal()
