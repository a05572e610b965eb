"""What curricula/ tells the apps above it (certificates).

Sent on commit, so a receiver never sees a completion that was rolled back.
A receiver only calls a service of its own app or enqueues a task.
"""

from django.dispatch import Signal

# Sent after commit, once per recorded completion, as
# `curriculum_completed.send(sender=CurriculumCompletion, completion=completion)`
# (curricula.services.curriculum_completion_evaluate).
curriculum_completed = Signal()
