"""curricula/ services, one module per noun; callers import from here."""

from curricula.services.assignments import (
    INLINE_MAX_PEOPLE,
    AssignmentOutcome,
    assignment_check,
    assignment_overlaps,
    assignment_save,
    assignment_scope_check,
    curriculum_check,
    curriculum_courses_check,
    curriculum_materials_check,
    curriculum_save,
)
from curricula.services.completions import (
    curriculum_completion_evaluate,
    curriculum_completions_evaluate,
    curriculum_completions_sweep,
)
from curricula.services.notices import (
    Notice,
    assignment_remind_overdue,
    attainments_expiring,
    expiring_source_register,
    notices_record,
    notification_mark_read,
    notifications_deliver,
    reminders_send,
)
from curricula.services.sync import (
    SyncResult,
    add_months,
    assignment_sync,
    assignments_recur,
    assignments_sync_all,
    member_due_on,
)

__all__ = [
    "INLINE_MAX_PEOPLE",
    "AssignmentOutcome",
    "Notice",
    "SyncResult",
    "add_months",
    "assignment_check",
    "assignment_overlaps",
    "assignment_remind_overdue",
    "assignment_save",
    "assignment_scope_check",
    "assignment_sync",
    "assignments_recur",
    "assignments_sync_all",
    "attainments_expiring",
    "curriculum_check",
    "curriculum_completion_evaluate",
    "curriculum_completions_evaluate",
    "curriculum_completions_sweep",
    "curriculum_courses_check",
    "curriculum_materials_check",
    "curriculum_save",
    "expiring_source_register",
    "member_due_on",
    "notices_record",
    "notification_mark_read",
    "notifications_deliver",
    "reminders_send",
]
