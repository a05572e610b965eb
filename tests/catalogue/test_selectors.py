import datetime

import pytest
from django.urls import reverse

from catalogue.permissions import (
    involvements_visible_to,
    resources_visible_to,
    services_visible_to,
)
from catalogue.selectors import scope_summary
from catalogue.services import involvement_upsert
from people.permissions import people_visible_to
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def summary_for(user):
    return scope_summary(
        people=people_visible_to(user),
        services=services_visible_to(user),
        resources=resources_visible_to(user),
        involvements=involvements_visible_to(user),
    )


def test_summary_counts_only_the_viewers_scope(two_institutions):
    t = two_institutions
    a = summary_for(t["manager_a"])
    assert (a["internal"], a["external"], a["services"]) == (1, 1, 1)
    b = summary_for(t["manager_b"])
    assert (b["internal"], b["external"], b["services"]) == (1, 0, 1)


def test_ended_involvements_are_not_counted(two_institutions):
    t = two_institutions
    involvement_upsert(
        person=PersonFactory(organisation=t["partner"]),
        service=t["service_a"],
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    assert summary_for(t["manager_a"])["external"] == 1


def test_dashboard_panel_queries_do_not_grow(
    client, two_institutions, django_assert_max_num_queries
):
    t = two_institutions
    client.force_login(t["manager_a"])
    counts = []
    for size in (3, 30):
        for _ in range(size):
            involvement_upsert(
                person=PersonFactory(organisation=t["partner"]),
                service=t["service_a"],
                start_date=datetime.date(2026, 1, 1),
            )
        with django_assert_max_num_queries(40) as captured:
            response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert "scope-summary-heading" in response.content.decode()
