"""Admin wiring of courses/: log action types, the materials library listing."""

import django_filters
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from courses import admin_sessions  # noqa: E402, F401
from courses.bulk_actions import EnrolPeopleBulkAction, enrollable_courses
from courses.filters import MaterialAdminFilterSet
from courses.models import (
    CoursePage,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    LessonPage,
    MaterialPage,
    QuizPage,
)
from courses.panels import CompletedCoursesPanel, MyCoursesPanel
from courses.permissions import enrolments_visible_to
from courses.selectors import enrolment_list
from courses.services import enrolment_create
from courses.views import course_serve, lesson_serve, quiz_serve
from lms.viewsets import ScopedSnippetViewSet
from people.permissions import people_visible_to


@hooks.register("register_log_actions")
def register_learning_log_actions(actions):
    actions.register_action(
        "courses.enrolment_create", _("Enrolled"), _("Enrolled in a course")
    )
    actions.register_action(
        "courses.enrolment_withdraw", _("Withdrawn"), _("Withdrawn from a course")
    )
    actions.register_action(
        "courses.attempt_submit", _("Quiz answered"), _("Quiz attempt submitted")
    )
    actions.register_action(
        "courses.completion_record", _("Completed"), _("Course completed")
    )


class MaterialListingViewSet(PageListingViewSet):
    """Every material in one flat list, filtered by any tag (Wagtail's page
    listing: the same permissions, actions and editing as the page tree)."""

    model = MaterialPage
    icon = "doc-full"
    menu_label = _("Materials library")
    menu_order = 150
    add_to_admin_menu = True
    name = "materials"
    filterset_class = MaterialAdminFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("version", label=_("Version")),
    ]

    @cached_property
    def menu_item_class(self):
        # Wagtail shows a page listing's menu item to everyone, while its index
        # view turns away whoever holds none of the page permissions it needs
        # (managers, coordinators): the item led them back to the dashboard.
        # It is shown on the index view's own check, as a ModelViewSet's is.
        index_view_class = self.index_view_class
        model = self.model

        def is_shown(_item, request):
            return policy_registry.get_by_type(model).user_has_any_permission(
                request.user, index_view_class.any_permission_required
            )

        return type("MaterialsMenuItem", (MenuItem,), {"is_shown": is_shown})


@hooks.register("register_admin_viewset")
def register_material_listing():
    return MaterialListingViewSet("materials")


@hooks.register("construct_dashboard_panels")
def add_learning_panels(request, panels, person):
    if person is None:
        return
    panels.append(MyCoursesPanel(person))
    panels.append(CompletedCoursesPanel(person))


def _enrol(enrolment, user):
    # The admin form, the bulk action and self-enrolment share one service.
    return enrolment_create(
        actor=user,
        person=enrolment.person,
        course=enrolment.course,
        source=EnrolmentSource.COORDINATOR,
        due_on=enrolment.due_on,
    )


def _enrollable(user, queryset):
    return queryset.filter(pk__in=enrollable_courses().values("pk"))


class EnrolmentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=EnrolmentStatus.choices
    )
    source = django_filters.ChoiceFilter(
        label=_("source"), choices=EnrolmentSource.choices
    )
    course = django_filters.ModelChoiceFilter(
        label=_("course"), queryset=lambda request: enrollable_courses()
    )
    is_current = django_filters.BooleanFilter(label=_("current"))

    class Meta:
        model = Enrolment
        fields = ["status", "source", "course", "is_current"]


class EnrolmentViewSet(ScopedSnippetViewSet):
    """Enrolments of the people in the viewer's scope; coordinators add them."""

    model = Enrolment
    icon = "doc-full"
    menu_label = _("Enrolments")
    menu_order = 250
    add_to_admin_menu = True
    scope = staticmethod(enrolments_visible_to)
    selector = staticmethod(enrolment_list)
    choice_scopes = {"person": people_visible_to, "course": _enrollable}
    save_with = staticmethod(_enrol)
    save_logs = True
    panels = [FieldPanel("person"), FieldPanel("course"), FieldPanel("due_on")]
    filterset_class = EnrolmentFilterSet
    list_display = [
        "person",
        "course",
        "status",
        "source",
        "enrolled_at",
        "due_on",
    ]
    list_export = [
        "person.email",
        "person.organisation",
        "course.code",
        "course.title",
        "round",
        "status",
        "source",
        "enrolled_at",
        "due_on",
        "closed_at",
        "completed_on",
        "completion_score",
    ]
    export_headings = {
        "completed_on": _("completed on"),
        "completion_score": _("score (%)"),
    }
    export_filename = "enrolments"
    search_fields = ["person__last_name", "person__email", "course__title"]


register_snippet(EnrolmentViewSet)
hooks.register("register_bulk_action", EnrolPeopleBulkAction)


@hooks.register("before_serve_page")
def serve_learning(page, request, serve_args, serve_kwargs):
    # Enrol (course POST), mark a lesson done (lesson POST) and the quiz: the
    # views call the services; everything else is Wagtail's own serving.
    if isinstance(page, QuizPage):
        return quiz_serve(page, request, **serve_kwargs)
    if request.method == "POST" and isinstance(page, CoursePage):
        return course_serve(page, request)
    if request.method == "POST" and isinstance(page, LessonPage):
        return lesson_serve(page, request)
    return None


# Sessions: viewsets, attendance screen, dashboard panel, log actions.
