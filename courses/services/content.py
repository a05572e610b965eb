"""Lessons and quizzes of a course, published in Latvian with English (idempotent).

Used by the demo loader; editors make lessons and quizzes in the page editor.
"""

from dataclasses import dataclass, field

from django.db import transaction

from courses.models import CoursePage, LessonPage, QuizPage
from courses.services.site import _ensure_translation, _publish


@dataclass
class QuestionText:
    kind: str
    text_lv: str
    text_en: str
    # (Latvian, English, correct) per answer.
    options: list[tuple[str, str, bool]] = field(default_factory=list)


@transaction.atomic
def lesson_page_ensure(
    *,
    course: CoursePage,
    slug: str,
    title: tuple[str, str],
    summary: tuple[str, str] = ("", ""),
    body: tuple[list, list] = ([], []),
    minutes: int | None = None,
) -> LessonPage:
    """Publish a lesson under a (Latvian) course with its English translation,
    unless a lesson with that slug exists; existing lessons stay as edited."""
    lesson = LessonPage.objects.child_of(course).filter(slug=slug).first()
    if lesson is None:
        lesson = LessonPage(
            slug=slug,
            title=title[0],
            summary=summary[0],
            body=body[0],
            estimated_minutes=minutes,
            locale=course.locale,
        )
        course.add_child(instance=lesson)
        _publish(lesson)
    _ensure_translation(lesson, title=title[1], summary=summary[1], body=body[1])
    return lesson


def _questions(questions: list[QuestionText], language: str) -> list:
    return [
        (
            "question",
            {
                "text": getattr(question, f"text_{language}"),
                "kind": question.kind,
                "options": [
                    {"text": lv if language == "lv" else en, "correct": correct}
                    for lv, en, correct in question.options
                ],
            },
        )
        for question in questions
    ]


@transaction.atomic
def quiz_page_ensure(
    *,
    course: CoursePage,
    slug: str,
    title: tuple[str, str],
    questions: list[QuestionText],
    **settings,
) -> QuizPage:
    """Publish a course's quiz in Latvian with its English translation, unless
    one exists. The translation keeps the questions' and answers' ids (which
    attempts are stored by) and only changes their texts."""
    quiz = QuizPage.objects.child_of(course).first()
    if quiz is None:
        quiz = QuizPage(
            slug=slug,
            title=title[0],
            questions=_questions(questions, "lv"),
            locale=course.locale,
            **settings,
        )
        course.add_child(instance=quiz)
        _publish(quiz)
        quiz = QuizPage.objects.get(pk=quiz.pk)
    english = _ensure_translation(quiz, title=title[1])
    data = english.questions.raw_data
    # Just copied from Latvian (not yet translated): put the English texts in.
    if data and data[0]["value"]["text"] == questions[0].text_lv:
        for raw, question in zip(data, questions, strict=False):
            raw["value"]["text"] = question.text_en
            for option, (_lv, en, _correct) in zip(
                raw["value"]["options"], question.options, strict=False
            ):
                option["value"]["text"] = en
        english.questions = data
        _publish(english)
    return quiz
