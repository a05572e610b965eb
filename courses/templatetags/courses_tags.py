from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from courses.models import CourseIndexPage, FooterSettings, MaterialIndexPage
from lms.page_cache import page_cache_get_or_set

register = template.Library()


def _site_id(request) -> int | None:
    """The request's Wagtail site, looked up once per host until a site changes.

    On a Wagtail page the routing has already found it; elsewhere (the
    dashboard, the account page) Wagtail's lookup would be a query on every
    request. The site found is left on the request where Wagtail looks for
    it, so `pageurl` in the header asks nothing either.
    """
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = page_cache_get_or_set(
            request,
            f"site:{request.get_host()}:{request.get_port()}",
            lambda: Site.find_for_request(request),
        )
    site = request._wagtail_site
    return site.pk if site is not None else None


@register.simple_tag(takes_context=True)
def section_pages(context):
    """The course catalogue and materials index in the active language.

    Cached until a page or locale changes (lms/page_cache.py); `pageurl` on
    the cached pages needs no query, as the site's root paths are cached too.
    """
    request = context.get("request")
    language = get_language()
    _site_id(request)  # so that `pageurl` on these pages asks nothing

    def compute():
        locale = Locale.get_active()
        return {
            "course_index": CourseIndexPage.objects.live()
            .filter(locale=locale)
            .first(),
            "material_index": MaterialIndexPage.objects.live()
            .filter(locale=locale)
            .first(),
        }

    return page_cache_get_or_set(request, f"sections:{language}", compute)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer settings of the request's site, with its pages in this language.

    None where there is no request or site (an error page rendered early).
    Cached per site and language until a page or the settings change.
    """
    request = context.get("request")
    site_id = _site_id(request)
    language = get_language()

    def compute():
        footer = (
            FooterSettings.objects.select_related("privacy_page", "accessibility_page")
            .filter(site_id=site_id)
            .first()
        )
        if footer is None:
            return None
        links = []
        for label, page in (
            (_("Privacy notice"), footer.privacy_page),
            (_("Accessibility statement"), footer.accessibility_page),
        ):
            # .localized is the live translation in the active language, if any.
            if page is not None and page.live:
                links.append(
                    {"label": str(label), "url": page.localized.get_url(request)}
                )
        return {"settings": footer, "links": links}

    if site_id is None:
        return None
    return page_cache_get_or_set(request, f"footer:{site_id}:{language}", compute)
