"""Session pages: course page buttons, register/cancel, .ics, admin attendance."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from courses.models import Completion, RegistrationStatus, SessionRegistration
from courses.services import session_register
from people.models import Person
from tests.courses.test_sessions import _past, make_session
from tests.courses.test_sessions import course as course  # noqa: F401 (fixture)
from tests.courses.test_sessions import people as people  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def latvian():
    # A request leaves its language active in the test's thread, and reverse()
    # would then prefix the next test's URLs with /en/.
    with translation.override("lv"):
        yield


def _client(user, language="lv"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _en(name, *args):
    """An English URL of the site (Latvian, the default, has no prefix)."""
    with translation.override("en"):
        return reverse(name, args=args)


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: CRLF line ends, continuation lines begin with a space."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    raw = text.split("\r\n")[:-1]
    for line in raw:
        assert len(line.encode("utf-8")) <= 75, line
    lines = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def parse_ics(text: str) -> dict:
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    start, end = lines.index("BEGIN:VEVENT"), lines.index("END:VEVENT")
    properties = {}
    for line in lines[start + 1 : end]:
        name, _, value = line.partition(":")
        properties[name] = value
    properties["_calendar"] = lines[:start]
    return properties


def _utc(value: str) -> datetime.datetime:
    assert re.fullmatch(r"\d{8}T\d{6}Z", value), value
    return datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(
        tzinfo=datetime.UTC
    )


def test_the_course_page_lists_sessions_with_a_register_button(
    course, people, two_institutions
):
    session = make_session(course, capacity=3)
    response = _client(two_institutions["learner"]).get(course.url)
    page = response.content.decode()
    assert "Gaidāmās nodarbības" in page
    assert reverse("session_register", args=[session.pk]) in page
    assert "Rīga, Smilšu iela 1" in page
    local = timezone.localtime(session.starts_at)
    # Dates as each language writes them short: 7.12.2026 10:00 in Latvian,
    # 2026-12-07 10:00 in English (as every other date on the pages).
    assert f"{local.day}.{local:%m.%Y %H:%M}" in page
    english = course.get_translation(Locale.objects.get(language_code="en")).url
    page = _client(two_institutions["learner"], "en").get(english).content.decode()
    assert local.strftime("%Y-%m-%d %H:%M") in page


def test_register_then_cancel_through_the_site(course, people, two_institutions):
    session = make_session(course, capacity=1)
    client = _client(two_institutions["learner"], "en")
    english = course.get_translation(Locale.objects.get(language_code="en")).url
    response = client.post(
        _en("session_register", session.pk), {"next": english}, follow=True
    )
    assert "You are registered for the session." in _messages(response)
    registration = SessionRegistration.objects.get(person=people["learner"])
    # Twice: a message, nothing more recorded.
    response = client.post(
        reverse("session_register", args=[session.pk]),
        {"next": english},
        follow=True,
    )
    assert "You are already registered for this session." in _messages(response)
    assert SessionRegistration.objects.count() == 1
    response = client.post(_en("registration_cancel", registration.pk), follow=True)
    assert "Your registration is cancelled." in _messages(response)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_a_full_session_offers_the_waiting_list_in_latvian(
    course, people, two_institutions
):
    session = make_session(course, capacity=1)
    session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    client = _client(two_institutions["learner"])
    page = client.get(course.url).content.decode()
    assert 'name="waitlist" value="1"' in page
    # A plain "register" post for a full session: the waiting list is offered.
    response = client.post(reverse("session_register", args=[session.pk]), follow=True)
    assert _messages(response) == [
        "Šī nodarbība ir pilna. Varat pieteikties gaidīšanas sarakstam."
    ]
    assert not SessionRegistration.objects.filter(person=people["learner"]).exists()
    client.post(reverse("session_register", args=[session.pk]), {"waitlist": "1"})
    assert (
        SessionRegistration.objects.get(person=people["learner"]).status
        == RegistrationStatus.WAITLISTED
    )


def test_after_the_deadline_the_site_says_so(course, people, two_institutions):
    session = make_session(course)
    type(session).objects.filter(pk=session.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    client = _client(two_institutions["learner"], "en")
    english = course.get_translation(Locale.objects.get(language_code="en"))
    page = client.get(english.url).content.decode()
    assert "Registration is closed." in page
    response = client.post(_en("session_register", session.pk), follow=True)
    assert _messages(response)[0].startswith("Registration for this session closed")
    assert not SessionRegistration.objects.exists()


def test_another_persons_registration_is_a_404(course, people, two_institutions):
    session = make_session(course)
    theirs = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    # Even the coordinator who registered them handles it in the admin only.
    for user in (two_institutions["learner"], two_institutions["coordinator_a"]):
        client = _client(user)
        assert (
            client.get(reverse("registration_calendar", args=[theirs.pk])).status_code
            == 404
        )
        assert (
            client.post(reverse("registration_cancel", args=[theirs.pk])).status_code
            == 404
        )
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.REGISTERED


def test_anonymous_visitors_are_sent_to_log_in(course, two_institutions):
    session = make_session(course)
    response = Client().post(reverse("session_register", args=[session.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not SessionRegistration.objects.exists()


def test_the_ics_file(course, people, two_institutions):
    trainer = people["staff_a"]
    session = make_session(
        course, trainer=trainer, online_url="https://meet.example.lv/itil?id=1,2"
    )
    registration = session_register(
        actor=two_institutions["learner"], person=people["learner"], session=session
    )
    response = _client(two_institutions["learner"]).get(
        reverse("registration_calendar", args=[registration.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.ics"')
    event = parse_ics(response.content.decode("utf-8"))
    assert "VERSION:2.0" in event["_calendar"]
    assert any(line.startswith("PRODID:") for line in event["_calendar"])
    assert event["UID"].startswith(f"session-{session.pk}@")
    _utc(event["DTSTAMP"])
    assert _utc(event["DTSTART"]) == session.starts_at.replace(microsecond=0)
    assert _utc(event["DTEND"]) == session.ends_at.replace(microsecond=0)
    assert event["SUMMARY"] == "ITIL pamati"
    # Commas are escaped in text, not in the URL.
    assert event["LOCATION"] == "Rīga\\, Smilšu iela 1\\, 3. stāvs"
    assert event["URL"] == "https://meet.example.lv/itil?id=1,2"
    assert trainer.full_name in event["DESCRIPTION"]
    # A waiting-list place has no calendar file.
    waiting = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["coordinator_a"],
        session=make_session(course, capacity=0 + 1),
    )
    SessionRegistration.objects.filter(pk=waiting.pk).update(
        status=RegistrationStatus.WAITLISTED
    )
    response = _client(two_institutions["coordinator_a"]).get(
        reverse("registration_calendar", args=[waiting.pk])
    )
    assert response.status_code == 404


def test_long_lines_fold_without_splitting_letters():
    from courses.calendar import session_ics

    now = timezone.now()
    body = session_ics(
        uid="x@y",
        summary="Ēģļņšž " * 30,
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=1),
    ).decode("utf-8")
    event = parse_ics(body)
    assert event["SUMMARY"] == "Ēģļņšž " * 30


def test_my_sessions_and_the_dashboard_panel(course, people, two_institutions):
    session = make_session(course)
    other = make_session(course, starts_in=9, deadline_in=8)
    mine = session_register(
        actor=two_institutions["learner"], person=people["learner"], session=session
    )
    theirs = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=other,
    )
    client = _client(two_institutions["learner"], "en")
    for url, heading in (
        (_en("my_sessions"), "<h1>My sessions</h1>"),
        (_en("dashboard"), "Upcoming sessions</h2>"),
    ):
        page = client.get(url).content.decode()
        assert heading in page
        assert reverse("registration_calendar", args=[mine.pk]) in page
        assert reverse("registration_cancel", args=[theirs.pk]) not in page
        assert "csrfmiddlewaretoken" in page


def test_my_sessions_keeps_its_queries_bounded(
    course, people, two_institutions, django_assert_max_num_queries
):
    client = _client(two_institutions["learner"])
    # Warm the per-process caches (site root paths) before counting.
    client.get(reverse("my_sessions"))
    counts = []
    for n in (1, 6):
        while SessionRegistration.objects.filter(person=people["learner"]).count() < n:
            session_register(
                actor=two_institutions["learner"],
                person=people["learner"],
                session=make_session(course),
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my_sessions")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(reverse("my_sessions"))


# The admin attendance screen.


def test_the_coordinator_marks_attendance_which_completes_the_course(
    course, people, two_institutions
):
    coordinator = two_institutions["coordinator_a"]
    session = make_session(course, organiser=two_institutions["inst_a"])
    registration = session_register(
        actor=coordinator, person=people["staff_a"], session=session
    )
    _past(session)
    url = reverse("wagtailsnippets_courses_coursesession:attendance", args=[session.pk])
    client = _client(coordinator)
    page = client.get(url)
    assert page.status_code == 200
    assert people["staff_a"].full_name in page.content.decode()
    response = client.post(url, {f"attended-{registration.pk}": "1"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
    assert Completion.objects.filter(person=people["staff_a"]).exists()


def test_bulk_marking_and_refusal_of_a_future_session(course, people, two_institutions):
    coordinator = two_institutions["coordinator_a"]
    session = make_session(course, organiser=two_institutions["inst_a"])
    registration = session_register(
        actor=coordinator, person=people["staff_a"], session=session
    )
    url = reverse("wagtailsnippets_courses_coursesession:attendance", args=[session.pk])
    client = _client(coordinator, "en")
    response = client.post(url, {"bulk": "1"})
    assert response.status_code == 200
    # The admin speaks the user's admin language (Latvian by default).
    assert "Apmeklējumu var atzīmēt, kad nodarbība ir sākusies." in (
        response.content.decode()
    )
    registration.refresh_from_db()
    assert registration.attended is None
    _past(session)
    client.post(url, {"bulk": "0"})
    registration.refresh_from_db()
    assert registration.attended is False


def test_another_institutions_attendance_screen_is_a_404(
    course, people, two_institutions
):
    session = make_session(course, organiser=two_institutions["inst_a"])
    registration = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    _past(session)
    url = reverse("wagtailsnippets_courses_coursesession:attendance", args=[session.pk])
    client = _client(two_institutions["manager_b"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"bulk": "1"}).status_code == 404
    registration.refresh_from_db()
    assert registration.attended is None


def test_a_trainer_from_another_institution_marks_their_session(
    course, people, two_institutions, make_member
):
    from people.permissions import COORDINATOR

    trainer_user = make_member(two_institutions["inst_b"], [COORDINATOR])
    trainer = Person.objects.get(user=trainer_user)
    session = make_session(
        course, organiser=two_institutions["inst_a"], trainer=trainer
    )
    registration = session_register(
        actor=two_institutions["coordinator_a"],
        person=people["staff_a"],
        session=session,
    )
    _past(session)
    url = reverse("wagtailsnippets_courses_coursesession:attendance", args=[session.pk])
    client = _client(trainer_user)
    assert people["staff_a"].full_name in client.get(url).content.decode()
    client.post(url, {f"attended-{registration.pk}": "1"})
    registration.refresh_from_db()
    assert registration.attended is True


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_admin_session_listing_and_export(
    course, people, two_institutions, language
):
    make_session(course, organiser=two_institutions["inst_a"])
    make_session(course, organiser=two_institutions["inst_b"], place="Dienvidu zāle")
    client = _client(two_institutions["coordinator_a"], language)
    url = reverse("wagtailsnippets_courses_coursesession:list")
    page = client.get(url).content.decode()
    assert "Smilšu iela" in page
    assert "Dienvidu zāle" not in page
    export = client.get(url, {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8")
    assert "Smilšu iela" in body and "Dienvidu zāle" not in body


def test_a_coordinator_creates_a_session_in_the_admin(course, two_institutions):
    from courses.models import CourseSession

    client = _client(two_institutions["coordinator_a"], "en")
    url = reverse("wagtailsnippets_courses_coursesession:add")
    assert client.get(url).status_code == 200
    data = {
        "course": course.pk,
        "starts_at": "2027-03-10 10:00",
        "ends_at": "2027-03-10 13:00",
        "registration_deadline": "2027-03-08 17:00",
        "place": "Cēsis, Raunas iela 1",
        "online_url": "",
        "trainer": "",
        "organiser": "",
        "capacity": "15",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = CourseSession.objects.get(place="Cēsis, Raunas iela 1")
    assert session.organiser == two_institutions["inst_a"]
    # Entered in Riga time (UTC+2 in March), stored in UTC.
    assert session.starts_at.astimezone(datetime.UTC).hour == 8
    # Another institution as organiser: refused on the form, nothing saved.
    response = client.post(
        url, {**data, "place": "Valmiera", "organiser": two_institutions["inst_b"].pk}
    )
    assert response.status_code == 200
    assert not CourseSession.objects.filter(place="Valmiera").exists()
    # A manager looks but does not create.
    manager = _client(two_institutions["manager_a"])
    assert manager.get(url).status_code in (302, 403)


@pytest.mark.parametrize("url_name", ["course", "dashboard"])
def test_course_page_and_dashboard_queries_do_not_grow_with_sessions(
    course, people, two_institutions, url_name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(two_institutions["learner"])
    url = course.url if url_name == "course" else reverse("dashboard")
    client.get(url)
    counts = []
    for n in (2, 12):
        while SessionRegistration.objects.filter(person=people["learner"]).count() < n:
            session_register(
                actor=two_institutions["learner"],
                person=people["learner"],
                session=make_session(course),
            )
            make_session(course, capacity=1)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
