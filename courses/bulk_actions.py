"""Bulk action on the people listing: enrol the selected people in a course."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from courses.models import CoursePage, EnrolmentSource
from courses.permissions import can_enrol_others
from lms.viewsets import ScopedBulkActionMixin
from people.models import Person
from people.permissions import people_visible_to


def enrollable_courses():
    """Courses a coordinator may enrol people in: the live default-locale pages
    (a course is one course in every language)."""
    return (
        CoursePage.objects.live().filter(locale=Locale.get_default()).order_by("title")
    )


class EnrolForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none()
    )
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = enrollable_courses()


class EnrolPeopleBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    """Enrol the selected people (in the coordinator's scope) in one course."""

    display_name = _("Enrol in a course")
    action_type = "enrol"
    aria_label = _("Enrol the selected people in a course")
    template_name = "courses/bulk_actions/confirm_enrol.html"
    action_priority = 30
    models = [Person]
    form_class = EnrolForm

    def get_all_objects_in_listing_query(self, parent_id):
        return people_visible_to(self.request.user).values_list("pk", flat=True)

    def check_perm(self, person):
        return can_enrol_others(self.request.user, person)

    @classmethod
    def execute_action(cls, objects, user=None, course=None, due_on=None, **kwargs):
        from courses.services import enrolment_create

        for person in objects:
            enrolment_create(
                actor=user,
                person=person,
                course=course,
                source=EnrolmentSource.COORDINATOR,
                due_on=due_on,
            )
        return len(objects), 0

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "course": self.cleaned_form.cleaned_data["course"],
            "due_on": self.cleaned_form.cleaned_data.get("due_on"),
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d person is enrolled in %(course)s.",
            "%(count)d people are enrolled in %(course)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "course": self.cleaned_form.cleaned_data["course"].title,
        }
