"""courses/ services, one module per noun; callers import from here."""

from courses.services.learning import (
    completion_evaluate,
    completion_record,
    enrolment_check,
    enrolment_create,
    enrolment_renew,
    enrolment_withdraw,
)
from courses.services.sessions import (
    SessionFull,
    attendance_mark,
    registration_cancel,
    session_register,
    session_save,
)
from courses.services.site import (
    SitePages,
    Taxonomy,
    Translated,
    course_page_ensure,
    footer_settings_update,
    info_page_ensure,
    material_page_ensure,
    site_setup,
)

__all__ = [
    "SessionFull",
    "attendance_mark",
    "registration_cancel",
    "session_register",
    "session_save",
    "SitePages",
    "Taxonomy",
    "Translated",
    "completion_evaluate",
    "completion_record",
    "course_page_ensure",
    "enrolment_check",
    "enrolment_create",
    "enrolment_renew",
    "enrolment_withdraw",
    "footer_settings_update",
    "info_page_ensure",
    "material_page_ensure",
    "site_setup",
]
