from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    MATERIAL_VERSION = "material_version", _("New version to acknowledge")
    # The consultation e-mails (new question, answer) add their kinds here.


class NotificationSent(models.Model):
    """An e-mail sent to a person about one event: the "never twice" record.

    `kind` names the event type, `key` the event (a material version:
    "<translation key>:<version>", so that the Latvian and English pages of
    one version count once). The unique constraint is what makes
    `support.services.notification_send_once` send at most once.
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notifications_sent",
    )
    kind = models.CharField(_("kind"), max_length=64, choices=NotificationKind.choices)
    key = models.CharField(_("event"), max_length=128)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key"], name="notification_sent_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person} ({self.key})"
