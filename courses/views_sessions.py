"""Learners' session pages: register, join the waiting list, cancel, .ics.

Every view acts on the signed-in person's own records only: another person's
registration id is a 404. The rules live in courses/services/sessions.py.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from courses.calendar import session_ics
from courses.models import CourseSession, RegistrationStatus
from courses.permissions import own_registrations
from courses.selectors_sessions import (
    registration_list,
    registrations_upcoming,
    sessions_localise,
)
from courses.services import SessionFull, registration_cancel, session_register
from people.selectors import person_for_user


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


def _own_person(request):
    person = person_for_user(user=request.user)
    if person is None:
        raise Http404
    return person


class SessionRegisterView(LoginRequiredMixin, View):
    """POST: register the signed-in person, or put them on the waiting list
    when they chose it (the button reads "Join the waiting list")."""

    http_method_names = ["post"]

    def post(self, request, pk):
        person = _own_person(request)
        session = get_object_or_404(
            CourseSession.objects.select_related("course"), pk=pk
        )
        try:
            registration = session_register(
                actor=request.user,
                person=person,
                session=session,
                waitlist=request.POST.get("waitlist") == "1",
            )
        except SessionFull as error:
            messages.warning(request, " ".join(error.messages))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            raise Http404 from error
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.success(
                    request,
                    _(
                        "You are on the waiting list. We will e-mail you if a "
                        "seat becomes free."
                    ),
                )
            else:
                messages.success(request, _("You are registered for the session."))
        return _back(request, reverse("my_sessions"))


class RegistrationCancelView(LoginRequiredMixin, View):
    """POST: cancel one's own registration or leave the waiting list."""

    http_method_names = ["post"]

    def post(self, request, pk):
        registration = get_object_or_404(own_registrations(request.user), pk=pk)
        try:
            registration_cancel(actor=request.user, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your registration is cancelled."))
        return _back(request, reverse("my_sessions"))


class RegistrationCalendarView(LoginRequiredMixin, View):
    """GET: the session of one's own registration as an .ics attachment."""

    def get(self, request, pk):
        registration = get_object_or_404(
            registration_list(
                queryset=own_registrations(request.user).filter(
                    status=RegistrationStatus.REGISTERED
                )
            ),
            pk=pk,
        )
        session = registration.session
        course = session.course.localized
        trainer = session.trainer.full_name if session.trainer else ""
        description = _("Course %(code)s.") % {"code": course.code}
        if trainer:
            description += " " + _("Trainer: %(name)s.") % {"name": trainer}
        body = session_ics(
            uid=f"session-{session.pk}@{request.get_host().split(':')[0]}",
            summary=course.title,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            location=session.place or session.online_url,
            url=session.online_url,
            description=description,
            cancelled=session.cancelled,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        name = slugify(f"{course.code}-{session.starts_at:%Y-%m-%d}") or "session"
        response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
        return response


class MySessionsView(LoginRequiredMixin, TemplateView):
    """The signed-in person's sessions: upcoming first, then the past ones."""

    template_name = "courses/sessions/my_sessions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = own_registrations(self.request.user)
        upcoming = list(registrations_upcoming(queryset=mine))
        past = list(
            registration_list(queryset=mine)
            .exclude(pk__in=[registration.pk for registration in upcoming])
            .order_by("-session__starts_at")
        )
        sessions_localise(registration.session for registration in upcoming + past)
        context["upcoming"] = upcoming
        context["past"] = past
        return context
