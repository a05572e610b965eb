"""Notices to people: what curricula/ (and the apps above it) tell them,
recorded once and shown in the recipient's language."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.languages import is_english


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    DUE_SOON = "due_soon", _("Due in 7 days")
    OVERDUE = "overdue", _("Overdue")
    OVERDUE_MANAGER = "overdue_manager", _("Overdue (to the coordinator)")
    REMINDER = "reminder", _("Reminder from the coordinator")
    ATTAINMENT_EXPIRING = "attainment_expiring", _("Competence expiring")
    CERTIFICATE_EXPIRING = "certificate_expiring", _("Certificate expiring")


class Notification(models.Model):
    """A notice to one person, shown on their notifications page and e-mailed.

    The unique constraint makes every notice exactly once: the same kind about
    the same thing for the same round (a due date, an expiry) is never
    recorded, nor e-mailed, twice, however often or concurrently
    `send_reminders` runs.
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField()
    # What makes a repeat notice a new one: the round's due date, the expiry
    # date, or the day a coordinator sent a reminder (plus the learner's id
    # in notices to a coordinator about a learner).
    due_round = models.CharField(_("round"), max_length=32)
    # What the notice is about, in Latvian and in English, stored when it is
    # recorded: the notice shows it in its recipient's language whichever
    # language the recording request or command ran in, and keeps it if the
    # subject is later renamed or deleted.
    subject_text = models.CharField(_("about (Latvian)"), max_length=255)
    subject_text_en = models.CharField(_("about (English)"), max_length=255, blank=True)
    # The related learner, for notices to a coordinator about someone else.
    about_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_on = models.DateField(_("date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "person",
                    "kind",
                    "subject_type",
                    "subject_id",
                    "due_round",
                ],
                name="notification_once",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject_in(get_language())}"

    def subject_in(self, language: str | None) -> str:
        """The subject in `language`; Latvian when there is no English text."""
        if is_english(language) and self.subject_text_en:
            return self.subject_text_en
        return self.subject_text

    @property
    def recipient_subject(self) -> str:
        """The subject in the recipient's preferred language."""
        return self.subject_in(self.person.language)
