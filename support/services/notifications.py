from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import select_template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from courses.models import MaterialPage, MaterialVersion
from people.models import Person
from support.models import Acknowledgement, NotificationKind, NotificationSent
from support.selectors import material_audience, material_source


def notification_send_once(
    *,
    person: Person,
    kind: str,
    key: str,
    subject,
    template: str,
    context: dict,
    subject_params: dict | None = None,
) -> bool:
    """E-mail `person` about one event, unless it was sent before; True if sent.

    The NotificationSent row and the e-mail go together: the row is written
    first (its unique constraint refuses a second one, also from a parallel
    worker) and is rolled back if sending fails, so a retry sends it again.
    The text is `<template>.<language>.txt` in the person's own language
    (`.lv.txt` if there is none); `subject` (a gettext_lazy string, formatted
    with `subject_params`) is translated in it too.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                NotificationSent.objects.create(person=person, kind=kind, key=key)
        except IntegrityError:
            return False
        with translation.override(person.language):
            body = select_template(
                [f"{template}.{person.language}.txt", f"{template}.lv.txt"]
            ).render({**context, "person": person})
            text = str(subject)
            if subject_params:
                text %= subject_params
            send_mail(text, body, None, [person.email])
    return True


def material_version_notify(*, version: MaterialVersion) -> int:
    """Ask a new version's audience to acknowledge it by e-mail; returns how many.

    Only people who have not acknowledged it and were not told before get
    one, in their own language with a link to the page in that language. The
    Latvian and English pages of one version share the key, so publishing
    both tells each person once.
    """
    source = material_source(version.page)
    current = source.versions.filter(
        version=version.version, superseded_at__isnull=True
    ).first()
    if current is None or not source.requires_acknowledgement:
        return 0
    kind = NotificationKind.MATERIAL_VERSION
    key = f"{source.translation_key}:{current.version}"
    pages = {
        page.locale.language_code: page
        for page in MaterialPage.objects.live()
        .filter(translation_key=source.translation_key)
        .select_related("locale")
    }
    urls = {language: page.get_full_url() for language, page in pages.items()}
    # Each language's page has its own record of the version (its change note).
    versions = {
        item.page_id: item
        for item in MaterialVersion.objects.filter(
            page__in=list(pages.values()), version=current.version
        )
    }
    told = NotificationSent.objects.filter(kind=kind, key=key).values("person_id")
    done = Acknowledgement.objects.filter(version=current).values("person_id")
    recipients = (
        material_audience(source)
        .exclude(pk__in=told)
        .exclude(pk__in=done)
        .exclude(email="")
        .order_by("pk")
    )
    sent = 0
    for person in recipients.iterator():
        page = pages.get(person.language, source)
        sent += notification_send_once(
            person=person,
            kind=kind,
            key=key,
            subject=_("Please acknowledge: %(title)s, version %(version)s"),
            subject_params={"title": page.title, "version": current.version},
            template="support/email/material_version",
            context={
                "title": page.title,
                "version": versions.get(page.pk, current),
                "url": urls.get(person.language)
                or urls.get(source.locale.language_code),
            },
        )
    return sent
