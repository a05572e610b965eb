"""The upcoming sessions of a course, for its page (with the visitor's own
registrations when signed in)."""

from django import template

from courses.selectors_sessions import session_upcoming
from people.selectors import person_for_user

register = template.Library()


@register.inclusion_tag("courses/sessions/course_sessions.html", takes_context=True)
def course_sessions(context, course):
    request = context.get("request")
    user = getattr(request, "user", None)
    person = (
        person_for_user(user=user)
        if user is not None and user.is_authenticated
        else None
    )
    return {
        "request": request,
        "course": course,
        "sessions": session_upcoming(course=course, person=person),
        "signed_in": person is not None,
        "anonymous": user is None or not user.is_authenticated,
    }
