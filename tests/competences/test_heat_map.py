"""The manager's heat map: organisations × mandatory competences, % covered."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from catalogue.models import Involvement, Relation
from competences.models import Attainment, Competence
from competences.panels import band, gaps_link, gaps_url_base
from competences.permissions import coverage_people_visible_to
from competences.selectors import coverage_heat_map
from people.models import Organisation, Person
from people.permissions import LEARNER, MANAGER, organisations_visible_to
from tests.competences.conftest import AS_OF
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _table(user, as_of=AS_OF):
    heat_map = coverage_heat_map(
        organisations=organisations_visible_to(user),
        people=coverage_people_visible_to(user),
        as_of=as_of,
    )
    codes = [c.code for c in heat_map.competences]
    return codes, {
        row.organisation.code: [
            None if s is None else (s.percent, s.covered, s.required) for s in row.cells
        ]
        for row in heat_map.rows
    }


def test_cells_on_the_hand_built_world(coverage_world):
    admin = UserFactory(is_superuser=True)
    codes, table = _table(admin)
    # Only K01 stays mandatory in the fixture. On 1 July 2026: Anna holds it,
    # Bruno's expires within the window (still covered), Cilda renewed hers,
    # Dace's expired, Ēriks's was revoked; Zane's involvement ended.
    assert codes == ["K01"]
    assert table == {
        "A0001": [(0, 0, 1)],  # Ēriks
        "A0001-11": [(100, 1, 1)],  # Anna, in the sub-unit: her own row
        "A0002": [(100, 1, 1)],  # Bruno, expiring
        "P0001": [(50, 1, 2)],  # Cilda held, Dace expired
    }


def test_two_mandatory_competences_and_floored_percentages(coverage_world):
    k02 = Competence.objects.get(code="K02")
    k02.obligation = "mandatory"
    k02.save()
    partner = coverage_world["orgs"]["partner"]
    third = PersonFactory(email="trešais@example.lv", organisation=partner)
    Involvement.objects.create(
        person=third,
        service=coverage_world["services"]["PAK-1"],
        relation=Relation.EXTERNAL,
        start_date=datetime.date(2026, 1, 1),
    )
    Attainment.objects.create(
        person=third, competence=k02, attained_on=datetime.date(2026, 1, 1)
    )
    codes, table = _table(UserFactory(is_superuser=True))
    assert codes == ["K01", "K02"]
    # Partner: K01 held by Cilda of three (33 %, floored), K02 by the third.
    assert table["P0001"] == [(33, 1, 3), (33, 1, 3)]
    assert table["A0001"] == [(0, 0, 1), (0, 0, 1)]


def test_another_institutions_manager_never_sees_these_organisations(
    coverage_world, make_member
):
    other = OrganisationFactory(code="B0001", name_lv="Cita iestāde")
    manager = make_member(other, [MANAGER])
    assert _table(manager)[1] == {}
    client = Client()
    client.force_login(manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "coverage-heat-map-heading" in page
    for code in ("A0001", "A0002", "P0001"):
        assert code not in page


def test_subordinate_institution_sees_only_its_own_row(coverage_world, make_member):
    manager = make_member(coverage_world["orgs"]["sub"], [MANAGER])
    # Bruno works there; the partner delivers only A's service.
    assert _table(manager)[1] == {"A0002": [(100, 1, 1)]}


def test_owner_manager_sees_its_tree_and_its_partners(coverage_world, make_member):
    manager = make_member(coverage_world["orgs"]["unit"], [MANAGER])
    assert set(_table(manager)[1]) == {"A0001", "A0001-11", "A0002", "P0001"}


def test_learners_get_no_heat_map(coverage_world, make_member):
    client = Client()
    client.force_login(make_member(coverage_world["orgs"]["unit"], [LEARNER]))
    response = client.get(reverse("wagtailadmin_home"))
    assert "coverage-heat-map-heading" not in response.content.decode()


def test_panel_renders_a_table_with_links_to_the_gaps(coverage_world, make_member):
    # Today, not 1 July: Bruno's K01 expired on 10 July 2026.
    manager = make_member(coverage_world["orgs"]["unit"], [MANAGER])
    client = Client()
    client.force_login(manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<caption" in page
    assert '<th scope="col"' in page and '<th scope="row"' in page
    assert "Padotā iestāde" in page and "SIA Ābele" in page
    k01 = Competence.objects.get(code="K01")
    url, is_gaps = gaps_url_base()
    assert f"competence={k01.pk}" in page
    assert url in page
    assert "lms-heat-low" in page  # Ēriks's institution: 0 %


def test_gaps_link_query_string(coverage_world):
    unit_org = coverage_world["orgs"]["unit"]
    subunit = Organisation.objects.get(code="A0001-11")
    k01 = Competence.objects.get(code="K01")
    heat_map = coverage_heat_map(
        organisations=Organisation.objects.all(),
        people=Person.objects.all(),
        as_of=AS_OF,
    )
    row = next(r for r in heat_map.rows if r.organisation == subunit)
    try:
        gaps = reverse("coverage_gaps")
    except NoReverseMatch:
        gaps = None
    link = urlsplit(gaps_link(gaps_url_base(), row, k01))
    query = parse_qs(link.query)
    if gaps is not None:
        assert link.path == gaps
        assert query == {"organisation": [str(subunit.pk)], "competence": [str(k01.pk)]}
    else:
        # Until the gaps report lands: people-competences, narrowed to the
        # institution above the sub-unit (two levels up) and the competence.
        assert link.path == reverse("competences_reports:people_competences")
        assert query == {
            "institution": [str(unit_org.parent_id)],
            "competence": [str(k01.pk)],
        }
    # The gaps report's own query string, whichever is installed.
    as_gaps = urlsplit(gaps_link(("/gaps/", True), row, k01))
    assert parse_qs(as_gaps.query) == {
        "organisation": [str(subunit.pk)],
        "competence": [str(k01.pk)],
    }


def test_bands():
    assert [band(p) for p in (100, 99, 80, 79, 50, 49, 0)] == [
        "full",
        "high",
        "high",
        "medium",
        "medium",
        "low",
        "low",
    ]


def _grow(world, n):
    """n more partners, each with a person delivering PAK-1 and an attainment."""
    k01 = Competence.objects.get(code="K01")
    for i in range(n):
        org = OrganisationFactory(kind="ngo", name_lv=f"Biedrība Nr. {i}")
        person = PersonFactory(organisation=org)
        Involvement.objects.create(
            person=person,
            service=world["services"]["PAK-1"],
            relation=Relation.EXTERNAL,
            start_date=datetime.date(2025, 1, 1),
        )
        Attainment.objects.create(
            person=person, competence=k01, attained_on=datetime.date(2025, 1, 1)
        )


def test_dashboard_query_count_does_not_grow(
    coverage_world, make_member, django_assert_max_num_queries
):
    manager = make_member(coverage_world["orgs"]["unit"], [MANAGER])
    client = Client()
    client.force_login(manager)
    client.get(reverse("wagtailadmin_home"))  # warm caches (site, locale)
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("wagtailadmin_home"))
    _grow(coverage_world, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Biedrība Nr. 29" in page
