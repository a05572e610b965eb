"""The learner's part of course and lesson pages, read in their templates.

A template tag rather than the pages' get_context, so that the page models
never import the views (import-linter: no cycles inside an app).
"""

from django import template

from courses.views import course_context, lesson_context

register = template.Library()


@register.simple_tag(takes_context=True)
def course_learning(context, page):
    return course_context(page, context["request"])


@register.simple_tag(takes_context=True)
def lesson_learning(context, page):
    return lesson_context(page, context["request"])
