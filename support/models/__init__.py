"""The support app's models, one module per noun; this package re-exports them.

Callers keep `from support.models import Acknowledgement`.
"""

from support.models.acknowledgements import Acknowledgement
from support.models.consultations import (
    Consultation,
    ConsultationAttachment,
    ConsultationOutcome,
)
from support.models.feedback import Feedback
from support.models.needs import SupportForm, SupportNeed
from support.models.notifications import NotificationKind, NotificationSent

__all__ = [
    "Acknowledgement",
    "Consultation",
    "ConsultationAttachment",
    "ConsultationOutcome",
    "Feedback",
    "NotificationKind",
    "NotificationSent",
    "SupportForm",
    "SupportNeed",
]
