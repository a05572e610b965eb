from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.models import MaterialPage, MaterialVersion
from people.models import Person
from support.models import Acknowledgement
from support.permissions import can_acknowledge
from support.selectors import material_audience, material_source


@transaction.atomic
def acknowledgement_record(
    *, person: Person, material: MaterialPage, version: MaterialVersion, actor
) -> Acknowledgement:
    """Record that `person` has read `version` of `material`, once.

    `material` and `version` may be a translation's: the acknowledgement names
    the Latvian page and its version of the same number. Refused with a
    ValidationError, nothing saved, when the version is not the current one,
    the material does not ask this person, or they already acknowledged it;
    PermissionDenied when `actor` is not the person themselves.
    """
    if not can_acknowledge(actor, person):
        raise PermissionDenied
    source = material_source(material)
    if version.page_id != source.pk:
        version = source.versions.filter(version=version.version).first() or version
    if version.page_id != source.pk or version.superseded_at is not None:
        raise ValidationError(
            _("This is not the current version of the material; open it again.")
        )
    if (
        not source.requires_acknowledgement
        or not material_audience(source).filter(pk=person.pk).exists()
    ):
        raise ValidationError(_("You are not asked to acknowledge this material."))
    if Acknowledgement.objects.filter(person=person, version=version).exists():
        raise ValidationError(_("You have already acknowledged this version."))
    try:
        # A double submit that passed the check above meets the constraint.
        with transaction.atomic():
            acknowledgement = Acknowledgement.objects.create(
                person=person, material=source, version=version, recorded_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already acknowledged this version.")
        ) from None
    log(
        instance=source,
        action="support.acknowledge",
        user=actor,
        data={"version": version.version, "person": person.pk},
    )
    return acknowledgement
