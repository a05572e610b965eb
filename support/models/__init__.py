"""The support app's models, one module per noun; this package re-exports them.

Callers keep `from support.models import Acknowledgement`.
"""

from support.models.acknowledgements import Acknowledgement
from support.models.notifications import NotificationKind, NotificationSent

__all__ = ["Acknowledgement", "NotificationKind", "NotificationSent"]
