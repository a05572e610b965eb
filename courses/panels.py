"""The learner's dashboard panels of courses/ (hook in wagtail_hooks.py).

Each reads only the signed-in person's own records, through the selectors,
in a fixed number of queries whatever the number of enrolments and lessons.
"""

from wagtail.admin.ui.components import Component

from courses.selectors import course_outlines, learner_completions, learner_enrolments


class MyCoursesPanel(Component):
    """What I must do next: my open enrolments, their progress, where to go on."""

    name = "my_courses"
    order = 10
    template_name = "courses/panels/my_courses.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        return {
            "outlines": course_outlines(learner_enrolments(person=self.person)),
        }


class CompletedCoursesPanel(Component):
    """Done: my completed courses, with dates and scores (earlier rounds too)."""

    name = "completed_courses"
    order = 110
    template_name = "courses/panels/completed_courses.html"

    def __init__(self, person):
        self.person = person

    def get_context_data(self, parent_context):
        return {"completions": learner_completions(person=self.person)}
