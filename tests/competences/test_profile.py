"""The learner's competence profile on the site, and its dashboard panel."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.models import Involvement, Relation
from competences.models import Attainment, Competence
from competences.selectors import competence_profile
from people.permissions import LEARNER
from tests.competences.conftest import AS_OF
from tests.factories import OrganisationFactory, PersonFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    # A request to /en/ leaves English active in this thread (LocaleMiddleware
    # activates it and nothing deactivates it); later tests expect Latvian.
    language = translation.get_language()
    yield
    translation.activate(language)


def _rows(profile):
    return [
        (r.cell.competence_code, r.cell.status, [c.title for c in r.courses])
        for r in profile.requirements
    ]


def test_profile_of_a_person_with_an_expired_competence(coverage_world, site_pages):
    from courses.services import Taxonomy, Translated, course_page_ensure

    course_page_ensure(
        index=site_pages["pages"].courses,
        code="POL-1",
        duration_hours=2,
        text=Translated(
            "Politikas pamati",
            "Policy basics",
            summary_lv="Politika īsumā",
            summary_en="Policy in brief",
        ),
        taxonomy=Taxonomy(competences=["K01"]),
    )
    dace = coverage_world["people"]["Dace"]
    with translation.override("lv"):
        profile = competence_profile(person=dace, as_of=AS_OF)
    # K01 lapsed on 1 Jan 2025: a gap, with the course that develops it (the
    # Latvian page in Latvian); K07 is covered by the centre C0002 for PAK-1.
    assert _rows(profile) == [
        ("K01", "expired", ["Politikas pamati"]),
        ("K07", "delegated", []),
    ]
    assert [g.cell.competence_code for g in profile.gaps] == ["K01"]
    assert [(a.attainment.competence.code, a.state) for a in profile.attainments] == [
        ("K01", "expired")
    ]
    with translation.override("en"):
        profile = competence_profile(person=dace, as_of=AS_OF)
    assert _rows(profile)[0] == ("K01", "expired", ["Policy basics"])


def test_profile_shows_levels_history_and_no_future_attainment(coverage_world):
    anna = coverage_world["people"]["Anna"]
    profile = competence_profile(person=anna, as_of=AS_OF)
    # K07 asked at level 2, Anna has level 1: the centre covers PAK-1.
    assert _rows(profile) == [("K01", "held", []), ("K07", "delegated", [])]
    assert profile.gaps == []
    held = [
        (a.attainment.competence.code, a.attainment.level_label, a.state)
        for a in profile.attainments
    ]
    # K09 is recorded as attained on 5 July: not there yet on 1 July.
    assert held == [("K01", "", "valid"), ("K07", "Nav apgūta", "valid")]
    cilda = competence_profile(person=coverage_world["people"]["Cilda"], as_of=AS_OF)
    # Expired, then renewed: both in the history, the renewal first.
    assert [a.state for a in cilda.attainments] == ["valid", "expired"]
    assert _rows(cilda)[0] == ("K01", "held", [])


def test_revoked_attainment_is_not_shown_and_counts_as_missing(coverage_world):
    eriks = coverage_world["people"]["Ēriks"]
    profile = competence_profile(person=eriks, as_of=AS_OF)
    assert profile.attainments == []
    # A service manager: K01 (mandatory), K07 (PAK-1), K09 (the role).
    statuses = {r.cell.competence_code: r.cell.status for r in profile.requirements}
    assert statuses == {"K01": "missing", "K07": "delegated", "K09": "missing"}


def _learner_world():
    today = timezone.localdate()
    inst = OrganisationFactory(name_lv="Iestāde Ņ")
    service = ServiceFactory(owner=inst)
    client = Client()
    learner = PersonFactory(organisation=inst, email="līga@example.lv")
    from tests.factories import UserFactory

    user = UserFactory(groups=[], email="liga.user@example.lv")
    learner.user = user
    learner.save()
    Involvement.objects.create(
        person=learner,
        service=service,
        relation=Relation.INTERNAL,
        start_date=today - datetime.timedelta(days=400),
    )
    k01, k02 = (Competence.objects.get(code=c) for c in ("K01", "K02"))
    Attainment.objects.create(
        person=learner,
        competence=k01,
        attained_on=today - datetime.timedelta(days=700),
        expires_on=today + datetime.timedelta(days=10),
        level=2,
    )
    other = PersonFactory(organisation=inst, email="cits@example.lv")
    Attainment.objects.create(
        person=other, competence=k02, attained_on=today - datetime.timedelta(days=3)
    )
    client.force_login(user)
    return client, learner


@pytest.mark.parametrize("language", ["lv", "en"])
def test_profile_page_shows_only_the_own_records(language, site_pages):
    client, learner = _learner_world()
    with translation.override(language):
        url = reverse("competence_profile")
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    heading = {"lv": "Manas kompetences", "en": "My competences"}[language]
    assert heading in text
    expiring = {"lv": "Beidzas derīgums", "en": "Expiring"}[language]
    missing = {"lv": "Trūkst", "en": "Missing"}[language]
    assert expiring in text and missing in text
    # The ITIL course develops K06, which the learner lacks.
    assert {"lv": "ITIL pamati", "en": "ITIL basics"}[language] in text
    assert "cits@example.lv" not in text
    # Another person's K02 of three days ago is not this learner's.
    k02 = Competence.objects.get(code="K02")
    assert k02.name not in text.split("held-heading")[1]


def test_profile_needs_a_login():
    response = Client().get(reverse("competence_profile"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_user_without_a_person_record(make_member):
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    response = client.get(reverse("competence_profile"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "nav sasaistīts ar personas ierakstu" in text


def test_dashboard_panel_links_to_the_profile(site_pages):
    client, _learner = _learner_world()
    text = client.get(reverse("dashboard")).content.decode()
    assert "competence-panel-heading" in text
    assert reverse("competence_profile") in text
    assert "K01" in text  # expiring within the window


def test_profile_query_count_does_not_grow(site_pages, django_assert_max_num_queries):
    client, learner = _learner_world()
    client.get(reverse("competence_profile"))
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("competence_profile"))
    k = Competence.objects.filter(obligation="mandatory")
    today = timezone.localdate()
    for i in range(12):
        Attainment.objects.create(
            person=learner,
            competence=k[i % k.count()],
            attained_on=today - datetime.timedelta(days=900 + i),
            expires_on=today - datetime.timedelta(days=100 + i),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("competence_profile"))


def test_learner_group_member_sees_own_profile_only(coverage_world, make_member):
    # A learner in institution A: their profile is their own, empty.
    user = make_member(coverage_world["orgs"]["unit"], [LEARNER])
    client = Client()
    client.force_login(user)
    text = client.get(reverse("competence_profile")).content.decode()
    for email in ("anna@example.lv", "bruno@example.lv", "dace@example.lv"):
        assert email not in text
    assert "Anna" not in text
