from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from people.models import normalise_email


def axes_username(request, credentials: dict | None = None) -> str | None:
    """The username django-axes counts failures under (AXES_USERNAME_CALLABLE).

    Login finds the account by e-mail in any letter case, so failures must be
    counted the same way: otherwise `LAURA@…` would get five fresh guesses
    after `laura@…` was locked out.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    # None, as axes itself gives, when the form carried no username at all.
    return normalise_email(value) or None


class EmailBackend(ModelBackend):
    """Log in with the e-mail address, whatever its letter case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        email = normalise_email(username or kwargs.get(user_model.USERNAME_FIELD))
        if not email or password is None:
            return None
        try:
            user = user_model._default_manager.get(email__iexact=email)
        except user_model.DoesNotExist:
            # Hash anyway so that timing does not reveal which e-mails exist.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
