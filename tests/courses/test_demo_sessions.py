"""load_demo's session step: a classroom course with sessions and the demo
learner registered, so the dashboard shows an upcoming session on first run."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses import demo_sessions
from courses.models import CourseFormat, CourseSession, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_sessions_and_a_registered_learner():
    call_command("load_demo", verbosity=0)
    sessions = CourseSession.objects.filter(course__code=demo_sessions.COURSE_CODE)
    assert sessions.count() == len(demo_sessions.SESSIONS)
    assert all(session.starts_at > timezone.now() for session in sessions)
    course = sessions.first().course.specific
    assert course.format in (CourseFormat.CLASSROOM, CourseFormat.BLENDED)
    for translation in course.get_translations():
        assert translation.specific.format == course.format
    registration = sessions.get(place__startswith="Rīga").registrations.get()
    assert registration.person.email == demo_sessions.LEARNER_EMAIL
    assert registration.status == RegistrationStatus.REGISTERED
    # A second step run adds nothing.
    demo_sessions.load()
    assert CourseSession.objects.count() == len(demo_sessions.SESSIONS)
    assert registration.session.registrations.count() == 1
