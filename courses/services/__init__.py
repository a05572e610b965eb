"""courses/ services, one module per noun; callers import from here."""

from courses.services.bulk import enrolment_bulk_ensure
from courses.services.content import (
    QuestionText,
    lesson_page_ensure,
    quiz_page_ensure,
)
from courses.services.learning import (
    completion_evaluate,
    completion_record,
    enrolment_check,
    enrolment_create,
    enrolment_renew,
    enrolment_withdraw,
    lesson_progress_record,
)
from courses.services.quizzes import attempt_submit, quiz_sheet
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
    material_version_publish,
    material_version_record,
    site_setup,
)
from courses.services.versions import course_recompletion_request, recompletion_due

__all__ = [
    "QuestionText",
    "SessionFull",
    "SitePages",
    "Taxonomy",
    "Translated",
    "attempt_submit",
    "attendance_mark",
    "completion_evaluate",
    "completion_record",
    "course_page_ensure",
    "course_recompletion_request",
    "enrolment_bulk_ensure",
    "enrolment_check",
    "enrolment_create",
    "enrolment_renew",
    "enrolment_withdraw",
    "footer_settings_update",
    "info_page_ensure",
    "lesson_page_ensure",
    "lesson_progress_record",
    "material_page_ensure",
    "material_version_publish",
    "material_version_record",
    "quiz_page_ensure",
    "quiz_sheet",
    "recompletion_due",
    "registration_cancel",
    "session_register",
    "session_save",
    "site_setup",
]
