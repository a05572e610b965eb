import hashlib
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lms.page_cache import page_cache_get_or_set
from lms.permissions import can_open_admin
from lms.selectors import page_translations

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

    A page's links are cached until a page or locale changes
    (lms/page_cache.py): they depend on the page, the path and the language,
    never on the visitor.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    on_page = not home and page is not None and hasattr(page, "translation_key")
    if on_page and request is not None:
        key = f"switcher:{current}:{page.pk}:{request.path}"
        languages = page_cache_get_or_set(
            request, key, lambda: _languages(request, page, current, home)
        )
    else:
        languages = _languages(request, page if on_page else None, current, home)
    return {"languages": languages}


def _languages(request, page, current: str, home: bool) -> list[dict]:
    targets = page_translations(page=page) if page is not None else {}
    languages = []
    for code, name in settings.LANGUAGES:
        url = None
        if home:
            url = translate_url("/", code)
        elif code != current and code in targets:
            target, exact = targets[code]
            url = target.get_url(request)
            if not exact:
                url += "?" + urlencode({UNTRANSLATED_PARAMETER: 1})
        if url is None and request is not None:
            url = translate_url(request.path, code)
        languages.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return languages


@register.simple_tag(takes_context=True)
def may_open_admin(context) -> bool:
    """Whether the header shows the link to the admin (cached per user)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return user is not None and can_open_admin(user, request)


@register.simple_tag(takes_context=True)
def untranslated_notice(context) -> bool:
    """Whether this page was reached because the requested one is untranslated."""
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_PARAMETER))


class PageCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        # A preview shows a draft: never read or write the live page's copy.
        # Signed-in visitors may see something of their own in the fragment
        # (progress, an enrol button), so only anonymous output is shared.
        if (
            request is None
            or getattr(request, "is_preview", False)
            or (user is not None and user.is_authenticated)
        ):
            return self.nodelist.render(context)
        parts = [self.name, get_language(), request.get_full_path()]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = (
            "fragment:"
            + hashlib.md5(
                "\x1f".join(parts).encode(), usedforsecurity=False
            ).hexdigest()
        )
        rendered = []

        def shareable() -> str | None:
            rendered.append(self.nodelist.render(context))
            # A form's CSRF token belongs to one visitor: such a fragment is
            # not shared (None is cached; later requests render it themselves).
            return None if "csrfmiddlewaretoken" in rendered[0] else str(rendered[0])

        html = page_cache_get_or_set(request, key, shareable)
        if rendered:
            return rendered[0]
        if html is None:
            return self.nodelist.render(context)
        return mark_safe(html)  # noqa: S308 - the template's own escaped output


@register.tag
def pagecache(parser, token):
    """Cache a fragment of a public page until a page or setting changes.

        {% pagecache "course-page" page.pk %} … {% endpagecache %}

    The key is the name, the language, the request's path and query, and the
    values given. Only anonymous visitors' output is shared: signed-in
    visitors, previews, and a fragment holding a form's CSRF token are always
    rendered afresh. Put nothing that depends on the session inside.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("pagecache needs a fragment name")
    nodelist = parser.parse(("endpagecache",))
    parser.delete_first_token()
    return PageCacheNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(b) for b in bits[2:]]
    )
