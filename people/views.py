from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views import account as wagtail_account

from lms.page_cache import person_cache_get_or_set
from people.forms import InvitationPasswordForm
from people.selectors import invitation_for_token, person_for_user
from people.services import (
    AccountExists,
    account_lockout_clear,
    invitation_accept,
)

ACCOUNT_PANELS_HOOK = "construct_account_panels"
DASHBOARD_PANELS_HOOK = "construct_dashboard_panels"


def _panels(request, hook_name: str, person, context) -> list:
    """Ask every app above people/ for its panels, in their `order`."""
    panels = []
    if person is not None:
        for hook in hooks.get_hooks(hook_name):
            hook(request, panels, person)
    panels.sort(key=lambda panel: getattr(panel, "order", 0))
    return [panel.render_html(context) for panel in panels]


class AccountView(LoginRequiredMixin, TemplateView):
    """A signed-in person's own record, and a panel from each app that has one.

    Apps above people/ (catalogue: services, resources and roles) add their
    panels through the `construct_account_panels` hook, called as
    `hook(request, panels, person)` like Wagtail's `construct_homepage_panels`,
    so that people/ never imports them.
    """

    template_name = "people/account.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = person_for_user(user=self.request.user)
        context["person"] = person
        context["panels"] = _panels(self.request, ACCOUNT_PANELS_HOOK, person, context)
        return context


class DashboardView(LoginRequiredMixin, TemplateView):
    """The learner's landing page after login: what to do next, what is done.

    people/ only hosts the page. Each app above it adds its panels through the
    `construct_dashboard_panels` hook, called as `hook(request, panels, person)`
    (courses: enrolments and sessions; support: acknowledgements and
    consultations; curricula: due dates; certificates). A panel is a Wagtail
    `Component` with an `order`: below 100 is "what I must do next", 100 and
    above is "done". It shows only the person's own records.
    """

    template_name = "people/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = person_for_user(user=self.request.user)
        context["person"] = person
        if person is None:
            context["panels"] = []
            return context
        # The panels show only the person's own records, which move their
        # stamp when written (lms.page_cache.people_touch): rendered once per
        # language and day until then, as the public pages are per generation.
        context["panels"] = person_cache_get_or_set(
            self.request,
            person.pk,
            f"dashboard:{get_language()}",
            lambda: _panels(self.request, DASHBOARD_PANELS_HOOK, person, context),
        )
        return context


class InvitationAcceptView(View):
    """The page behind an invitation link: choose a password, then you are in."""

    template_name = "people/invitation_accept.html"

    def get(self, request, token):
        invitation = invitation_for_token(token=token)
        if invitation is None:
            return render(request, "people/invitation_invalid.html", status=404)
        form = InvitationPasswordForm(invitation.person)
        return render(
            request, self.template_name, {"form": form, "invitation": invitation}
        )

    def post(self, request, token):
        invitation = invitation_for_token(token=token)
        if invitation is None:
            return render(request, "people/invitation_invalid.html", status=404)
        form = InvitationPasswordForm(invitation.person, request.POST)
        if form.is_valid():
            try:
                user = invitation_accept(
                    token=token, password=form.cleaned_data["new_password1"]
                )
            except AccountExists:
                # Nobody is logged in: the existing account is not theirs to use.
                return render(request, "people/invitation_refused.html", status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                login(request, user, backend="people.backends.EmailBackend")
                messages.success(request, _("Welcome! Your account is ready."))
                return redirect("account")
        return render(
            request, self.template_name, {"form": form, "invitation": invitation}
        )


class LockoutClearingMixin:
    """A successful password reset lifts the account's login lockout.

    The lockout page sends people to the reset, so the new password must work
    at once rather than after the hour of lockout.
    """

    def form_valid(self, form):
        response = super().form_valid(form)
        account_lockout_clear(user=form.user)
        return response


class PasswordResetConfirmView(
    LockoutClearingMixin, auth_views.PasswordResetConfirmView
):
    pass


class AdminPasswordResetConfirmView(
    LockoutClearingMixin, wagtail_account.PasswordResetConfirmView
):
    pass
