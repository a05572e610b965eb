"""A course with lessons and a quiz, and its learner (tests/courses only)."""

import pytest

from courses.models import LessonPage, QuizPage
from people.models import Person


def add_lesson(course, title: str, n: int) -> LessonPage:
    lesson = LessonPage(
        title=title,
        slug=f"nodarbiba-{n}",
        summary=f"Kopsavilkums {n}",
        estimated_minutes=10,
        body=[("heading", "Kāpēc"), ("paragraph", f"<p>Mācību saturs {n}</p>")],
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def add_quiz(course, **options) -> QuizPage:
    quiz = QuizPage(
        title="Pārbaudījums",
        slug="parbaudijums",
        pass_mark=options.pop("pass_mark", 100),
        questions=[
            (
                "question",
                {
                    "text": "Kas ir pakalpojums?",
                    "kind": "single",
                    "options": [
                        {"text": "Vērtība lietotājam", "correct": True},
                        {"text": "Serveris", "correct": False},
                        {"text": "Ēka", "correct": False},
                    ],
                },
            ),
            (
                "question",
                {
                    "text": "Kuras ir ITIL prakses?",
                    "kind": "multiple",
                    "options": [
                        {"text": "Incidentu pārvaldība", "correct": True},
                        {"text": "Izmaiņu pārvaldība", "correct": True},
                        {"text": "Grāmatvedība", "correct": False},
                    ],
                },
            ),
        ],
        **options,
    )
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def right_answers(quiz) -> dict:
    return {
        q["id"]: [o["id"] for o in q["options"] if o["correct"]]
        for q in quiz.question_list()
    }


def wrong_answers(quiz) -> dict:
    answers = {}
    for q in quiz.question_list():
        wrong = [o["id"] for o in q["options"] if not o["correct"]]
        answers[q["id"]] = wrong[:1]
    return answers


@pytest.fixture
def course(site_pages):
    return site_pages["course"]


@pytest.fixture
def learner(two_institutions):
    return Person.objects.get(user=two_institutions["learner"])


@pytest.fixture
def lessons(course):
    return [add_lesson(course, f"Nodarbība {n}", n) for n in (1, 2, 3)]


@pytest.fixture
def quiz(course, lessons):
    return add_quiz(course, attempt_limit=3)
