from django import template
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from courses.models import CourseIndexPage, FooterSettings, MaterialIndexPage

register = template.Library()


@register.simple_tag
def section_pages():
    """The course catalogue and materials index in the active language."""
    locale = Locale.get_active()
    return {
        "course_index": CourseIndexPage.objects.live().filter(locale=locale).first(),
        "material_index": MaterialIndexPage.objects.live()
        .filter(locale=locale)
        .first(),
    }


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer settings of the request's site, with its pages in this language.

    None where there is no request or site (an error page rendered early).
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    footer = (
        FooterSettings.objects.select_related("privacy_page", "accessibility_page")
        .filter(site=site)
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
            links.append({"label": label, "url": page.localized.get_url(request)})
    return {"settings": footer, "links": links}
