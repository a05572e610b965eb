"""The support app's services, one module per noun; this package re-exports them.

Callers keep `from support.services import acknowledgement_record`.
"""

from support.services.acknowledgements import acknowledgement_record
from support.services.consultations import (
    Route,
    consultation_answer,
    consultation_ask,
    consultation_material_create,
    consultation_route,
    text_anonymise,
)
from support.services.needs import feedback_give, support_need_record
from support.services.notifications import (
    material_version_notify,
    notification_send_once,
)

__all__ = [
    "Route",
    "acknowledgement_record",
    "consultation_answer",
    "consultation_ask",
    "consultation_material_create",
    "consultation_route",
    "feedback_give",
    "material_version_notify",
    "notification_send_once",
    "support_need_record",
    "text_anonymise",
]
