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

# Sent as demo_loaded.send(sender=None) at the end of `manage.py load_demo`,
# inside its transaction, so that higher apps add their demo records.
demo_loaded = Signal()
