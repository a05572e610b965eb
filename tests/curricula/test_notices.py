"""Notices exactly once, in the recipient's language; recurrence over a year."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from competences.models import Competence
from competences.services import attainment_grant
from courses.models import Completion, Enrolment
from courses.services import completion_record
from curricula.models import (
    AssignmentMember,
    AudienceKind,
    Notification,
    NotificationKind,
    Provider,
)
from curricula.services import assignment_remind_overdue, reminders_send
from tests.curricula.conftest import TODAY


@pytest.fixture
def partners(two_institutions, curriculum, assign):
    w = two_institutions
    w["partner_person"].language = "en"
    w["partner_person"].save()
    outcome = assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.EXTERNAL,
        due_in_days=10,
    )
    return outcome.assignment


def _kinds(person):
    return sorted(
        Notification.objects.filter(person=person).values_list("kind", flat=True)
    )


def test_send_reminders_twice_sends_each_notice_once(partners, two_institutions):
    w = two_institutions
    learner = w["partner_person"]
    mail.outbox.clear()
    with freeze_time(TODAY):
        call_command("send_reminders")
        call_command("send_reminders")
    # The "assigned" notice, recorded when they joined, is e-mailed once.
    assert _kinds(learner) == [NotificationKind.ASSIGNED]
    assert [m.to for m in mail.outbox] == [[learner.email]]
    # English for a person who prefers English.
    assert "You have been assigned" in mail.outbox[0].body
    mail.outbox.clear()
    with freeze_time(TODAY + datetime.timedelta(days=4)):
        call_command("send_reminders")
        call_command("send_reminders")
    assert _kinds(learner) == [NotificationKind.ASSIGNED, NotificationKind.DUE_SOON]
    assert len(mail.outbox) == 1 and "due on 12.03.2026" in mail.outbox[0].body
    mail.outbox.clear()
    with freeze_time(TODAY + datetime.timedelta(days=11)):
        reminders_send()
        reminders_send()
    assert _kinds(learner) == [
        NotificationKind.ASSIGNED,
        NotificationKind.DUE_SOON,
        NotificationKind.OVERDUE,
    ]
    coordinator = w["coordinator_a"].person
    overdue_to_coordinator = Notification.objects.get(
        person=coordinator, kind=NotificationKind.OVERDUE_MANAGER
    )
    assert overdue_to_coordinator.about_person == learner
    # Two learner notices (overdue) + one to the coordinator, nothing repeated.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [learner.email, coordinator.email]
    )
    # Latvian for the coordinator (the default language).
    latvian = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "nav pabeigts" in latvian.body


def test_the_coordinators_reminder_reaches_every_overdue_person_once_a_day(
    partners, two_institutions
):
    w = two_institutions
    day = TODAY + datetime.timedelta(days=20)
    mail.outbox.clear()
    sent = assignment_remind_overdue(
        assignment=partners, actor=w["coordinator_a"], today=day
    )
    again = assignment_remind_overdue(
        assignment=partners, actor=w["coordinator_a"], today=day
    )
    reminders = Notification.objects.filter(kind=NotificationKind.REMINDER)
    assert list(reminders.values_list("person", flat=True)) == [w["partner_person"].pk]
    assert again == 0 and sent >= 1
    # Another institution's manager may not send them.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        assignment_remind_overdue(assignment=partners, actor=w["manager_b"], today=day)


def test_attainments_expiring_in_30_days_are_noticed_once(two_institutions, db):
    w = two_institutions
    attainment = attainment_grant(
        actor=None,
        person=w["staff_a"],
        competence=Competence.objects.get(code="K01"),
        attained_on=datetime.date(2024, 4, 1),
    )
    attainment.expires_on = TODAY + datetime.timedelta(days=20)
    attainment.save(update_fields=["expires_on"])
    reminders_send(today=TODAY)
    reminders_send(today=TODAY + datetime.timedelta(days=1))
    notices = Notification.objects.filter(kind=NotificationKind.ATTAINMENT_EXPIRING)
    assert notices.count() == 1
    assert notices.get().person == w["staff_a"]


def test_a_year_of_recurrence_reopens_the_plan_and_keeps_history(
    two_institutions, curriculum, assign
):
    w = two_institutions
    curriculum.recurrence_months = 6
    curriculum.recertification_window_days = 14
    curriculum.save()
    learner = w["partner_person"]
    with freeze_time(TODAY):
        assignment = assign(
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=w["service_a"],
            provider=Provider.EXTERNAL,
            due_in_days=30,
        ).assignment
    member = AssignmentMember.objects.get(assignment=assignment, person=learner)
    rounds_opened = []
    day = TODAY
    end = TODAY + datetime.timedelta(days=365)
    while day <= end:
        with freeze_time(day):
            # The learner completes whatever is open a week into each round.
            member.refresh_from_db()
            if day == member.round_started_on + datetime.timedelta(days=7):
                for enrolment in Enrolment.objects.filter(
                    person=learner, is_current=True, completion__isnull=True
                ):
                    completion_record(enrolment=enrolment)
            before = member.round
            reminders_send(today=day)
            member.refresh_from_db()
            if member.round != before:
                rounds_opened.append((day, member.due_on))
        day += datetime.timedelta(days=1)
    # Completed on 9 March; due again 9 September; the window opens 14 days
    # before. And again six months after the second completion.
    assert rounds_opened[0] == (datetime.date(2026, 8, 26), datetime.date(2026, 9, 9))
    assert len(rounds_opened) == 2
    assert member.round == 3
    # Each course: three rounds, each completed a week in, all kept.
    for course_id in member.assignment.curriculum.items.values_list(
        "course_id", flat=True
    ):
        rounds = Enrolment.objects.filter(person=learner, course_id=course_id)
        assert sorted(rounds.values_list("round", flat=True)) == [1, 2, 3]
        assert (
            Completion.objects.filter(person=learner, course_id=course_id).count() == 3
        )


# Notices in the recipient's language -------------------------------------------


@pytest.mark.parametrize("recorded_in", ["en", "lv"])
def test_a_notice_reaches_each_person_in_their_language(
    recorded_in, two_institutions, curriculum, assign, client
):
    from django.urls import reverse
    from django.utils import translation

    from tests.support.fixtures import link_user

    w = two_institutions
    latvian, english = w["staff_a"], w["partner_person"]
    english.language = "en"
    english.save()
    # Recorded while an English- (or Latvian-) speaking coordinator's request
    # is active.
    with translation.override(recorded_in):
        assign(
            curriculum=curriculum,
            audience_kind=AudienceKind.SERVICE,
            service=w["service_a"],
            provider=Provider.ANY,
        )
    notice = Notification.objects.get(person=latvian)
    assert notice.subject_text == "PLĀNS-Ā Pakalpojumu plāns"
    assert notice.subject_text_en == "PLĀNS-Ā Service plan"
    mail.outbox.clear()
    with translation.override(recorded_in):
        reminders_send(today=TODAY)
    by_person = {message.to[0]: message for message in mail.outbox}
    to_latvian = by_person[latvian.email]
    assert "Pakalpojumu plāns" in to_latvian.subject
    assert "Pakalpojumu plāns" in to_latvian.body
    assert "Service plan" not in to_latvian.body
    to_english = by_person[english.email]
    assert "Service plan" in to_english.subject and "Service plan" in to_english.body
    # The in-app list too, whatever language the page is read in.
    for person, shown, hidden in (
        (latvian, "Pakalpojumu plāns", "Service plan"),
        (english, "Service plan", "Pakalpojumu plāns"),
    ):
        client.force_login(link_user(person))
        for language in ("lv", "en"):
            with translation.override(language):
                page = client.get(reverse("notifications")).content.decode()
            assert shown in page and hidden not in page, (person, language)


def test_a_single_course_notice_carries_both_titles(two_institutions, courses, assign):
    from django.utils import translation

    w = two_institutions
    with translation.override("en"):
        assign(
            course=courses[1],
            audience_kind=AudienceKind.PEOPLE,
            people_ids=[w["staff_a"].pk],
        )
    notice = Notification.objects.get(person=w["staff_a"])
    assert (notice.subject_text, notice.subject_text_en) == (
        "Datu drošība",
        "Data security",
    )
    assert notice.subject_in("en") == "Data security"
    assert notice.subject_in("lv") == "Datu drošība"


def test_the_migration_gives_existing_notices_both_languages(partners):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "curricula.migrations.0006_notification_subject_en"
    )
    # As recorded before: in whatever language was active, English here.
    Notification.objects.update(subject_text="PLĀNS-Ā Service plan", subject_text_en="")
    orphan = Notification.objects.get()
    orphan.pk, orphan.subject_id = None, 999_999
    orphan.save()
    migration.fill_both_languages(apps, None)
    texts = set(
        Notification.objects.exclude(pk=orphan.pk).values_list(
            "subject_text", "subject_text_en"
        )
    )
    assert texts == {("PLĀNS-Ā Pakalpojumu plāns", "PLĀNS-Ā Service plan")}
    # A notice whose subject is gone keeps the text it had.
    orphan.refresh_from_db()
    assert orphan.subject_text == "PLĀNS-Ā Service plan"
