from django import template
from wagtail.models import Locale

from courses.models import CourseIndexPage, MaterialIndexPage

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
