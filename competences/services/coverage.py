"""State changes of requirements, attainments and delegations.

Every change of coverage data goes through one of these services, whatever the
channel (admin, import, task, command): each checks the actor's permission in
competences.permissions, validates, writes atomically and records who did what
through which channel in Wagtail's audit log. The `*_check` functions return
the refusals by field, for the admin and the importers alike.
"""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from competences.models import (
    Attainment,
    AttainmentSource,
    Competence,
    Delegation,
    Requirement,
)
from competences.models_coverage import add_months
from competences.permissions import (
    can_grant_attainment,
    can_revoke_attainment,
    can_save_delegation,
    can_save_requirement,
)
from lms.uploads import DOCUMENT_TYPES, document_check

# The channels a change arrives through, recorded in the audit log.
CHANNELS = ("admin", "import", "task", "command")
# Evidence may be a PDF, an image or an office document, recognised by content.
EVIDENCE_TYPES = DOCUMENT_TYPES


def _log(instance, action: str, *, actor, channel: str, **data) -> None:
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}")
    log(instance=instance, action=action, user=actor, data={"channel": channel, **data})


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not make this change."))


def _attained_on_errors(attained_on: datetime.date) -> dict[str, str]:
    if attained_on > timezone.localdate():
        return {"attained_on": _("The date of attainment cannot be in the future.")}
    return {}


def _expiry(competence, attained_on, expires_on):
    """expires_on as given, else attained_on plus the competence's validity
    (month-end clamped), else never."""
    if expires_on is None and competence.validity_months:
        return add_months(attained_on, competence.validity_months)
    return expires_on


def _build_attainment(
    *, person, competence, attained_on, level, expires_on, source, note
) -> Attainment:
    errors = _attained_on_errors(attained_on)
    if errors:
        raise ValidationError(errors)
    expires_on = _expiry(competence, attained_on, expires_on)
    return Attainment(
        person=person,
        competence=competence,
        level=level,
        attained_on=attained_on,
        expires_on=expires_on,
        source=source,
        note=note,
    )


@transaction.atomic
def attainment_grant(
    *,
    actor,
    person,
    competence: Competence,
    attained_on: datetime.date,
    level: int | None = None,
    expires_on: datetime.date | None = None,
    source: str = AttainmentSource.IMPORT,
    note: str = "",
    channel: str = "admin",
) -> Attainment:
    """Record that a person attained a competence; older attainments stay.

    `expires_on`, when not given, is `attained_on` plus the competence's
    validity (month-end clamped); without validity it never expires. `actor`
    None is the system itself (a course completion in a task); any other actor
    needs `can_grant_attainment`. A recognition needs evidence: use
    `recognition_record`.
    """
    if source == AttainmentSource.RECOGNITION:
        raise ValidationError(_("A recognition needs an evidence file."))
    if actor is not None:
        _deny_unless(can_grant_attainment(actor, person))
    attainment = _build_attainment(
        person=person,
        competence=competence,
        attained_on=attained_on,
        level=level,
        expires_on=expires_on,
        source=source,
        note=note,
    )
    attainment.recorded_by = actor
    attainment.full_clean()
    attainment.save()
    _log(attainment, "competences.attainment_grant", actor=actor, channel=channel)
    return attainment


def evidence_check(evidence) -> None:
    """Refuse evidence that is missing, too large, or not a PDF, an image or an
    office document by its content (lms.uploads.document_check)."""
    if not evidence:
        raise ValidationError({"evidence": _("A recognition needs an evidence file.")})
    document_check(
        evidence, field="evidence", max_bytes=settings.COMPETENCE_EVIDENCE_MAX_BYTES
    )


@transaction.atomic
def recognition_record(
    *,
    actor,
    person,
    competence: Competence,
    attained_on: datetime.date,
    evidence: File,
    note: str = "",
    level: int | None = None,
    expires_on: datetime.date | None = None,
    channel: str = "admin",
) -> Attainment:
    """Recognise prior learning or an external certificate, with its evidence."""
    _deny_unless(actor is not None and can_grant_attainment(actor, person))
    evidence_check(evidence)
    attainment = _build_attainment(
        person=person,
        competence=competence,
        attained_on=attained_on,
        level=level,
        expires_on=expires_on,
        source=AttainmentSource.RECOGNITION,
        note=note,
    )
    attainment.recorded_by = actor
    attainment.evidence = evidence
    attainment.full_clean()
    attainment.save()
    _log(attainment, "competences.recognition_record", actor=actor, channel=channel)
    return attainment


@transaction.atomic
def attainment_revoke(
    *, actor, attainment: Attainment, reason: str, channel: str = "admin"
) -> Attainment:
    """Revoke an attainment: it stays in the history, marked, and no longer counts."""
    _deny_unless(can_revoke_attainment(actor, attainment))
    attainment = Attainment.objects.select_for_update().get(pk=attainment.pk)
    if attainment.revoked_at is not None:
        raise ValidationError(_("This attainment is already revoked."))
    if not reason.strip():
        raise ValidationError(
            {"revocation_reason": _("Give the reason for the revocation.")}
        )
    attainment.revoked_at = timezone.now()
    attainment.revoked_by = actor
    attainment.revocation_reason = reason.strip()
    attainment.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    _log(
        attainment,
        "competences.attainment_revoke",
        actor=actor,
        channel=channel,
        reason=attainment.revocation_reason,
    )
    return attainment


@transaction.atomic
def requirement_save(
    *, actor, requirement: Requirement, channel: str = "admin"
) -> Requirement:
    """Create or change a requirement (see permissions.can_save_requirement)."""
    _deny_unless(can_save_requirement(actor, requirement))
    created = requirement.pk is None
    if created:
        requirement.created_by = actor
    requirement.full_clean()
    requirement.save()
    _log(
        requirement,
        "wagtail.create" if created else "wagtail.edit",
        actor=actor,
        channel=channel,
    )
    return requirement


@transaction.atomic
def delegation_save(
    *, actor, delegation: Delegation, channel: str = "admin"
) -> Delegation:
    """Create or change a delegation: a delegable competence covered by a
    competence centre for one service or a whole institution."""
    _deny_unless(can_save_delegation(actor, delegation))
    created = delegation.pk is None
    if created:
        delegation.created_by = actor
    delegation.full_clean()
    delegation.save()
    _log(
        delegation,
        "wagtail.create" if created else "wagtail.edit",
        actor=actor,
        channel=channel,
    )
    return delegation


# Checks shared by the admin and the importers ----------------------------------


def _model_errors(instance, exclude=(), known=None) -> dict[str, str]:
    """The model's own validation (fields, clean, constraints), by field.

    `known` holds the refusals already found by field; a constraint's error
    (which names no field) is left out when those explain it.
    """
    errors = dict(known or {})
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name == NON_FIELD_ERRORS and errors:
                continue
            errors.setdefault(name, str(messages[0]))
    return errors


def attainment_check(
    *, attainment: Attainment, actor, visible_people=None
) -> dict[str, str]:
    """Refusals, by field, of recording `attainment` as `actor` (None: the
    system). Derives expires_on from the competence's validity when empty.

    `visible_people` (ids the actor sees) spares a query per row in imports.
    """
    errors = {}
    if (
        attainment.person_id
        and actor is not None
        and not can_grant_attainment(
            actor, attainment.person, visible_ids=visible_people
        )
    ):
        errors["person"] = _("You may not record attainments of this person.")
    if attainment.source == AttainmentSource.RECOGNITION and not attainment.evidence:
        errors["source"] = _(
            "A recognition needs an evidence file: record it in the admin."
        )
    if attainment.attained_on:
        errors.update(_attained_on_errors(attainment.attained_on))
        if attainment.competence_id:
            attainment.expires_on = _expiry(
                attainment.competence, attainment.attained_on, attainment.expires_on
            )
        if attainment.expires_on and attainment.expires_on <= attainment.attained_on:
            errors["expires_on"] = _(
                "The expiry date must be after the date of attainment."
            )
    return _model_errors(
        attainment, exclude=("person", "competence", "recorded_by"), known=errors
    )


def requirement_check(*, requirement: Requirement, actor) -> dict[str, str]:
    """Refusals, by field, of storing `requirement` as `actor`."""
    errors = _model_errors(requirement, exclude=("competence",))
    if not errors and not can_save_requirement(actor, requirement):
        field = (
            "service"
            if requirement.service_id
            else "resource"
            if requirement.resource_id
            else "role"
            if requirement.role
            else "competence"
        )
        errors[field] = _(
            "You may set requirements only for your institution's services and "
            "resources (or the services you manage)."
        )
    return errors


def delegation_check(*, delegation: Delegation, actor) -> dict[str, str]:
    """Refusals, by field, of storing `delegation` as `actor`."""
    known = {}
    if (
        delegation.end_date
        and delegation.start_date
        and delegation.end_date < delegation.start_date
    ):
        known["end_date"] = _("The end date is before the start date.")
    errors = _model_errors(delegation, exclude=("competence", "centre"), known=known)
    if delegation.competence_id and delegation.centre_id:
        try:
            delegation.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, str(messages[0]))
    if not errors and not can_save_delegation(actor, delegation):
        field = "service" if delegation.service_id else "institution"
        errors[field] = _(
            "You may record delegations only for your institution and its services."
        )
    return errors


def attainments_log(*, ids, actor, channel: str) -> None:
    """The audit entries of attainments written in bulk (an import): one query
    to read them, one to write the entries."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}")
    content_type = ContentType.objects.get_for_model(Attainment)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(attainment.pk),
                label=str(attainment)[:255],
                action="competences.attainment_grant",
                data={"channel": channel},
                user=actor,
                timestamp=now,
            )
            for attainment in Attainment.objects.filter(pk__in=ids).select_related(
                "person", "competence"
            )
        ],
        batch_size=500,
    )
