"""The learner's part of course and lesson pages, read in their templates.

A template tag rather than the pages' get_context, so that the page models
never import the views (import-linter: no cycles inside an app).
"""

from django import template
from django.utils.functional import SimpleLazyObject

from courses.views import course_context, lesson_context

register = template.Library()


@register.simple_tag(takes_context=True)
def course_learning(context, page):
    # Lazy: on an anonymous visit the course page is served from the page
    # cache, and then nothing of this is read (lms_tags.pagecache).
    request = context["request"]
    return SimpleLazyObject(lambda: course_context(page, request))


@register.simple_tag(takes_context=True)
def lesson_learning(context, page):
    # Lazy, as course_learning: an anonymous visit is served from the cache.
    request = context["request"]
    return SimpleLazyObject(lambda: lesson_context(page, request))
