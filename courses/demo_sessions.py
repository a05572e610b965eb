"""Demo sessions for `manage.py load_demo` (its own step, beside the pages).

One demo course is taught in a classroom: MET-ATB gets two sessions (one in
Riga, one online, with few seats so that its waiting list can be tried) and
the demo learner is registered for the first. Idempotent: a session is found
by its course and place or link, and made (with dates relative to the first
run) only when missing; the learner is registered only once.
"""

import datetime

from django.utils import timezone

from courses.models import CourseFormat, CoursePage, CourseSession
from courses.selectors import course_lessons
from courses.selectors_sessions import ACTIVE
from courses.services import session_register, session_save
from people.models import Organisation, Person

COURSE_CODE = "MET-ATB"
ORGANISER_CODE = "90000000010"
TRAINER_EMAIL = "kristine.jansone@pam.example.lv"
LEARNER_EMAIL = "santa.ozola@rakc.example.lv"

# (days from today, start hour in Riga, hours, place, online link, seats)
SESSIONS = (
    (10, 10, 3, "Rīga, Pils laukums 4, 2. stāva zāle", "", 12),
    (24, 13, 2, "", "https://meet.example.lv/met-atb", 2),
)


def _course() -> CoursePage | None:
    course = (
        CoursePage.objects.filter(code=COURSE_CODE, locale__language_code="lv")
        .order_by("pk")
        .first()
    )
    if course is None:
        return None
    # With the lessons the learning demo gives it, the course is blended
    # (lessons and a session); without them, a classroom course.
    if course.format == CourseFormat.ELEARNING:
        wanted = (
            CourseFormat.BLENDED
            if course_lessons(course).exists()
            else CourseFormat.CLASSROOM
        )
        course.format = wanted
        course.save_revision().publish()
        for translation in course.get_translations():
            translation.format = wanted
            translation.save_revision().publish()
    return course


def load() -> list[CourseSession]:
    course = _course()
    if course is None:
        return []
    organiser = Organisation.objects.filter(code=ORGANISER_CODE).first()
    trainer = Person.objects.filter(email=TRAINER_EMAIL).first()
    today = timezone.localdate()
    sessions = []
    for days, hour, hours, place, link, seats in SESSIONS:
        session = CourseSession.objects.filter(
            course=course, place=place, online_url=link
        ).first()
        if session is None:
            starts = timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=days), datetime.time(hour)
                )
            )
            session = session_save(
                actor=None,
                session=CourseSession(
                    course=course,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=hours),
                    registration_deadline=starts - datetime.timedelta(days=2),
                    place=place,
                    online_url=link,
                    trainer=trainer,
                    organiser=organiser,
                    capacity=seats,
                ),
            )
        sessions.append(session)
    learner = Person.objects.filter(email=LEARNER_EMAIL).first()
    first = sessions[0]
    if (
        learner is not None
        and first.registration_deadline >= timezone.now()
        and not first.registrations.filter(person=learner, status__in=ACTIVE).exists()
    ):
        session_register(actor=None, person=learner, session=first)
    return sessions
