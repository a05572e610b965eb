"""Sessions in a real Chromium: a learner registers and downloads the .ics;
axe-core on the course page, "My sessions", the dashboard panel and the admin
attendance screen, in Latvian and English and at 360 px."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from courses.models import CourseFormat, CourseSession, RegistrationStatus
from courses.services import session_register
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def classroom(site_pages, two_institutions):
    course = site_pages["course"]
    course.format = CourseFormat.CLASSROOM
    course.save_revision().publish()
    starts = timezone.now() + datetime.timedelta(days=7)
    open_session = CourseSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_deadline=starts - datetime.timedelta(days=1),
        place="Rīga, Smilšu iela 1, 3. stāvs",
        trainer=two_institutions["staff_a"],
        organiser=two_institutions["inst_a"],
        capacity=5,
    )
    full = CourseSession.objects.create(
        course=course,
        starts_at=starts + datetime.timedelta(days=7),
        ends_at=starts + datetime.timedelta(days=7, hours=2),
        registration_deadline=starts + datetime.timedelta(days=5),
        online_url="https://meet.example.lv/itil",
        organiser=two_institutions["inst_a"],
        capacity=1,
    )
    session_register(
        actor=two_institutions["coordinator_a"],
        person=two_institutions["staff_a"],
        session=full,
    )
    return {"course": course, "open": open_session, "full": full}


def test_a_learner_registers_and_downloads_the_calendar_file(
    page, axe_check, login, classroom, two_institutions
):
    learner = two_institutions["learner"]
    login(learner.email)
    page.goto("/kursi/itil-pam/")
    axe_check(page)
    page.get_by_role("button", name="Pieteikties gaidīšanas sarakstam").is_visible()
    page.get_by_role("button", name="Pieteikties", exact=True).click()
    page.wait_for_load_state()
    assert "Jūs esat pieteikušies nodarbībai." in page.content()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pievienot kalendāram (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    body = Path(download.path()).read_bytes().decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:ITIL pamati\r\n" in body
    person = Person.objects.get(user=learner)
    registration = classroom["open"].registrations.get(person=person)
    assert registration.status == RegistrationStatus.REGISTERED
    # The full session offers its waiting list.
    page.get_by_role("button", name="Pieteikties gaidīšanas sarakstam").click()
    page.wait_for_load_state()
    assert classroom["full"].registrations.get(person=person).status == (
        RegistrationStatus.WAITLISTED
    )
    for url in ("/dashboard/", "/sessions/", "/en/kursi/itil-pam/", "/en/sessions/"):
        page.goto(url)
        axe_check(page)
    assert page.csp_violations == []


def test_session_pages_at_360_px(chromium, live_server, classroom, two_institutions):
    from axe_playwright_python.sync_playwright import Axe

    learner = two_institutions["learner"]
    session_register(
        actor=learner,
        person=Person.objects.get(user=learner),
        session=classroom["open"],
    )
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 780}
    )
    page = context.new_page()
    page.goto("/login/")
    page.fill("input[name=username]", learner.email)
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    axe = Axe()
    for url in ("/kursi/itil-pam/", "/dashboard/", "/en/sessions/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} scrolls sideways ({width}px)"
        violations = [
            v["id"]
            for v in axe.run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert violations == [], f"{url}: {violations}"
    context.close()


def test_the_coordinator_marks_attendance_in_the_admin(
    page, axe_check, login, classroom, two_institutions
):
    session = classroom["full"]
    CourseSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
        registration_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    login(two_institutions["coordinator_a"].email, admin=True)
    page.goto(f"/admin/snippets/courses/coursesession/attendance/{session.pk}/")
    axe_check(page)
    page.get_by_label("apmeklēja").check()
    page.get_by_role("button", name="Saglabāt apmeklējumu").click()
    page.wait_for_load_state()
    assert session.registrations.get().attended is True
    axe_check(page)
    page.goto("/admin/snippets/courses/coursesession/")
    axe_check(page)
