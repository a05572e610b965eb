"""Background work of courses/: thin, each calls a service."""

from django_tasks import task

from courses.models import CoursePage


@task()
def course_recompletion_request(course_id: int) -> int:
    """After a new major version is published: ask for re-completion."""
    from courses.services import course_recompletion_request as request_again

    course = CoursePage.objects.filter(pk=course_id).first()
    return request_again(course=course) if course else 0
