"""The learner's pages: enrol, lessons, quiz, result, dashboard; scoping; queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Completion, Enrolment, LessonProgress, QuizAttempt
from courses.services import attempt_submit, enrolment_create
from people.permissions import LEARNER
from tests.courses.conftest import add_lesson, add_quiz, right_answers, wrong_answers


@pytest.fixture
def user(two_institutions):
    return two_institutions["learner"]


def _post_answers(client, quiz, answers, token="8d3f5a4e-0000-4000-8000-000000000001"):
    data = {"token": token}
    for question, options in answers.items():
        data[f"q-{question}"] = options
    return client.post(quiz.url, data)


def test_the_whole_path_through_the_pages(client, course, lessons, quiz, user):
    client.force_login(user)
    html = client.get(course.url).content.decode()
    assert "Nodarbība 1" in html and "Pārbaudījums" in html
    client.post(course.url)
    enrolment = Enrolment.objects.get(person__user=user)
    html = client.get(course.url).content.decode()
    assert "<progress" in html and 'max="4" value="0"' in html
    assert lessons[0].url in html  # "Begin" goes to the first lesson
    response = client.post(lessons[0].url)
    assert response.url == lessons[1].url
    html = client.get(course.url).content.decode()
    assert 'value="1"' in html and lessons[1].url in html  # resume where left off
    for lesson in lessons[1:]:
        client.post(lesson.url)
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 3
    failed = _post_answers(client, quiz, wrong_answers(quiz))
    attempt = QuizAttempt.objects.get()
    assert failed.url.endswith(f"attempt/{attempt.pk}/")
    result = client.get(failed.url).content.decode()
    assert "Kas ir pakalpojums?" in result and "0%" in result
    passed = _post_answers(
        client, quiz, right_answers(quiz), token="8d3f5a4e-0000-4000-8000-000000000002"
    )
    assert client.get(passed.url).status_code == 200
    assert Completion.objects.get(enrolment=enrolment).score == 100
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "ITIL pamati" in dashboard and "100%" in dashboard


def test_a_tampered_form_shows_the_message_and_records_nothing(
    client, course, quiz, user, learner
):
    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    answers = right_answers(quiz)
    first = next(iter(answers))
    answers[first] = answers[first] + ["not-an-option"]
    response = _post_answers(client, quiz, answers)
    assert response.status_code == 400
    assert "kuras šajā testā nav" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_english_refusal_and_latvian_message(client, course, quiz, user, learner):
    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    response = _post_answers(client, quiz, {})
    assert "Atbildiet uz visiem jautājumiem" in response.content.decode()


def test_another_persons_attempt_is_a_404(
    client, course, quiz, user, learner, make_member, two_institutions
):
    enrolment = enrolment_create(actor=user, person=learner, course=course)
    attempt = attempt_submit(
        enrolment=enrolment, quiz=quiz, answers=wrong_answers(quiz), actor=user
    )
    other = make_member(two_institutions["partner"], [LEARNER])
    client.force_login(other)
    assert client.get(f"{quiz.url}attempt/{attempt.pk}/").status_code == 404
    client.force_login(two_institutions["coordinator_a"])
    assert client.get(f"{quiz.url}attempt/{attempt.pk}/").status_code == 404


def test_only_enrolled_learners_record_progress(client, course, lessons, user):
    client.force_login(user)
    response = client.post(lessons[0].url)
    assert response.url == course.url
    assert not LessonProgress.objects.exists()
    assert client.get(lessons[0].url).status_code == 200


def test_self_enrolment_refused_with_the_reason(client, course, user):
    course.self_enrolment = False
    course.save_revision().publish()
    client.force_login(user)
    html = client.get(course.url).content.decode()
    assert "kursam nevar pieteikties pats" in html
    client.post(course.url)
    assert not Enrolment.objects.exists()


def test_catalogue_filters(client, course, site_pages):
    index = site_pages["pages"].courses
    assert "ITIL pamati" in client.get(index.url + "?format=elearning").content.decode()
    assert (
        "ITIL pamati" not in client.get(index.url + "?format=webinar").content.decode()
    )
    html = client.get(index.url + "?competence=").content.decode()
    assert "ITIL pamati" in html
    html = client.get(index.url + "?language=en").content.decode()
    assert "ITIL pamati" in html and "4 st." in html


def _world(course, learner, user, lessons_n, enrolments_n):
    for n in range(len(course.get_children()), lessons_n):
        add_lesson(course, f"Nodarbība {n}", n)
    enrolment = enrolment_create(actor=user, person=learner, course=course)
    index = course.get_parent()
    already = learner.enrolments.count()
    for n in range(already, enrolments_n):
        other = course.copy(
            to=index,
            update_attrs={"slug": f"k-{n}", "code": f"K-{n}", "title": f"Kurss {n}"},
            copy_revisions=False,
            keep_live=True,
            recursive=False,
        )
        enrolment_create(actor=None, person=learner, course=other)
    return enrolment


def _counts(client, course, lesson) -> dict:
    counts = {}
    for name, url in (
        ("course", course.url),
        ("lesson", lesson.url),
        ("dashboard", reverse("dashboard")),
    ):
        client.get(url)  # warm the site-root and locale caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_lessons_or_enrolments(
    client, django_assert_max_num_queries, course, learner, user
):
    """3 lessons and 2 enrolments, then 30 lessons and 50 enrolments: the
    course page, a lesson and the dashboard cost the same queries."""
    _world(course, learner, user, 3, 2)
    add_quiz(course)
    lesson = course.get_children().live().first().specific
    client.force_login(user)
    small = _counts(client, course, lesson)
    _world(course, learner, user, 30, 50)
    large = _counts(client, course, lesson)
    print("queries", small, large)
    assert large == small
    for url in (course.url, lesson.url, reverse("dashboard")):
        with django_assert_max_num_queries(30):
            client.get(url)
