from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale

from lms.selectors import page_in_locale

register = template.Library()

# Added to the link when the switcher falls back to an ancestor; the target
# page then says why the visitor is not on the page they asked for.
UNTRANSLATED_PARAMETER = "untranslated"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, home=False):
    """Links to this page in each language.

    On a Wagtail page, the link goes to the page's translation, or to the
    nearest translated ancestor with a notice. With `home`, for error pages
    whose path means nothing in another language, it goes to that language's
    home page. Elsewhere the URL is translated.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    languages = []
    for code, name in settings.LANGUAGES:
        url = None
        if home:
            url = translate_url("/", code)
        elif code != current and page is not None and hasattr(page, "translation_key"):
            locale = locales.get(code)
            target, exact = (
                page_in_locale(page=page, locale=locale) if locale else (None, True)
            )
            if target is not None:
                url = target.get_url(request)
                if not exact:
                    url += "?" + urlencode({UNTRANSLATED_PARAMETER: 1})
        if url is None and request is not None:
            url = translate_url(request.path, code)
        languages.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"languages": languages}


@register.simple_tag(takes_context=True)
def untranslated_notice(context) -> bool:
    """Whether this page was reached because the requested one is untranslated."""
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_PARAMETER))
