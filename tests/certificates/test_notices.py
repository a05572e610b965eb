"""A certificate that expires within 30 days is announced once by send_reminders."""

import datetime

from django.core import mail
from django.utils import timezone

from certificates.services import certificate_issue
from curricula.models import Notification
from curricula.services.notices import reminders_send


def test_expiring_certificate_is_announced_once(certificate_template, completion):
    certificate = certificate_issue(completion=completion)
    today = timezone.localdate()
    certificate.expires_on = today + datetime.timedelta(days=20)
    certificate.save(update_fields=["expires_on"])

    reminders_send(today=today)
    reminders_send(today=today)

    notices = Notification.objects.filter(kind="certificate_expiring")
    assert notices.count() == 1
    assert notices.get().person_id == certificate.person_id
    assert sum(certificate.title in message.body for message in mail.outbox) == 1


def test_a_certificate_far_from_expiry_is_not_announced(
    certificate_template, completion
):
    certificate = certificate_issue(completion=completion)
    today = timezone.localdate()
    certificate.expires_on = today + datetime.timedelta(days=200)
    certificate.save(update_fields=["expires_on"])
    reminders_send(today=today)
    assert not Notification.objects.filter(kind="certificate_expiring").exists()
