from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language.

    On a Wagtail page, the link goes to the page's translation (or that
    language's home page when there is none); elsewhere the URL is translated.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and hasattr(page, "get_translation_or_none"):
            locale = Locale.objects.filter(language_code=code).first()
            translation = page.get_translation_or_none(locale) if locale else None
            if translation is not None and translation.live:
                url = translation.url
        if url is None and request is not None:
            url = translate_url(request.path, code)
        languages.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"languages": languages}
