"""The account page: people/ owns it, catalogue adds its panel through a hook."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.services import involvement_upsert
from tests.factories import RoleAssignmentFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_account_keeps_its_address_and_name():
    assert reverse("account") == "/account/"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("account"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_learner_sees_own_involvements_and_roles_only(client, two_institutions):
    world = two_institutions
    learner = world["learner"]
    service = ServiceFactory(owner=world["inst_a"], name_lv="Ūdens skaitītāju pārbaude")
    involvement_upsert(
        person=learner.person, service=service, start_date=datetime.date(2026, 2, 1)
    )
    RoleAssignmentFactory(person=learner.person, service=service)
    # Someone else's involvement in a service the learner also sees.
    involvement_upsert(
        person=world["staff_a"], service=service, start_date=datetime.date(2026, 2, 1)
    )
    client.force_login(learner)
    html = client.get(reverse("account")).content.decode()
    assert "Ūdens skaitītāju pārbaude" in html
    assert learner.person.full_name in html
    assert world["staff_a"].full_name not in html
    assert "ārējais" in html.lower()  # a partner is external to the owner
    assert "You hold none" not in html and "Jums nav" not in html


def test_manager_sees_own_records_not_the_institutions(client, two_institutions):
    world = two_institutions
    client.force_login(world["manager_a"])
    html = client.get(reverse("account")).content.decode()
    # The manager may see service A's involvements in the admin, but the
    # account page is their own: staff A's service is not theirs.
    assert world["service_a"].code not in html
    assert world["manager_a"].person.full_name in html


def test_account_without_a_person_says_so(client):
    client.force_login(UserFactory(email="bez.personas@example.lv"))
    response = client.get(reverse("account"))
    assert response.status_code == 200
    assert response.context["person"] is None
    assert response.context["panels"] == []


def test_account_page_queries_do_not_grow_with_rows(
    client, two_institutions, django_assert_max_num_queries
):
    world = two_institutions
    learner = world["learner"]

    def involve(count):
        for _ in range(count):
            service = ServiceFactory(owner=world["inst_a"])
            involvement_upsert(
                person=learner.person,
                service=service,
                start_date=datetime.date(2026, 3, 1),
            )
            RoleAssignmentFactory(person=learner.person, service=service)

    client.force_login(learner)
    involve(1)
    client.get(reverse("account"))  # warm caches (site, locale, session)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("account"))
    involve(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(reverse("account")).content.decode()
    assert html.count("<tr>") == 1 + 6
