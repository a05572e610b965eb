"""State changes of accounts and their invitations."""

import secrets
from datetime import timedelta

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import mail_admins, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from people.models import Invitation, Person, normalise_email
from people.permissions import LEARNER
from people.selectors import invitation_for_token

INVITATION_REFUSED = "people.invitation_refused"


class AccountExists(ValidationError):
    """An account already uses this e-mail; a new one is never created over it."""

    def __init__(self):
        super().__init__(
            _("An account with this e-mail address already exists."),
            code="account_exists",
        )


def _account_exists(email: str) -> bool:
    return (
        get_user_model().objects.filter(email__iexact=normalise_email(email)).exists()
    )


@transaction.atomic
def account_create(
    *, person: Person, password: str | None, groups: list[str] = ()
) -> "settings.AUTH_USER_MODEL":
    """Give a person a new account in the given groups.

    Never attaches an existing account: if any account already uses the
    person's e-mail, in any letter case, `AccountExists` is raised and nothing
    is written. A person who already has their own account keeps it and gains
    the groups, so that running this twice changes nothing.
    """
    if person.user_id:
        user = person.user
    else:
        if _account_exists(person.email):
            raise AccountExists()
        user = get_user_model().objects.create_user(
            email=person.email,
            password=password,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        person.user = user
        person.save(update_fields=["user"])
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@transaction.atomic
def account_lockout_clear(*, user) -> int:
    """Lift the login lockout of an account, e.g. after its password was reset.

    Returns how many failure records were removed. Axes counts failures under
    the normalised e-mail; records written before that normalisation may carry
    another letter case, so every case variant is removed.
    """
    key = normalise_email(user.email)
    removed = axes_reset(username=key)
    removed += AccessAttempt.objects.filter(username__iexact=key).delete()[0]
    return removed


@transaction.atomic
def invitation_void_for_person(*, person: Person) -> int:
    """Void every open invitation of a person; returns how many were voided.

    Called whenever the person's e-mail changes (person_save does) and before
    a new invitation is sent. Importers that change e-mails must call it too.
    """
    now = timezone.now()
    return Invitation.objects.filter(
        person=person, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)


@transaction.atomic
def invitation_send(*, person: Person, invited_by=None) -> Invitation:
    """Create a one-time set-password link for a person and e-mail it to them.

    The invitation is bound to the person and to the e-mail it is sent to.
    Sending a new invitation voids the person's earlier, unused ones, so only
    the newest link works. A person whose e-mail an account already uses is
    not invited: accepting could never succeed.
    """
    if person.user_id is not None:
        raise ValidationError(
            _("%(person)s already has an account.") % {"person": person}
        )
    if _account_exists(person.email):
        raise ValidationError(
            _(
                "Not invited: %(person)s. An account with the e-mail %(email)s "
                "already exists."
            )
            % {"email": person.email, "person": person},
            code="account_exists",
        )
    invitation_void_for_person(person=person)
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        person=person,
        email=normalise_email(person.email),
        token_hash=Invitation.hash_token(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "invitation_accept", kwargs={"token": token}
    )
    with translation.override(person.language):
        context = {
            "person": person,
            "link": link,
            "expires_at": invitation.expires_at,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = _("Invitation to the methodological support portal")
        body = render_to_string("people/email/invitation.txt", context)
    # Sent after commit: a rolled-back invitation must not reach anyone's inbox.
    transaction.on_commit(
        lambda: send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]
        )
    )
    return invitation


def invitation_accept(*, token: str, password: str):
    """Use an invitation: create the account with the chosen password, once.

    Raises ValidationError for an unusable link, and `AccountExists` when an
    account already uses the e-mail: then nothing is created or linked, the
    invitation is voided and the inviter is told (invitation_refuse).
    """
    try:
        return _invitation_accept(token=token, password=password)
    except AccountExists:
        # The accept transaction is rolled back; the refusal is recorded in
        # a transaction of its own.
        invitation = invitation_for_token(token=token)
        if invitation is not None:
            invitation_refuse(invitation=invitation)
        raise


@transaction.atomic
def _invitation_accept(*, token: str, password: str):
    invalid = ValidationError(_("This invitation link is invalid or has expired."))
    invitation = invitation_for_token(token=token)
    if invitation is None:
        raise invalid
    # Lock the invitation and the person so that two simultaneous submissions,
    # or an edit of the e-mail, cannot race the checks below.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    person = Person.objects.select_for_update().get(pk=invitation.person_id)
    invitation.person = person
    if (
        invitation.accepted_at is not None
        or invitation.expires_at <= timezone.now()
        or person.user_id is not None
        or not invitation.matches_person_email
    ):
        raise invalid
    user = account_create(person=person, password=password, groups=[LEARNER])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def invitation_refuse(*, invitation: Invitation) -> None:
    """Void an invitation whose e-mail already belongs to an account, and tell.

    The refusal goes into the person's history in the admin, the inviting
    coordinator gets an e-mail, and so do the site's ADMINS: someone may have
    re-addressed a person to take over an account.
    """
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    person = invitation.person
    inviter = invitation.invited_by
    log(
        instance=person,
        action=INVITATION_REFUSED,
        user=inviter,
        data={"email": invitation.email, "invitation": invitation.pk},
    )
    edit_link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_people_person:edit", args=[person.pk]
    )
    context = {"person": person, "email": invitation.email, "link": edit_link}
    if inviter is not None and inviter.email:
        inviter_person = getattr(inviter, "person", None)
        language = inviter_person.language if inviter_person else None
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = _("An invitation was refused: the e-mail has an account")
            body = render_to_string("people/email/invitation_refused.txt", context)
        transaction.on_commit(
            lambda: send_mail(
                subject, body, settings.DEFAULT_FROM_EMAIL, [inviter.email]
            )
        )
    with translation.override(settings.LANGUAGE_CODE):
        admin_subject = _("An invitation was refused: the e-mail has an account")
        admin_body = render_to_string("people/email/invitation_refused.txt", context)
    transaction.on_commit(lambda: mail_admins(admin_subject, admin_body))
