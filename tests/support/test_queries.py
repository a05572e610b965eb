"""Listings cost the same few queries for a few rows and for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.page_cache import people_touch
from support.models import Consultation, Feedback, SupportNeed
from support.services import consultation_answer, consultation_ask

pytestmark = pytest.mark.django_db


def _fill(desk, count):
    for i in range(count):
        consultation = consultation_ask(
            asker=desk["asker_partner"],
            topic=desk["topic_service"],
            service=desk["service_a"],
            question=f"Jautājums nr. {i} par pakalpojumu",
        )
        if i % 2:
            consultation_answer(
                consultation=consultation,
                actor=desk["service_manager_a"].user,
                answer="Atbilde",
                outcome="answered",
            )
            Feedback.objects.create(
                person=desk["asker_partner"], consultation=consultation, rating=4
            )
        SupportNeed.objects.create(
            person=desk["asker_partner"],
            topic=desk["topic_service"],
            service=desk["service_a"] if i % 3 else None,
            form=("information", "training", "consultation")[i % 3],
            text=f"Vajadzība {i}",
        )


# (url name, query, who, most queries) — the same ceiling at both sizes.
PAGES = [
    ("wagtailsnippets_support_consultation:list", {}, "service_manager_a", 40),
    (
        "wagtailsnippets_support_consultation:list",
        {"status": "open"},
        "coordinator_a",
        40,
    ),
    ("support_consultations", {}, "asker_partner", 15),
    ("dashboard", {}, "asker_partner", 25),
    ("support_reports:needs", {}, "coordinator_a", 40),
    ("support_reports:ratings", {}, "coordinator_a", 40),
]


@pytest.mark.parametrize("name, query, who, most", PAGES)
def test_listing_queries_are_bounded(
    client, desk, django_assert_max_num_queries, name, query, who, most
):
    """A ceiling at 3 rows, and the 3-row count itself holds at 30 rows."""
    user = desk[who] if who == "coordinator_a" else desk[who].user
    client.force_login(user)
    url = reverse(name)
    _fill(desk, 3)
    client.get(url, query)  # warm caches (content types, site, locale)
    # The dashboard is cached per person until their records change: measure
    # it as rendered, both times (a no-op for the other pages).
    people_touch([desk["asker_partner"].pk])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, query).status_code == 200
    assert len(small) <= most
    _fill(desk, 27)
    assert Consultation.objects.count() == 30
    people_touch([desk["asker_partner"].pk])
    with django_assert_max_num_queries(len(small)):
        response = client.get(url, query)
    assert response.status_code == 200
