from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from people.forms import InvitationPasswordForm
from people.services import invitation_accept, invitation_for_token


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
            except ValidationError as error:
                form.add_error(None, error)
            else:
                login(request, user, backend="people.backends.EmailBackend")
                messages.success(request, _("Welcome! Your account is ready."))
                return redirect("account")
        return render(
            request, self.template_name, {"form": form, "invitation": invitation}
        )
