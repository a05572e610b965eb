"""Admin wiring of sessions: viewsets, the attendance screen, the dashboard
panel and log actions (imported by courses/wagtail_hooks.py).

Scoping (courses/permissions.py): a coordinator or manager sees the sessions
their institution organises or whose trainer works in it, and the
registrations of the people in their scope; a trainer sees their own sessions
and everyone registered for them.
"""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import ListingButton
from wagtail.models import Locale
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from courses.models import (
    CoursePage,
    CourseSession,
    RegistrationStatus,
    SessionRegistration,
)
from courses.permissions import (
    can_mark_attendance,
    own_registrations,
    registrations_visible_to,
    sessions_visible_to,
)
from courses.selectors_sessions import (
    registration_list,
    registrations_of_session,
    registrations_upcoming,
    session_list,
    sessions_localise,
)
from courses.services import attendance_mark, session_save
from lms.viewsets import (
    ScopedIndexView,
    ScopedPermissionPolicy,
    ScopedSnippetViewSet,
    SnippetViewSetGroup,
)
from people.permissions import organisations_visible_to, people_visible_to


def _canonical_courses(user, queryset):
    # Courses are shared by every institution; a session points at the
    # default-language page, which stands for the course in every language.
    return queryset.filter(locale=Locale.get_default())


def _course_choices(request):
    return CoursePage.objects.filter(locale=Locale.get_default()).order_by("title")


class SessionFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("course"), queryset=_course_choices
    )
    starts_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("date"), field_name="starts_at__date"
    )
    cancelled = django_filters.BooleanFilter(label=gettext_lazy("cancelled"))

    class Meta:
        model = CourseSession
        fields = ["course", "starts_at", "cancelled"]


class RegistrationFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("course"),
        field_name="session__course",
        queryset=_course_choices,
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"), choices=RegistrationStatus.choices
    )

    class Meta:
        model = SessionRegistration
        fields = ["course", "status"]


class SessionIndexView(ScopedIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        # Beside the title rather than in the "more" menu: it is the screen
        # trainers come for.
        buttons.append(
            ListingButton(
                _("Attendance and waiting list"),
                url=reverse(
                    "wagtailsnippets_courses_coursesession:attendance",
                    args=[instance.pk],
                ),
                icon_name="group",
                priority=5,
            )
        )
        return buttons


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """One session's registrations: mark each attended or absent (one form,
    all or nothing), and see its waiting list in order."""

    template_name = "courses/sessions/admin_attendance.html"
    header_icon = "group"
    CHOICES = {"": None, "1": True, "0": False}

    def dispatch(self, request, pk):
        # Another institution's session is not even acknowledged: 404.
        self.session = get_object_or_404(
            session_list(queryset=sessions_visible_to(request.user)), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Attendance")

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailsnippets_courses_coursesession:list"),
                "label": _("Sessions"),
            },
            {"url": "", "label": _("Attendance")},
        ]

    def rows(self):
        registrations = list(
            registrations_of_session(
                session=self.session,
                queryset=registrations_visible_to(self.request.user),
            )
        )
        for registration in registrations:
            registration.session = self.session
            registration.may_mark = can_mark_attendance(self.request.user, registration)
        return registrations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = kwargs.get("rows") or self.rows()
        context.update(
            session=self.session,
            registered=[r for r in rows if r.status == RegistrationStatus.REGISTERED],
            waiting=[r for r in rows if r.status == RegistrationStatus.WAITLISTED],
            cancelled=[r for r in rows if r.status == RegistrationStatus.CANCELLED],
            errors=kwargs.get("errors", []),
        )
        return context

    def post(self, request, pk):
        rows = self.rows()
        bulk = request.POST.get("bulk")
        errors = []
        try:
            with transaction.atomic():
                for registration in rows:
                    if (
                        registration.status != RegistrationStatus.REGISTERED
                        or not registration.may_mark
                    ):
                        continue
                    if bulk in ("1", "0"):
                        value = self.CHOICES[bulk]
                    else:
                        raw = request.POST.get(f"attended-{registration.pk}", "")
                        if raw not in self.CHOICES:
                            raise ValidationError(_("Choose attended or absent."))
                        value = self.CHOICES[raw]
                    if value is None or value == registration.attended:
                        continue
                    try:
                        attendance_mark(
                            actor=request.user,
                            registration=registration,
                            attended=value,
                        )
                    except (ValidationError, PermissionDenied) as error:
                        errors.append(
                            f"{registration.person.full_name}: "
                            + " ".join(getattr(error, "messages", [str(error)]))
                        )
                if errors:
                    # Nothing half-written: every mark of this form or none.
                    raise ValidationError(errors)
        except ValidationError as error:
            messages.error(request, _("Attendance was not saved."))
            return self.render_to_response(
                self.get_context_data(rows=self.rows(), errors=error.messages)
            )
        messages.success(request, _("Attendance saved."))
        return redirect(
            reverse("wagtailsnippets_courses_coursesession:attendance", args=[pk])
        )


class ReadOnlyScopedPolicy(ScopedPermissionPolicy):
    """Registrations change only through the services (register, cancel,
    attendance), never through a model form."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_any_permission(user, ["view"])


class SessionViewSet(ScopedSnippetViewSet):
    model = CourseSession
    icon = "date"
    menu_label = gettext_lazy("Sessions")
    scope = staticmethod(sessions_visible_to)
    selector = staticmethod(session_list)
    index_view_class = SessionIndexView
    choice_scopes = {
        "trainer": people_visible_to,
        "organiser": organisations_visible_to,
        "course": _canonical_courses,
    }
    save_with = staticmethod(
        lambda session, user: session_save(actor=user, session=session)
    )
    form_fields = [
        "course",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "trainer",
        "organiser",
        "capacity",
        "registration_deadline",
        "cancelled",
    ]
    list_display = [
        "course",
        "starts_at",
        "place",
        "trainer",
        "capacity",
        Column("seats_taken", label=gettext_lazy("Registered")),
        Column("waiting", label=gettext_lazy("On the waiting list")),
        BooleanColumn("cancelled", label=gettext_lazy("Cancelled")),
    ]
    list_export = [
        "course.code",
        "course.title",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "trainer.email",
        "organiser.code",
        "capacity",
        "registration_deadline",
        "cancelled",
    ]
    export_headings = {
        "course.code": gettext_lazy("Course code"),
        "course.title": gettext_lazy("Course"),
        "trainer.email": gettext_lazy("Trainer e-mail"),
        "organiser.code": gettext_lazy("Organiser code"),
    }
    export_filename = "sessions"
    filterset_class = SessionFilterSet
    ordering = ["starts_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("attendance/<int:pk>/", AttendanceView.as_view(), name="attendance")
        ]


class RegistrationViewSet(ScopedSnippetViewSet):
    model = SessionRegistration
    icon = "user"
    menu_label = gettext_lazy("Session registrations")
    scope = staticmethod(registrations_visible_to)
    selector = staticmethod(registration_list)
    list_display = [
        "person",
        "session",
        "status",
        "registered_at",
        BooleanColumn("attended", label=gettext_lazy("Attended")),
    ]
    list_export = [
        "person.full_name",
        "person.email",
        "session.course.code",
        "session.starts_at",
        "status",
        "registered_at",
        "attended",
    ]
    export_headings = {
        "person.full_name": gettext_lazy("Name"),
        "person.email": gettext_lazy("E-mail"),
        "session.course.code": gettext_lazy("Course code"),
        "session.starts_at": gettext_lazy("Session starts at"),
    }
    export_filename = "session-registrations"
    filterset_class = RegistrationFilterSet
    search_fields = ["person__last_name", "person__email"]

    def register_permissions(self):
        if not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(
                self.model,
                ReadOnlyScopedPolicy(self.model, self.scope),
                exact_class=True,
            )
        super().register_permissions()


class SessionViewSetGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Sessions")
    menu_icon = "date"
    menu_order = 230
    items = (SessionViewSet, RegistrationViewSet)


register_snippet(SessionViewSetGroup)


class UpcomingSessionsPanel(Component):
    """Learner's dashboard: my sessions to come, with .ics and cancel."""

    name = "upcoming_sessions"
    order = 20
    template_name = "courses/sessions/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        # Rendered with the request: the cancel buttons need a CSRF token.
        registrations = list(
            registrations_upcoming(queryset=own_registrations(self.request.user))[:10]
        )
        sessions_localise(registration.session for registration in registrations)
        return render_to_string(
            self.template_name,
            {"registrations": registrations},
            request=self.request,
        )


@hooks.register("construct_dashboard_panels")
def add_upcoming_sessions_panel(request, panels, person):
    panels.append(UpcomingSessionsPanel(request))


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    actions.register_action(
        "courses.session_register",
        gettext_lazy("Registered"),
        gettext_lazy("Registered for a session"),
    )
    actions.register_action(
        "courses.registration_cancel",
        gettext_lazy("Registration cancelled"),
        gettext_lazy("Session registration cancelled"),
    )
    actions.register_action(
        "courses.session_promote",
        gettext_lazy("Promoted"),
        gettext_lazy("Moved from the waiting list to the session"),
    )
    actions.register_action(
        "courses.attendance_mark",
        gettext_lazy("Attendance marked"),
        gettext_lazy("Session attendance marked"),
    )


__all__ = ["AttendanceView", "RegistrationViewSet", "SessionViewSet"]
