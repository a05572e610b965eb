from django import template
from django.conf import settings

from lms import permissions

register = template.Library()


@register.simple_tag
def portal_name() -> str:
    """The portal's name (WAGTAIL_SITE_NAME, translated) for the admin's branding."""
    return str(settings.WAGTAIL_SITE_NAME)


@register.simple_tag(takes_context=True)
def can_search_pages(context) -> bool:
    return permissions.can_search_pages(context["request"].user)
