"""Support needs: what help people say they need, to plan courses and materials."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SupportForm(models.TextChoices):
    """The card's three forms of methodological support."""

    INFORMATION = "information", _("Information")
    TRAINING = "training", _("Training")
    CONSULTATION = "consultation", _("Consultation")


class SupportNeed(models.Model):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="support_needs",
    )
    topic = models.ForeignKey(
        "competences.SupportTopic",
        verbose_name=_("support topic"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="support_needs",
    )
    resource = models.ForeignKey(
        "catalogue.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="support_needs",
    )
    form = models.CharField(
        _("form of support"), max_length=16, choices=SupportForm.choices
    )
    text = models.CharField(_("what is needed"), max_length=500)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The person themselves, or their manager recording it for the team.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["recorded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=True) | Q(resource__isnull=True),
                name="support_need_service_or_resource",
                violation_error_message=_("Choose a service or a resource, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.topic.code} · {self.get_form_display()} · {self.text[:40]}"
