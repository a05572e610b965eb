from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from lms.models import BilingualNameMixin


class Obligation(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    DELEGABLE = "delegable", _("Delegable")


class CompetenceFramework(BilingualNameMixin):
    """A set of competences.

    The card's own is loaded by migration (code: reference_data.FRAMEWORK_CODE).
    """

    code = models.CharField(_("code"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Proficiency levels, lowest first (Moodle's "Scale values").
    scale_values = models.JSONField(_("proficiency levels"), default=list, blank=True)
    # Moodle's competency-framework fields, kept so that a framework exported to
    # Moodle's CSV format reads back into Moodle unchanged.
    description_format = models.PositiveSmallIntegerField(
        _("description format"),
        default=1,
        help_text=_("Moodle's text format of the description (1 = HTML)."),
    )
    scale_configuration = models.TextField(
        _("scale configuration"),
        blank=True,
        help_text=_("Moodle's scale configuration (JSON)."),
    )
    taxonomies = models.CharField(
        _("taxonomies"),
        max_length=255,
        blank=True,
        help_text=_("Moodle's taxonomy word of each level, separated by commas."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Competence(index.Indexed, BilingualNameMixin):
    """A competence of a framework; `parent` makes the framework a tree."""

    framework = models.ForeignKey(
        CompetenceFramework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="competences",
    )
    code = models.CharField(_("code"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent competence"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    name_lv = models.CharField(_("name (Latvian)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    obligation = models.CharField(
        _("obligation"),
        max_length=16,
        choices=Obligation.choices,
        default=Obligation.DELEGABLE,
        db_index=True,
        help_text=_(
            "Mandatory: everyone involved in service management must acquire it. "
            "Delegable: it may be provided centrally by a competence centre."
        ),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    validity_months = models.PositiveIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if an attainment never expires."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    # Moodle's competency fields, kept for the Moodle CSV import and export.
    description_format = models.PositiveSmallIntegerField(
        _("description format"),
        default=1,
        help_text=_("Moodle's text format of the description (1 = HTML)."),
    )
    scale_values = models.TextField(
        _("scale values"),
        blank=True,
        help_text=_(
            "The competence's own proficiency levels, if they differ from the "
            "framework's (as Moodle writes them)."
        ),
    )
    scale_configuration = models.TextField(
        _("scale configuration"),
        blank=True,
        help_text=_("Moodle's scale configuration (JSON)."),
    )
    rule_type = models.CharField(_("rule type"), max_length=255, blank=True)
    rule_outcome = models.PositiveSmallIntegerField(
        _("rule outcome"), null=True, blank=True
    )
    rule_config = models.TextField(_("rule configuration"), blank=True)
    export_id = models.CharField(
        _("exported id"),
        max_length=64,
        blank=True,
        help_text=_("The competence's id in the system it was exported from."),
    )
    cross_references = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        verbose_name=_("related competences"),
    )

    panels = [
        FieldRowPanel([FieldPanel("framework"), FieldPanel("code")]),
        FieldPanel("parent"),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("obligation"), FieldPanel("validity_months")]),
        FieldPanel("source"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name_lv"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_lv"),
        index.AutocompleteField("name_en"),
        index.AutocompleteField("code"),
        index.FilterField("obligation"),
        index.FilterField("framework_id"),
    ]

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["framework", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="competence_code_unique_in_framework",
                violation_error_message=_(
                    "A competence with this code already exists in this framework."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_mandatory(self) -> bool:
        return self.obligation == Obligation.MANDATORY


class TaskLevel(models.TextChoices):
    POLICY = "policy", _("Policy level")
    OPERATIONS = "operations", _("Core operations and support level")
    ALL = "all", _("All levels")


class ServiceManagementTask(index.Indexed, BilingualNameMixin):
    """One of the 32 service-management tasks (PU1-1 … PU3-4)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=TaskLevel.choices)
    name_lv = models.CharField(_("name (Latvian)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    practice_lv = models.CharField(_("practice (Latvian)"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("practice_lv"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name_lv"),
        index.SearchField("name_en"),
        index.AutocompleteField("code"),
        index.AutocompleteField("name_lv"),
        index.AutocompleteField("name_en"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("service-management task")
        verbose_name_plural = _("service-management tasks")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Condition(index.Indexed, BilingualNameMixin):
    """A condition for creating, delivering and improving services (N1 … N10-1)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("condition group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="items",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("parent")]),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("name_lv"),
        index.SearchField("name_en"),
        index.AutocompleteField("code"),
        index.AutocompleteField("name_lv"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.code} {self.name}"


class SupportScale(models.TextChoices):
    INSTITUTION = "institution", _("Institution")
    SERVICE = "service", _("Service")
    RESOURCE = "resource", _("Resource")


class SupportTopic(BilingualNameMixin):
    """A topic on which methodological support is given, at its scale."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    scale = models.CharField(_("scale"), max_length=16, choices=SupportScale.choices)
    name_lv = models.CharField(_("name (Latvian)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("scale")]),
        FieldPanel("name_lv"),
        FieldPanel("name_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("support topic")
        verbose_name_plural = _("support topics")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


# The coverage models live in their own module to keep this one readable.
from competences.models_coverage import (  # noqa: E402
    Attainment,
    AttainmentSource,
    Delegation,
    Requirement,
)

__all__ = [
    "Attainment",
    "AttainmentSource",
    "Competence",
    "CompetenceFramework",
    "Condition",
    "Delegation",
    "Obligation",
    "Requirement",
    "ServiceManagementTask",
    "SupportTopic",
]
