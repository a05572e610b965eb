import hashlib
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

from lms.trees import ancestors, parent_cycle
from people.models import Invitation, Organisation, Person, normalise_email
from people.permissions import LEARNER, WriteScope, home_organisation
from people.selectors import organisation_parents
from people.signals import organisations_moved, people_moved

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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _recorder(actor) -> Organisation | None:
    return home_organisation(actor) if actor is not None else None


def organisation_loop(*, changes: dict[int, int | None]) -> list[str]:
    """Codes along a loop that these {id: new parent id} changes would make, or [].

    The one loop rule for every path (admin, import, command): the stored
    tree, with the changes applied, is checked by lms.trees.parent_cycle.
    """
    parents = organisation_parents()
    parents.update(changes)
    # Only the chains above the changed organisations: a loop stored elsewhere
    # before the rule existed must not block unrelated edits.
    reachable = {}
    for node in changes:
        for member in [node, *ancestors(node, parents.get)]:
            reachable[member] = parents.get(member)
    cycle = parent_cycle(reachable)
    if not cycle:
        return []
    codes = dict(Organisation.objects.filter(pk__in=cycle).values_list("pk", "code"))
    return [codes.get(pk, str(pk)) for pk in cycle]


def organisation_check(
    *,
    organisation: Organisation,
    stored: Organisation | None,
    scope: WriteScope,
    parent: Organisation | None,
) -> dict[str, str]:
    """Errors, by field, of storing `organisation` under `parent` as `scope`'s user.

    `stored` is the row as it was (None for a new one). The parent is passed
    apart because an import sets the parents last, once every row exists.
    """
    errors = {}
    if stored is not None and not scope.owns_organisation(stored):
        errors["code"] = _(
            "This organisation belongs to another institution; you may not change it."
        )
        return errors
    parent_id = parent.pk if parent is not None else None
    # A parent new in the same import has no id yet: that is a move too.
    moved = stored is None or (
        stored.parent_id != parent_id
        or (parent is not None and parent.pk is None)
        or stored.kind != organisation.kind
    )
    if stored is not None and moved and not scope.may_move_organisation(stored):
        errors["parent"] = _(
            "Only an administrator can change the parent or kind of your own "
            "organisation or institution."
        )
    elif parent is not None and moved and not scope.owns_organisation(parent):
        errors["parent"] = _(
            "The parent organisation must be your institution, one of its units or "
            "a partner your institution recorded."
        )
    elif (
        stored is not None
        and parent is not None
        and moved
        and not scope.may_bring_in(stored, parent)
    ):
        errors["parent"] = _(
            "An organisation outside your institution can be placed only under "
            "an existing organisation outside it; only an administrator can move "
            "it into your institution."
        )
    return errors


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor=None) -> Organisation:
    """Validate and store an organisation edited by `actor` (None: the system).

    A new organisation remembers the actor's institution, so that a
    coordinator keeps seeing a partner they just recorded. The actor's scope
    and the tree's loop rule are checked here, for the admin and every caller.
    """
    scope = WriteScope(actor)
    if organisation.pk is None and organisation.registered_by_id is None:
        organisation.registered_by = _recorder(actor)
    stored = (
        Organisation.objects.filter(pk=organisation.pk).first()
        if organisation.pk
        else None
    )
    _raise(
        organisation_check(
            organisation=organisation,
            stored=stored,
            scope=scope,
            parent=organisation.parent,
        )
    )
    organisation.full_clean()
    # A new organisation has no children yet, so only an existing one can
    # close a loop.
    if organisation.pk is not None and organisation.parent_id is not None:
        loop = organisation_loop(changes={organisation.pk: organisation.parent_id})
        if loop:
            _raise({"parent": _loop_message(loop)})
    organisation.save()
    if stored is not None and (
        stored.parent_id != organisation.parent_id or stored.kind != organisation.kind
    ):
        organisations_moved.send(Organisation, organisation_ids=[organisation.pk])
    return organisation


def _loop_message(codes: list[str]) -> str:
    return _("The parent organisations would form a loop: %(codes)s.") % {
        "codes": " → ".join(codes)
    }


@transaction.atomic
def organisation_parents_set(
    *, parents: dict[Organisation, int | None], moved_ids=()
) -> None:
    """Set many organisations' parents at once (an import): the same loop rule.

    `moved_ids` names organisations whose kind changed as well; everything
    whose parent or kind changed is announced once, in bulk.
    """
    loop = organisation_loop(changes={o.pk: p for o, p in parents.items()})
    if loop:
        raise ValidationError(_loop_message(loop))
    changed = []
    for organisation, parent_id in parents.items():
        if organisation.parent_id != parent_id:
            organisation.parent_id = parent_id
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["parent"], batch_size=1000)
    ids = {o.pk for o in changed} | set(moved_ids)
    if ids:
        organisations_moved.send(Organisation, organisation_ids=sorted(ids))


def person_check(
    *, person: Person, stored: Person | None, scope: WriteScope
) -> dict[str, str]:
    """Errors, by field, of storing `person` as `scope`'s user (see WriteScope)."""
    if stored is not None and not scope.may_change_person(stored):
        return {
            "email": _(
                "This person has administrator rights or belongs to another "
                "institution; you may not change them."
            )
        }
    moved = stored is None or stored.organisation_id != person.organisation_id
    if not moved or person.organisation_id is None:
        return {}
    organisation = person.organisation
    if not scope.may_place_person(organisation):
        return {
            "organisation": _(
                "People can be recorded only in your institution, its units or "
                "partner organisations."
            )
        }
    if stored is not None and not scope.may_move_self(stored, organisation):
        return {"organisation": _("You cannot move yourself to another institution.")}
    return {}


@transaction.atomic
def person_save(*, person: Person, actor=None) -> Person:
    """Validate and store a person edited by `actor` (see organisation_save).

    A changed e-mail voids the person's open invitations in the same
    transaction: a link mailed to the old address must not open an account
    for the new one.
    """
    if person.pk is None and person.registered_by_id is None:
        person.registered_by = _recorder(actor)
    stored = (
        Person.objects.select_related("user", "organisation")
        .filter(pk=person.pk)
        .first()
        if person.pk
        else None
    )
    _raise(person_check(person=person, stored=stored, scope=WriteScope(actor)))
    person.full_clean()
    person.save()
    if stored is not None and stored.organisation_id != person.organisation_id:
        people_moved.send(Person, person_ids=[person.pk])
    # An invitation is bound to the address it was sent to: a new address
    # voids it, whichever path changed the e-mail.
    if stored is not None and normalise_email(stored.email) != normalise_email(
        person.email
    ):
        invitation_void_for_person(person=person)
    return person


@transaction.atomic
def people_moved_announce(*, person_ids) -> None:
    """After a bulk write of people (an import): announce those who moved."""
    if person_ids:
        people_moved.send(Person, person_ids=sorted(person_ids))


@transaction.atomic
def organisation_upsert(
    *,
    code: str,
    name_lv: str,
    name_en: str = "",
    kind: str,
    parent: Organisation | None = None,
    actor=None,
) -> Organisation:
    """Create or update the organisation with this registration code."""
    organisation = Organisation.objects.filter(
        code=code.strip()
    ).first() or Organisation(code=code.strip())
    organisation.name_lv = name_lv.strip()
    organisation.name_en = name_en.strip()
    organisation.kind = kind
    organisation.parent = parent
    return organisation_save(organisation=organisation, actor=actor)


@transaction.atomic
def person_upsert(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    job_title: str = "",
    language: str = settings.LANGUAGE_CODE,
    actor=None,
) -> Person:
    """Create or update the person with this e-mail (matched case-insensitively)."""
    person = Person.objects.filter(email__iexact=email.strip()).first() or Person(
        email=email.strip().lower()
    )
    person.first_name = first_name.strip()
    person.last_name = last_name.strip()
    person.organisation = organisation
    person.job_title = job_title.strip()
    person.language = language
    return person_save(person=person, actor=actor)


@transaction.atomic
def person_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    job_title: str = "",
    language: str = settings.LANGUAGE_CODE,
    actor=None,
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
    return person_save(person=person, actor=actor)


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
        lambda: send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]
        )
    )
    return invitation


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation a link points to, if it is still usable.

    It is not, once used, expired or voided, once the person has an account,
    or once the person's e-mail differs from the one the link was sent to.
    """
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
        or not invitation.matches_person_email
    ):
        return None
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
