from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """A person confirmed reading one version of a material requiring it.

    `material` is the material's page in the default language (Latvian), the
    one identity its translations share; `version` is that page's version.
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    material = models.ForeignKey(
        "courses.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    version = models.ForeignKey(
        "courses.MaterialVersion",
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "material", "version"],
                name="acknowledgement_once_per_version",
                violation_error_message=_(
                    "You have already acknowledged this version."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.version}"
