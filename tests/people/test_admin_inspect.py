"""The person page shows what a coordinator needs; menus show what each group uses."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.services import involvement_upsert
from tests.factories import (
    OrganisationFactory,
    ResourceFactory,
    RoleAssignmentFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def _inspect(client, user, person):
    client.force_login(user)
    return client.get(
        reverse("wagtailsnippets_people_person:inspect", args=[person.pk]),
        HTTP_ACCEPT_LANGUAGE="lv",
    )


def test_inspect_shows_involvements_roles_and_no_raw_values(client, two_institutions):
    t = two_institutions
    person = t["staff_a"]
    RoleAssignmentFactory(person=person, service=t["service_a"])
    html = _inspect(client, t["coordinator_a"], person).content.decode()
    assert str(t["service_a"]) in html
    assert "Iesaistes" in html
    assert "Atbildīgās lomas" in html
    assert not re.search(r">\s*None\s*<", html)
    assert "<dt>ID</dt>" not in html
    assert "Konta vēl nav" in html


def test_inspect_of_person_with_nothing_has_empty_states(client, two_institutions):
    t = two_institutions
    html = _inspect(client, t["coordinator_a"], t["idle_partner_person"]).content
    # The idle partner is outside A's scope: not even acknowledged.
    assert b"Iesaistes" not in html
    person = t["staff_a"]
    person.involvements.all().delete()
    html = _inspect(client, t["coordinator_a"], person).content.decode()
    assert "nav iesaistīta nevienā pakalpojumā vai resursā" in html
    assert "nav nevienas atbildīgās lomas" in html


def test_inspect_queries_do_not_grow_with_involvements(
    client, two_institutions, django_assert_max_num_queries
):
    t = two_institutions
    person = t["staff_a"]

    def add_rows(day):
        involvement_upsert(
            person=person,
            resource=ResourceFactory(owner=t["inst_a"]),
            start_date=datetime.date(2026, 2, day),
        )
        RoleAssignmentFactory(person=person, service=ServiceFactory(owner=t["inst_a"]))
        RoleAssignmentFactory(
            person=person,
            service=None,
            organisation=OrganisationFactory(parent=t["inst_a"], kind="unit"),
            role="service_portfolio_manager",
        )

    add_rows(1)
    _inspect(client, t["coordinator_a"], person)  # warm caches
    with CaptureQueriesContext(connection) as baseline:
        _inspect(client, t["coordinator_a"], person)
    for day in range(2, 7):
        add_rows(day)
    with django_assert_max_num_queries(len(baseline)):
        response = _inspect(client, t["coordinator_a"], person)
    assert response.content.decode().count("<li>") >= 12


def test_another_institutions_manager_gets_404(client, two_institutions):
    t = two_institutions
    assert _inspect(client, t["manager_b"], t["staff_a"]).status_code == 404


def _menu(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_invitations_menu_only_for_those_who_invite(client, two_institutions):
    url = reverse("wagtailsnippets_people_invitation:list")
    assert url not in _menu(client, two_institutions["manager_a"])
    assert url in _menu(client, two_institutions["coordinator_a"])
