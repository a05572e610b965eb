"""The heat map on the manager's dashboard and the learner's competence profile,
in a real Chromium, audited by axe-core in Latvian and English."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from catalogue.services import involvement_upsert
from competences.models import Attainment, Competence
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def coverage(two_institutions, site_pages):
    t = two_institutions
    today = timezone.localdate()
    k01 = Competence.objects.get(code="K01")
    k06 = Competence.objects.get(code="K06")
    learner = Person.objects.get(user=t["learner"])
    involvement_upsert(
        person=learner,
        service=t["service_a"],
        start_date=today - datetime.timedelta(days=100),
    )
    for person, days, valid in (
        (t["staff_a"], 200, 900),  # held
        (t["partner_person"], 900, 400),  # expired
        (learner, 700, 710),  # expiring in ten days
    ):
        Attainment.objects.create(
            person=person,
            competence=k01,
            attained_on=today - datetime.timedelta(days=days),
            expires_on=today - datetime.timedelta(days=days - valid),
            level=2,
        )
    Attainment.objects.create(
        person=learner,
        competence=k06,
        attained_on=today - datetime.timedelta(days=3000),
        expires_on=today - datetime.timedelta(days=1000),
    )
    return t


def _set_admin_language(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_manager_opens_the_heat_map_and_follows_a_cell(
    page, axe_check, login, coverage
):
    t = coverage
    login(t["manager_a"].email, admin=True)
    page.goto("/admin/")
    table = page.locator("table.lms-heatmap-table")
    assert "Obligāto kompetenču nodrošinājums" in page.content()
    assert table.locator("caption").count() == 1
    assert t["partner"].name_lv in table.inner_text()
    assert t["inst_b"].name_lv not in page.content()
    axe_check(page)
    link = table.locator("td a").first
    href = link.get_attribute("href")
    query = parse_qs(urlsplit(href).query)
    assert set(query) & {"organisation", "institution"} and "competence" in query
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(href)
    axe_check(page)
    _set_admin_language(t["manager_a"], "en")
    page.goto("/admin/")
    assert "Coverage of mandatory competences" in page.content()
    axe_check(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_learner_opens_their_profile(page, axe_check, login, coverage, prefix):
    login(coverage["learner"].email)
    page.goto(f"{prefix}/dashboard/")
    axe_check(page)
    page.locator("#competence-panel-heading ~ p a").click()
    page.goto(f"{prefix}/competences/")
    heading = {"": "Manas kompetences", "/en": "My competences"}[prefix]
    assert page.locator("h1").inner_text() == heading
    assert "ITIL" in page.content()  # the course that develops the lapsed K06
    axe_check(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    # Nothing sticks out sideways on a small phone: wide tables scroll inside.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    axe_check(page)
