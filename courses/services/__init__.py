"""courses/ services, one module per noun; callers import from here."""

from courses.services.bulk import enrolment_bulk_ensure
from courses.services.learning import (
    completion_evaluate,
    completion_record,
    enrolment_check,
    enrolment_create,
    enrolment_renew,
    enrolment_withdraw,
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
    "SitePages",
    "Taxonomy",
    "Translated",
    "completion_evaluate",
    "completion_record",
    "course_page_ensure",
    "enrolment_bulk_ensure",
    "enrolment_check",
    "enrolment_create",
    "enrolment_renew",
    "enrolment_withdraw",
    "footer_settings_update",
    "info_page_ensure",
    "material_page_ensure",
    "site_setup",
]
