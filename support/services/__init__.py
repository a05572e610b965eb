"""The support app's services, one module per noun; this package re-exports them.

Callers keep `from support.services import acknowledgement_record`.
"""

from support.services.acknowledgements import acknowledgement_record
from support.services.notifications import (
    material_version_notify,
    notification_send_once,
)

__all__ = [
    "acknowledgement_record",
    "material_version_notify",
    "notification_send_once",
]
