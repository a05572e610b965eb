"""Site URLs of courses/ (inside i18n_patterns, before Wagtail's catch-all)."""

from django.urls import path

from courses import views_sessions
from courses.views import SearchView

urlpatterns = [
    path("search/", SearchView.as_view(), name="site_search"),
    path("sessions/", views_sessions.MySessionsView.as_view(), name="my_sessions"),
    path(
        "sessions/<int:pk>/register/",
        views_sessions.SessionRegisterView.as_view(),
        name="session_register",
    ),
    path(
        "sessions/registrations/<int:pk>/cancel/",
        views_sessions.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path(
        "sessions/registrations/<int:pk>/calendar.ics",
        views_sessions.RegistrationCalendarView.as_view(),
        name="registration_calendar",
    ),
]
