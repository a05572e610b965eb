"""Quizzes: scored on the server, every bad input refused with nothing written."""

import os
import re
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from courses.models import (
    Completion,
    EnrolmentStatus,
    LessonProgress,
    QuizAttempt,
)
from courses.services import (
    attempt_submit,
    enrolment_create,
    lesson_progress_record,
    quiz_sheet,
)
from people.permissions import LEARNER
from tests.courses.conftest import add_quiz, right_answers, wrong_answers


@pytest.fixture
def enrolment(course, learner, two_institutions):
    return enrolment_create(
        actor=two_institutions["learner"], person=learner, course=course
    )


def _finish_lessons(enrolment, lessons, user):
    for lesson in lessons:
        lesson_progress_record(enrolment=enrolment, lesson=lesson, actor=user)


def test_course_knows_its_quiz(course, quiz):
    assert course.has_quiz
    assert course.completion_parts() == {"lessons", "quiz"}


def test_scoring_and_completion_after_lessons_and_quiz(
    course, lessons, quiz, enrolment, two_institutions
):
    user = two_institutions["learner"]
    failed = attempt_submit(
        enrolment=enrolment, quiz=quiz, answers=wrong_answers(quiz), actor=user
    )
    assert failed.score == 0 and not failed.passed
    assert set(failed.wrong_questions) == set(right_answers(quiz))
    half = right_answers(quiz)
    second_question = list(half)[1]
    half[second_question] = half[second_question][:1]  # one of two correct: wrong
    attempt = attempt_submit(enrolment=enrolment, quiz=quiz, answers=half, actor=user)
    assert attempt.score == 50 and attempt.wrong_questions == [second_question]
    assert attempt.revision == quiz.live_revision
    course.refresh_from_db()
    assert attempt.course_revision == course.live_revision is not None
    # Quiz passed but lessons not all done: no completion yet.
    passed = attempt_submit(
        enrolment=enrolment, quiz=quiz, answers=right_answers(quiz), actor=user
    )
    assert passed.passed and passed.score == 100 and passed.number == 3
    assert not Completion.objects.exists()
    _finish_lessons(enrolment, lessons, user)
    completion = Completion.objects.get(enrolment=enrolment)
    assert completion.score == 100
    assert completion.revision == course.live_revision
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def _refused(code, **kwargs):
    before = QuizAttempt.objects.count()
    with pytest.raises(ValidationError) as refused:
        attempt_submit(**kwargs)
    assert refused.value.code == code, refused.value.messages
    assert QuizAttempt.objects.count() == before
    return refused.value.messages[0]


@pytest.fixture
def latvian():
    with translation.override("lv"):
        yield


def test_tampered_submissions_are_refused_and_nothing_recorded(
    course, quiz, enrolment, two_institutions, latvian
):
    user = two_institutions["learner"]
    good = right_answers(quiz)
    first, second = list(good)
    common = {"enrolment": enrolment, "quiz": quiz, "actor": user}
    # The message is in the user's language (Latvian: the `latvian` fixture).
    assert "kura šajā testā nav" in _refused(
        "foreign_question", answers={**good, str(uuid.uuid4()): good[first]}, **common
    )
    assert "kuras šajā testā nav" in _refused(
        "foreign_option",
        answers={**good, first: [good[second][0]]},  # another question's option
        **common,
    )
    options = [o["id"] for o in quiz.question_list()[0]["options"]]
    message = _refused("answered_twice", answers={**good, first: options[:2]}, **common)
    assert "Kas ir pakalpojums?" in message
    _refused("answered_twice", answers={**good, second: good[second] * 2}, **common)
    _refused("unanswered", answers={first: good[first]}, **common)


def test_attempt_limit_and_same_sheet_twice(quiz, enrolment, two_institutions):
    user = two_institutions["learner"]
    token = uuid.uuid4()
    common = {"enrolment": enrolment, "quiz": quiz, "actor": user}
    attempt_submit(answers=wrong_answers(quiz), token=token, **common)
    _refused("duplicate", answers=wrong_answers(quiz), token=token, **common)
    attempt_submit(answers=wrong_answers(quiz), **common)
    attempt_submit(answers=wrong_answers(quiz), **common)
    with translation.override("en"):
        message = _refused("attempt_limit", answers=right_answers(quiz), **common)
    assert message == "You have used all 3 attempts at this quiz."


def test_no_attempt_after_completion(lessons, quiz, enrolment, two_institutions):
    user = two_institutions["learner"]
    _finish_lessons(enrolment, lessons, user)
    attempt_submit(
        enrolment=enrolment, quiz=quiz, answers=right_answers(quiz), actor=user
    )
    enrolment.refresh_from_db()
    _refused(
        "completed",
        enrolment=enrolment,
        quiz=quiz,
        answers=right_answers(quiz),
        actor=user,
    )


def test_another_course_quiz_is_refused(
    site_pages, course, quiz, enrolment, two_institutions
):
    other = course.copy(
        update_attrs={"slug": "cits", "code": "CITS", "title": "Cits kurss"},
        copy_revisions=False,
        keep_live=True,
    )
    other_quiz = add_quiz(other)
    _refused(
        "other_course",
        enrolment=enrolment,
        quiz=other_quiz,
        answers=right_answers(other_quiz),
        actor=two_institutions["learner"],
    )


def test_nobody_answers_for_another_person(
    quiz, enrolment, make_member, two_institutions
):
    from django.core.exceptions import PermissionDenied

    intruder = make_member(two_institutions["partner"], [LEARNER])
    with pytest.raises(PermissionDenied):
        attempt_submit(
            enrolment=enrolment, quiz=quiz, answers=right_answers(quiz), actor=intruder
        )
    with pytest.raises(PermissionDenied):
        lesson_progress_record(
            enrolment=enrolment, lesson=quiz.get_parent(), actor=intruder
        )
    assert not QuizAttempt.objects.exists()
    assert not LessonProgress.objects.exists()


def test_shuffle_is_stable_per_attempt_and_keeps_every_option(
    course, lessons, enrolment
):
    quiz = add_quiz(course, shuffle_questions=True, shuffle_options=True)
    sheet = quiz_sheet(quiz=quiz, enrolment=enrolment)
    assert sheet == quiz_sheet(quiz=quiz, enrolment=enrolment)
    plain = quiz.question_list()
    assert {q["id"] for q in sheet} == {q["id"] for q in plain}
    for question in sheet:
        assert "correct" not in str(question)


def _strip_volatile(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'name="token" value="[^"]+"', "", html)


def test_correct_answers_never_reach_the_browser(
    client, course, quiz, enrolment, two_institutions
):
    client.force_login(two_institutions["learner"])
    before = client.get(quiz.url)
    assert before.status_code == 200
    html = before.content.decode()
    assert "Vērtība lietotājam" in html and "Serveris" in html
    # Flip which answers are correct: the page must not change at all.
    data = quiz.questions.raw_data
    for question in data:
        for option in question["value"]["options"]:
            option["value"]["correct"] = not option["value"]["correct"]
    quiz.questions = data
    quiz.save_revision().publish()
    flipped = client.get(quiz.url).content.decode()
    assert _strip_volatile(html) == _strip_volatile(flipped)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and serialises writers; run on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_submit_records_one_attempt_and_one_completion(
    course, lessons, quiz, learner, two_institutions
):
    user = two_institutions["learner"]
    enrolment = enrolment_create(actor=user, person=learner, course=course)
    _finish_lessons(enrolment, lessons, user)
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            attempt_submit(
                enrolment=enrolment,
                quiz=quiz,
                answers=right_answers(quiz),
                actor=user,
                token=token,
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["completed", "ok"] or sorted(outcomes) == [
        "duplicate",
        "ok",
    ]
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
    assert Completion.objects.filter(enrolment=enrolment).count() == 1
    assert os.environ.get("DATABASE_URL", "").startswith("postgres")
