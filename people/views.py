from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin.views import account as wagtail_account

from people.forms import InvitationPasswordForm
from people.services import (
    AccountExists,
    account_lockout_clear,
    invitation_accept,
    invitation_for_token,
)


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
