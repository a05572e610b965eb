"""The support app's services, one module per noun; this package re-exports them."""

from support.services.consultations import (
    Route,
    consultation_answer,
    consultation_ask,
    consultation_material_create,
    consultation_route,
    text_anonymise,
)
from support.services.needs import feedback_give, support_need_record

__all__ = [
    "Route",
    "consultation_answer",
    "consultation_ask",
    "consultation_material_create",
    "consultation_route",
    "feedback_give",
    "support_need_record",
    "text_anonymise",
]
