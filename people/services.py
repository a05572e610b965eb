import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from people.models import Invitation, Organisation, Person
from people.permissions import LEARNER, home_organisation


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _recorder(actor) -> Organisation | None:
    return home_organisation(actor) if actor is not None else None


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor=None) -> Organisation:
    """Validate and store an organisation edited by `actor`.

    A new organisation remembers the actor's institution, so that a
    coordinator keeps seeing a partner they just recorded.
    """
    if organisation.pk is None and organisation.registered_by_id is None:
        organisation.registered_by = _recorder(actor)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def person_save(*, person: Person, actor=None) -> Person:
    """Validate and store a person edited by `actor` (see organisation_save)."""
    if person.pk is None and person.registered_by_id is None:
        person.registered_by = _recorder(actor)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def organisation_upsert(
    *,
    code: str,
    name_lv: str,
    name_en: str = "",
    kind: str,
    parent: Organisation | None = None,
) -> Organisation:
    """Create or update the organisation with this registration code."""
    organisation = Organisation.objects.filter(
        code=code.strip()
    ).first() or Organisation(code=code.strip())
    organisation.name_lv = name_lv.strip()
    organisation.name_en = name_en.strip()
    organisation.kind = kind
    organisation.parent = parent
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def person_upsert(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    job_title: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> Person:
    """Create or update the person with this e-mail (matched case-insensitively)."""
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        return person_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            job_title=job_title,
            language=language,
        )
    person.first_name = first_name.strip()
    person.last_name = last_name.strip()
    person.organisation = organisation
    person.job_title = job_title.strip()
    person.language = language
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    job_title: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> Person:
    """Record a person; the e-mail is stored lower-cased and must be unique."""
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        organisation=organisation,
        job_title=job_title.strip(),
        language=language,
    )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def account_create(
    *, person: Person, password: str | None, groups: list[str] = ()
) -> "settings.AUTH_USER_MODEL":
    """Give a person an account (or return the one they have) in the given groups."""
    user_model = get_user_model()
    if person.user_id:
        user = person.user
    else:
        user = user_model.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = user_model.objects.create_user(
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
def invitation_send(*, person: Person, invited_by=None) -> Invitation:
    """Create a one-time set-password link for a person and e-mail it to them.

    Sending a new invitation voids the person's earlier, unused ones, so only
    the newest link works.
    """
    if person.user_id is not None:
        raise ValidationError(
            _("%(person)s already has an account.") % {"person": person}
        )
    now = timezone.now()
    Invitation.objects.filter(person=person, accepted_at__isnull=True).update(
        expires_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        person=person,
        token_hash=_token_hash(token),
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
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
    )
    return invitation


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation a link points to, if it is still usable."""
    invitation = (
        Invitation.objects.select_related("person")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if (
        invitation is None
        or invitation.accepted_at is not None
        or invitation.expires_at <= timezone.now()
        or invitation.person.user_id is not None
    ):
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str):
    """Use an invitation: create the account with the chosen password, once."""
    invitation = invitation_for_token(token=token)
    if invitation is None:
        raise ValidationError(_("This invitation link is invalid or has expired."))
    # Lock the row so two simultaneous submissions cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation link is invalid or has expired."))
    user = account_create(person=invitation.person, password=password, groups=[LEARNER])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
