"""The learner's whole path in a real Chromium: dashboard, course, lessons, a
failed and a passed quiz, the completion on the dashboard; axe-core on every
page in Latvian and English and at 360 px."""

import pytest

from courses.services import QuestionText, lesson_page_ensure, quiz_page_ensure

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def learning_course(site_pages):
    course = site_pages["course"]
    for n, (lv, en) in enumerate(
        [("Kas ir pakalpojums", "What a service is"), ("Prakses", "Practices")], 1
    ):
        lesson_page_ensure(
            course=course,
            slug=f"nodarbiba-{n}",
            title=(lv, en),
            summary=(f"Īsi par tēmu {n}", f"About topic {n}"),
            body=(
                [("heading", "Būtība"), ("paragraph", "<p>Mācību saturs.</p>")],
                [("heading", "Essence"), ("paragraph", "<p>Lesson content.</p>")],
            ),
            minutes=10,
        )
    quiz_page_ensure(
        course=course,
        slug="tests",
        title=("Noslēguma tests", "Final quiz"),
        pass_mark=100,
        attempt_limit=3,
        questions=[
            QuestionText(
                kind="single",
                text_lv="Kas ir pakalpojums?",
                text_en="What is a service?",
                options=[
                    ("Vērtība lietotājam", "Value for the user", True),
                    ("Serveris", "A server", False),
                ],
            ),
            QuestionText(
                kind="multiple",
                text_lv="Kuras ir prakses?",
                text_en="Which are practices?",
                options=[
                    ("Incidentu pārvaldība", "Incident management", True),
                    ("Izmaiņu pārvaldība", "Change enablement", True),
                    ("Grāmatvedība", "Bookkeeping", False),
                ],
            ),
        ],
    )
    return course


def test_learner_completes_a_course(
    page, axe_check, login, learning_course, two_institutions
):
    login(two_institutions["learner"].email)
    assert "/dashboard/" in page.url
    axe_check(page)
    page.goto("/kursi/")
    axe_check(page)
    page.get_by_role("link", name="ITIL pamati").click()
    page.get_by_role("button", name="Pieteikties kursam").click()
    axe_check(page)
    page.get_by_role("link", name="Sākt: Kas ir pakalpojums").click()
    axe_check(page)
    page.get_by_role("button", name="Atzīmēt kā pabeigtu un turpināt").click()
    assert page.locator("h1").inner_text() == "Prakses"
    page.get_by_role("button", name="Atzīmēt kā pabeigtu un turpināt").click()
    assert page.locator("h1").inner_text() == "Noslēguma tests"
    axe_check(page)
    # First attempt: wrong.
    page.get_by_label("Serveris").check()
    page.get_by_label("Grāmatvedība").check()
    page.get_by_role("button", name="Iesniegt atbildes").click()
    assert "Nav nokārtots" in page.content()
    axe_check(page)
    page.get_by_role("link", name="Mēģināt vēlreiz").click()
    page.get_by_label("Vērtība lietotājam").check()
    page.get_by_label("Incidentu pārvaldība").check()
    page.get_by_label("Izmaiņu pārvaldība").check()
    page.get_by_role("button", name="Iesniegt atbildes").click()
    assert "Nokārtots" in page.content()
    axe_check(page)
    page.get_by_role("link", name="Atpakaļ uz manām mācībām").click()
    completed = page.locator("#completed-courses-heading + ul")
    assert "ITIL pamati" in completed.inner_text()
    assert "100%" in completed.inner_text()
    axe_check(page)
    # The same pages in English.
    for url in (
        "/en/kursi/",
        "/en/kursi/itil-pam/",
        "/en/kursi/itil-pam/nodarbiba-1/",
        "/en/kursi/itil-pam/tests/",
        "/en/dashboard/",
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en"
        axe_check(page)
    page.goto("/kursi/itil-pam/tests/")
    page.get_by_role("link", name="1. mēģinājums: 0%").click()
    page.goto(page.url.replace("/kursi/", "/en/kursi/"))
    assert "Not passed" in page.content()
    axe_check(page)
    assert page.csp_violations == []


def test_learner_pages_fit_a_phone(
    page, axe_check, login, learning_course, two_institutions
):
    login(two_institutions["learner"].email)
    page.goto("/kursi/itil-pam/")
    page.get_by_role("button", name="Pieteikties kursam").click()
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (
        "/dashboard/",
        "/kursi/",
        "/kursi/itil-pam/",
        "/kursi/itil-pam/nodarbiba-1/",
        "/kursi/itil-pam/tests/",
        "/en/dashboard/",
    ):
        page.goto(url)
        axe_check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} scrolls sideways ({width} px)"
    assert page.locator("progress").first.get_attribute("max") == "3"
