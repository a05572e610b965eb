"""The support app's models, one module per noun; this package re-exports them."""

from support.models.consultations import (
    Consultation,
    ConsultationAttachment,
    ConsultationOutcome,
)
from support.models.feedback import Feedback
from support.models.needs import SupportForm, SupportNeed

__all__ = [
    "Consultation",
    "ConsultationAttachment",
    "ConsultationOutcome",
    "Feedback",
    "SupportForm",
    "SupportNeed",
]
