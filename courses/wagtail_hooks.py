"""Admin wiring of courses/: log action types, panels, viewsets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_learning_log_actions(actions):
    actions.register_action(
        "courses.enrolment_create", _("Enrolled"), _("Enrolled in a course")
    )
    actions.register_action(
        "courses.enrolment_withdraw", _("Withdrawn"), _("Withdrawn from a course")
    )
    actions.register_action(
        "courses.completion_record", _("Completed"), _("Course completed")
    )


# Sessions: viewsets, attendance screen, dashboard panel, log actions.
from courses import admin_sessions  # noqa: E402, F401
