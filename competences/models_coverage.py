"""Requirements, attainments and delegations: the data behind competence coverage.

Levels are stored as the 1-based position of a value in the framework's scale
(`CompetenceFramework.scale_values`, lowest first), so that "at that level or
higher" is a plain comparison in SQL; files and exports write the label.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from catalogue.models import ResponsibleRole
from people.models import OrganisationKind


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months`, on the same day of the month or, when that day does
    not exist, on the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def level_label(framework, level: int | None) -> str:
    """The scale's label for a stored level position ('' for no level)."""
    if level is None:
        return ""
    values = framework.scale_values or []
    return values[level - 1] if 0 < level <= len(values) else str(level)


def _check_level(competence, level, field: str) -> dict:
    if level is None or competence is None:
        return {}
    if level > len(competence.framework.scale_values or []):
        return {
            field: _("The framework's scale has no level %(level)s.") % {"level": level}
        }
    return {}


class Requirement(models.Model):
    """A competence required, optionally at a minimum level, beyond the mandatory
    ones: of everyone involved (no scope), of everyone delivering one service,
    of everyone using one resource, or of every holder of one role."""

    competence = models.ForeignKey(
        "competences.Competence",
        verbose_name=_("competence"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"),
        null=True,
        blank=True,
        help_text=_(
            "Position in the framework's scale (1 = the lowest level). "
            "Leave empty if any attainment meets it."
        ),
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    resource = models.ForeignKey(
        "catalogue.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    role = models.CharField(
        _("role"), max_length=32, choices=ResponsibleRole.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("competence"), FieldPanel("min_level")]),
        FieldRowPanel(
            [FieldPanel("service"), FieldPanel("resource"), FieldPanel("role")]
        ),
    ]

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["competence__code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(service__isnull=False, resource__isnull=False)
                & (Q(role="") | Q(service__isnull=True, resource__isnull=True)),
                name="requirement_one_scope_at_most",
                violation_error_message=_(
                    "Choose at most one of a service, a resource and a role."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_level__isnull=True) | Q(min_level__gte=1),
                name="requirement_min_level_positive",
                violation_error_message=_("Levels are numbered from 1."),
            ),
            models.UniqueConstraint(
                fields=["competence", "service"],
                condition=Q(service__isnull=False),
                name="requirement_unique_service",
                violation_error_message=_(
                    "This competence is already required for this service."
                ),
            ),
            models.UniqueConstraint(
                fields=["competence", "resource"],
                condition=Q(resource__isnull=False),
                name="requirement_unique_resource",
                violation_error_message=_(
                    "This competence is already required for this resource."
                ),
            ),
            models.UniqueConstraint(
                fields=["competence", "role"],
                condition=~Q(role=""),
                name="requirement_unique_role",
                violation_error_message=_(
                    "This competence is already required for this role."
                ),
            ),
            models.UniqueConstraint(
                fields=["competence"],
                condition=Q(service__isnull=True, resource__isnull=True, role=""),
                name="requirement_unique_unscoped",
                violation_error_message=_(
                    "This competence is already required of everyone involved."
                ),
            ),
        ]

    def __str__(self):
        scope = self.service or self.resource or self.get_role_display()
        code = self.competence.code if self.competence_id else ""
        return f"{code} — {scope}" if scope else code

    @property
    def scope(self):
        return self.service or self.resource or self.get_role_display() or ""

    def clean(self):
        super().clean()
        if self.competence_id:
            errors = _check_level(self.competence, self.min_level, "min_level")
            if errors:
                raise ValidationError(errors)


class AttainmentSource(models.TextChoices):
    COURSE = "course", _("Course completion")
    RECOGNITION = "recognition", _("Recognition")
    IMPORT = "import", _("Import")


def evidence_storage():
    """Evidence names people and their certificates: kept in the private storage."""
    from django.core.files.storage import storages

    return storages["evidence"]


def evidence_path(instance, filename: str) -> str:
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:8]
    return f"{datetime.date.today():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attainment(models.Model):
    """A person holds a competence from `attained_on` until `expires_on`.

    Never overwritten: a renewal is a new attainment beside the old one, and a
    revocation is recorded on the attainment (who, when, why), not deleted.
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="attainments",
    )
    competence = models.ForeignKey(
        "competences.Competence",
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        related_name="attainments",
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        null=True,
        blank=True,
        help_text=_("Position in the framework's scale (1 = the lowest level)."),
    )
    attained_on = models.DateField(_("attained on"))
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to compute it from the competence's validity; "
            "a competence without validity never expires."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=AttainmentSource.choices,
        default=AttainmentSource.IMPORT,
    )
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=evidence_path,
        storage=evidence_storage,
        max_length=255,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    revoked_at = models.DateTimeField(
        _("revoked at"), null=True, blank=True, editable=False
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(
        _("reason for revocation"), blank=True, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("competence")]),
        FieldRowPanel(
            [
                FieldPanel("level"),
                FieldPanel("attained_on"),
                FieldPanel("expires_on"),
            ]
        ),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("attainment")
        verbose_name_plural = _("attainments")
        ordering = ["-attained_on", "-pk"]
        indexes = [
            models.Index(
                fields=["person", "competence", "attained_on"],
                name="attainment_person_comp_date",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(expires_on__gt=models.F("attained_on")),
                name="attainment_expires_after_attained",
                violation_error_message=_(
                    "The expiry date must be after the date of attainment."
                ),
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1),
                name="attainment_level_positive",
                violation_error_message=_("Levels are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=~Q(source=AttainmentSource.RECOGNITION) | ~Q(evidence=""),
                name="attainment_recognition_has_evidence",
                violation_error_message=_("A recognition needs an evidence file."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="attainment_revocation_has_reason",
                violation_error_message=_("Give the reason for the revocation."),
            ),
        ]

    def __str__(self):
        code = self.competence.code if self.competence_id else ""
        return f"{self.person} — {code} ({self.attained_on:%d.%m.%Y})"

    @property
    def level_label(self) -> str:
        return level_label(self.competence.framework, self.level)

    def clean(self):
        super().clean()
        if self.competence_id:
            errors = _check_level(self.competence, self.level, "level")
            if errors:
                raise ValidationError(errors)


class Delegation(models.Model):
    """A competence centre covers a delegable competence for one service or for a
    whole institution, from `start_date` to `end_date` (empty: open-ended)."""

    competence = models.ForeignKey(
        "competences.Competence",
        verbose_name=_("competence"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    centre = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("competence centre"),
        on_delete=models.PROTECT,
        related_name="delegations_held",
        limit_choices_to={"kind": OrganisationKind.COMPETENCE_CENTRE},
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    institution = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("competence"), FieldPanel("centre")]),
        FieldRowPanel([FieldPanel("service"), FieldPanel("institution")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, institution__isnull=True)
                | Q(service__isnull=True, institution__isnull=False),
                name="delegation_service_xor_institution",
                violation_error_message=_(
                    "Choose either a service or an institution, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="delegation_end_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self):
        code = self.competence.code if self.competence_id else ""
        return f"{code} → {self.centre} ({self.service or self.institution})"

    @property
    def scope(self):
        return self.service or self.institution

    def clean(self):
        super().clean()
        errors = {}
        if self.competence_id and self.competence.is_mandatory:
            errors["competence"] = _(
                "A mandatory competence cannot be delegated: everyone must hold it."
            )
        if self.centre_id and self.centre.kind != OrganisationKind.COMPETENCE_CENTRE:
            errors["centre"] = _(
                "Choose an organisation of the competence centre kind."
            )
        if self.institution_id and self.institution.kind == OrganisationKind.UNIT:
            errors["institution"] = _(
                "Choose the institution itself, not one of its units."
            )
        if errors:
            raise ValidationError(errors)
