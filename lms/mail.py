"""E-mail to one person in their own language: plumbing with no domain rules.

Each message has a template per language, `<name>.<language>.txt` (the subject
on the first line, then a blank line, then the body), so that a translator
writes each letter whole rather than sentence by sentence. Links are reversed
inside the recipient's language, so an English reader gets /en/ pages.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def mail_render(
    *, template: str, language: str, context: dict, links: dict | None = None
) -> tuple[str, str]:
    """The (subject, body) of `template` in `language` (the default if unknown).

    `links` maps context names to `(url_name, kwargs)`, reversed in that
    language and made absolute.
    """
    languages = {code for code, _name in settings.LANGUAGES}
    language = language if language in languages else settings.LANGUAGE_CODE
    with translation.override(language):
        urls = {
            key: absolute_url(reverse(name, kwargs=kwargs))
            for key, (name, kwargs) in (links or {}).items()
        }
        text = render_to_string(
            f"{template}.{language}.txt",
            {**context, **urls, "site_name": settings.WAGTAIL_SITE_NAME},
        )
    subject, _blank, body = text.lstrip().partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def mail_on_commit(
    *, to: str, template: str, language: str, context: dict, links: dict | None = None
) -> None:
    """Send the message once the current transaction commits (never for a
    rolled-back change)."""
    subject, body = mail_render(
        template=template, language=language, context=context, links=links
    )
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    )


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
