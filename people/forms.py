from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """The login form, labelled for e-mail since the e-mail is the login."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class EmailPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class InvitationPasswordForm(SetPasswordForm):
    """Choose a password for a new account (the user does not exist yet)."""

    def __init__(self, person, *args, **kwargs):
        # SetPasswordForm validates against the user's attributes; an unsaved
        # user carrying the person's names lets the similarity check work.
        user = get_user_model()(
            email=person.email, first_name=person.first_name, last_name=person.last_name
        )
        super().__init__(user, *args, **kwargs)

    def save(self, commit=True):
        raise NotImplementedError("Use people.services.invitation_accept.")
