"""The learner's dashboard is cached per person until one of their records
changes (lms.page_cache.person_cache_get_or_set): never stale, never shared."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from catalogue.services import involvement_upsert
from competences.models import Competence
from competences.services.coverage import attainment_grant
from courses.models import Enrolment
from courses.services import enrolment_create, enrolment_withdraw
from courses.services.bulk import enrolment_bulk_ensure
from lms.page_cache import people_touch
from people.models import Person

pytestmark = pytest.mark.django_db


def _dashboard(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def user(two_institutions):
    return two_institutions["learner"]


def test_a_second_visit_reads_no_panel_again(client, course, learner, user):
    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    first, cold = _dashboard(client)
    second, warm = _dashboard(client)
    # The same panels; the page around them (its CSRF token) is rendered anew.
    assert _main(second) == _main(first)
    assert "ITIL pamati" in second
    assert warm < cold and warm <= 5, (cold, warm)


def test_the_persons_own_change_shows_at_once(client, course, learner, user):
    client.force_login(user)
    assert "ITIL pamati" not in _dashboard(client)[0]
    enrolment = enrolment_create(actor=user, person=learner, course=course)
    assert "ITIL pamati" in _dashboard(client)[0]
    enrolment_withdraw(actor=user, enrolment=enrolment)
    assert "ITIL pamati" not in _dashboard(client)[0]


def test_a_bulk_enrolment_without_post_save_shows_at_once(
    client, course, learner, user
):
    client.force_login(user)
    assert "ITIL pamati" not in _dashboard(client)[0]
    created = enrolment_bulk_ensure(person_ids=[learner.pk], course=course, actor=None)
    assert created == 1 and Enrolment.objects.filter(person=learner).exists()
    assert "ITIL pamati" in _dashboard(client)[0]


def test_a_change_made_by_someone_else_shows_at_once(
    client, learner, user, two_institutions
):
    competence = Competence.objects.order_by("code").first()
    # A partner delivering institution A's service is in its coordinator's scope.
    involvement_upsert(
        person=learner,
        service=two_institutions["service_a"],
        start_date=datetime.date(2026, 1, 1),
    )
    client.force_login(user)
    gap = f'<span class="code">{competence.code}</span>'
    assert gap in _dashboard(client)[0]  # a mandatory competence is missing
    attainment_grant(
        actor=two_institutions["coordinator_a"],
        person=learner,
        competence=competence,
        attained_on=timezone.localdate() - datetime.timedelta(days=3),
        note="Atzīts pēc ārēja sertifikāta",
    )
    html, queries = _dashboard(client)
    assert queries > 5  # rendered again, not served from the cache
    assert gap not in html


def test_another_persons_change_leaves_my_cache_alone(
    client, course, learner, user, two_institutions
):
    client.force_login(user)
    _dashboard(client)
    other = two_institutions["staff_b"]
    enrolment_create(actor=None, person=other, course=course)
    assert _dashboard(client)[1] <= 5


def test_each_language_has_its_own_dashboard(client, course, learner, user):
    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    latvian = _dashboard(client)[0]
    with translation.override("en"):
        english = client.get(reverse("dashboard")).content
    english = english.decode()
    assert "Manas kompetences" in _main(latvian)
    assert "My competences" in _main(english)
    assert "Manas kompetences" not in _main(english)


def test_a_new_day_renders_again(client, course, learner, user):
    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    with freeze_time("2026-11-27 10:00:00"):
        _dashboard(client)
        assert _dashboard(client)[1] <= 5
    with freeze_time("2026-11-28 10:00:00"):
        assert _dashboard(client)[1] > 5


def test_touching_a_person_recomputes_only_theirs(client, course, learner, user):
    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    _dashboard(client)
    people_touch([Person.objects.exclude(pk=learner.pk).first().pk])
    assert _dashboard(client)[1] <= 5
    people_touch([learner.pk])
    assert _dashboard(client)[1] > 5


def test_touching_many_people_starts_a_new_generation(client, course, learner, user):
    from lms.page_cache import PEOPLE_TOUCH_MAX, page_cache_generation

    enrolment_create(actor=user, person=learner, course=course)
    client.force_login(user)
    _dashboard(client)
    before = page_cache_generation()
    people_touch(range(10**6, 10**6 + PEOPLE_TOUCH_MAX + 1))
    assert page_cache_generation() != before
    assert _dashboard(client)[1] > 5
