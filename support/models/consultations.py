"""Consultations: a question to the manager responsible for it, and the answer.

Who a question goes to is decided once, when it is asked
(`support.services.consultations.consultation_route`), and stored: the
manager (`routed_to`), the role the rule used and the institution whose
coordinators oversee it. A later change of roles does not move a question
already asked.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import ResponsibleRole


class ConsultationOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    REFERRED = "referred", _("Referred to a material, course or colleague")
    NOT_RESOLVED = "not_resolved", _("Could not be resolved")


class Consultation(models.Model):
    asker = models.ForeignKey(
        "people.Person",
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="consultations_asked",
    )
    topic = models.ForeignKey(
        "competences.SupportTopic",
        verbose_name=_("support topic"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    resource = models.ForeignKey(
        "catalogue.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    question = models.TextField(_("question"), max_length=4000)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    # Decided by the routing rule when asked.
    routed_to = models.ForeignKey(
        "people.Person",
        verbose_name=_("manager"),
        on_delete=models.PROTECT,
        related_name="consultations_routed",
    )
    routed_role = models.CharField(
        _("answered as"), max_length=32, choices=ResponsibleRole.choices
    )
    institution = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    answer = models.TextField(_("answer"), max_length=8000, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=ConsultationOutcome.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The draft knowledge-base material made from this consultation, if any.
    material = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("knowledge-base material"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["asked_at", "pk"]
        indexes = [
            models.Index(fields=["institution", "answered_at", "asked_at"]),
            models.Index(fields=["routed_to", "answered_at", "asked_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=True) | Q(resource__isnull=True),
                name="consultation_service_or_resource",
                violation_error_message=_("Choose a service or a resource, not both."),
            ),
            # Answered means all three are recorded together.
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, outcome="")
                | (Q(answered_at__isnull=False) & ~Q(outcome="") & ~Q(answer="")),
                name="consultation_answer_complete",
            ),
        ]

    def __str__(self):
        return f"{self.topic.code} · {self.asked_at:%d.%m.%Y} · {self.short_question}"

    @property
    def short_question(self) -> str:
        text = " ".join(self.question.split())
        return text if len(text) <= 48 else text[:47] + "…"

    short_question.fget.short_description = _("question")

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def subject(self):
        return self.service or self.resource

    @property
    def subject_code(self) -> str:
        subject = self.subject
        return subject.code if subject else ""

    def age(self, now=None):
        """How long the question has waited (until answered, or until now)."""
        return (self.answered_at or now or timezone.now()) - self.asked_at


def attachment_storage():
    """Attachments name people and their cases: kept in the private storage."""
    from django.core.files.storage import storages

    return storages["consultations"]


def attachment_path(instance, filename: str) -> str:
    # A random name: the stored path never reveals the asker or the file name.
    return f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=attachment_path
    )
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.name
