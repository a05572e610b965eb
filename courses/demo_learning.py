"""Demo lessons, quizzes and the demo learner's progress (courses/demo/learning.toml).

Everything goes through the services, so that `load_demo` exercises the same
rules as the pages; running it again changes nothing.
"""

import tomllib

from django.db.models import Q
from wagtail.models import Locale

from courses.demo import DATA_DIR
from courses.models import CoursePage, EnrolmentSource
from courses.selectors import course_lessons, enrolment_current
from courses.services import (
    QuestionText,
    attempt_submit,
    enrolment_create,
    lesson_page_ensure,
    lesson_progress_record,
    quiz_page_ensure,
)
from people.models import Person


def _data() -> dict:
    with (DATA_DIR / "learning.toml").open("rb") as handle:
        return tomllib.load(handle)


def _courses() -> dict[str, CoursePage]:
    return {
        page.code: page
        for page in CoursePage.objects.filter(locale=Locale.get_default())
    }


def load() -> None:
    data = _data()
    courses = _courses()
    for entry in data["lesson"]:
        lesson_page_ensure(
            course=courses[entry["course"]],
            slug=entry["slug"],
            title=(entry["title_lv"], entry["title_en"]),
            summary=(entry["summary_lv"], entry["summary_en"]),
            body=(_body(entry["body_lv"]), _body(entry["body_en"])),
            minutes=entry.get("minutes"),
        )
    for entry in data["quiz"]:
        quiz_page_ensure(
            course=courses[entry["course"]],
            slug=entry["slug"],
            title=(entry["title_lv"], entry["title_en"]),
            questions=[
                QuestionText(
                    kind=q["kind"],
                    text_lv=q["text_lv"],
                    text_en=q["text_en"],
                    options=[(o["lv"], o["en"], o["correct"]) for o in q["options"]],
                )
                for q in entry["question"]
            ],
            pass_mark=entry["pass_mark"],
            attempt_limit=entry.get("attempt_limit"),
            shuffle_options=entry.get("shuffle_options", False),
        )
    _learner(data["learner"], courses)


def _body(pairs: list) -> list:
    return [
        (kind, {"title": "", "text": text} if kind == "callout" else text)
        for kind, text in pairs
    ]


def _learner(entry: dict, courses: dict) -> None:
    person = Person.objects.filter(Q(email=entry["email"]), user__isnull=False).first()
    if person is None:
        return
    user = person.user
    done = courses[entry["completed"]]
    if not done.completions.filter(person=person).exists():
        enrolment = enrolment_create(
            actor=None, person=person, course=done, source=EnrolmentSource.ASSIGNMENT
        )
        for lesson in course_lessons(done):
            lesson_progress_record(enrolment=enrolment, lesson=lesson, actor=user)
        quiz = done.quiz()
        if quiz is not None:
            answers = {
                q["id"]: [o["id"] for o in q["options"] if o["correct"]]
                for q in quiz.question_list()
            }
            attempt_submit(enrolment=enrolment, quiz=quiz, answers=answers, actor=user)
    started = courses[entry["in_progress"]]
    if enrolment_current(person=person, course=started) is None:
        enrolment = enrolment_create(actor=user, person=person, course=started)
        for lesson in course_lessons(started)[: entry["in_progress_lessons"]]:
            lesson_progress_record(enrolment=enrolment, lesson=lesson, actor=user)
