"""Events of the people app that higher apps react to.

people/ sits below catalogue/, so it cannot call catalogue's services itself:
it announces, inside the same transaction, what moved, and catalogue
recomputes what depends on it (see catalogue.apps).
"""

from django.dispatch import Signal

# organisation_ids: organisations whose parent or kind changed.
organisations_moved = Signal()
# person_ids: people whose organisation changed.
people_moved = Signal()
