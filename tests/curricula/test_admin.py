"""The coordinator's screens and the learner's pages, with negative cases."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment
from curricula.models import (
    Assignment,
    AssignmentMember,
    AudienceKind,
    Notification,
    Provider,
)
from tests.curricula.conftest import TODAY


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_audience_preview_counts_people_in_scope_with_first_names(
    two_institutions, curriculum
):
    w = two_institutions
    client = _client(w["coordinator_a"])
    url = reverse("curricula_admin:audience_preview")
    data = client.get(
        url,
        {
            "audience_kind": "service",
            "service": w["service_a"].pk,
            "provider": "external",
        },
    ).json()
    assert data["count"] == 1
    assert data["names"] == [w["partner_person"].full_name]
    # Another institution's service: 403, nothing counted.
    assert (
        client.get(
            url, {"audience_kind": "service", "service": w["service_b"].pk}
        ).status_code
        == 403
    )
    assert (
        client.get(
            url, {"audience_kind": "people", "people": [w["staff_b"].pk]}
        ).status_code
        == 403
    )
    # A manager does not assign.
    assert _client(w["manager_a"]).get(url).status_code == 403


def test_a_coordinator_assigns_in_the_admin_and_sees_the_overview(
    two_institutions, curriculum
):
    w = two_institutions
    client = _client(w["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_curricula_assignment:add"),
        {
            "curriculum": curriculum.pk,
            "audience_kind": AudienceKind.SERVICE,
            "service": w["service_a"].pk,
            "include_units": "on",
            "provider": Provider.EXTERNAL,
            "due_in_days": "30",
            "status": "active",
        },
    )
    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("curricula_admin:overview", args=[assignment.pk])
    assert assignment.created_by == w["coordinator_a"]
    assert assignment.owner == w["inst_a"]
    assert list(AssignmentMember.objects.values_list("person_id", flat=True)) == [
        w["partner_person"].pk
    ]
    assert Enrolment.objects.filter(person=w["partner_person"]).count() == 2
    page = client.get(response.url)
    assert page.status_code == 200
    assert "PLĀNS-Ā" in page.content.decode()
    # Another institution's manager: the overview and the reminder are 404.
    other = _client(w["manager_b"])
    assert other.get(response.url).status_code == 404
    remind = reverse("curricula_admin:remind", args=[assignment.pk])
    assert other.post(remind).status_code == 404
    # The coordinator's reminder action (nobody is overdue yet: none sent).
    mail.outbox.clear()
    assert client.post(remind).status_code == 302


def test_a_past_due_date_in_the_admin_form_shows_the_error(
    two_institutions, curriculum
):
    w = two_institutions
    response = _client(w["coordinator_a"]).post(
        reverse("wagtailsnippets_curricula_assignment:add"),
        {
            "curriculum": curriculum.pk,
            "audience_kind": AudienceKind.SERVICE,
            "service": w["service_a"].pk,
            "provider": Provider.ANY,
            "due_date": "2020-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "01.01.2020" in response.content.decode()
    assert not Assignment.objects.exists()


def test_other_institutions_curricula_are_hidden(two_institutions, curriculum):
    w = two_institutions
    url = reverse("wagtailsnippets_curricula_curriculum:edit", args=[curriculum.pk])
    assert _client(w["coordinator_a"]).get(url).status_code == 200
    assert _client(w["manager_b"]).get(url).status_code in (403, 404)
    listing = _client(w["manager_b"]).get(
        reverse("wagtailsnippets_curricula_curriculum:list")
    )
    assert "PLĀNS-Ā" not in listing.content.decode()


@pytest.fixture
def assigned_partner(two_institutions, curriculum, assign):
    assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=two_institutions["service_a"],
        provider=Provider.EXTERNAL,
        today=None,
    )
    return two_institutions["learner"]


def test_learner_dashboard_lists_curricula_by_due_date(
    two_institutions, curriculum, courses, assign
):
    from catalogue.services import involvement_upsert
    from people.models import Person

    w = two_institutions
    person = Person.objects.get(user=w["learner"])
    involvement_upsert(person=person, service=w["service_a"], start_date=TODAY)
    assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.EXTERNAL,
        due_in_days=60,
        today=None,
    )
    assign(
        course=courses[1],
        audience_kind=AudienceKind.PEOPLE,
        people_ids=[person.pk],
        due_in_days=5,
        today=None,
    )
    page = _client(w["learner"]).get(reverse("dashboard")).content.decode()
    assert "Man piešķirtie" in page
    single, plan = page.index("Datu drošība</a>"), page.index("PLĀNS-Ā")
    assert single < plan  # due in 5 days before due in 60 days


def test_notifications_page_shows_only_ones_own(two_institutions, curriculum, assign):
    from catalogue.services import involvement_upsert
    from people.models import Person

    w = two_institutions
    person = Person.objects.get(user=w["learner"])
    involvement_upsert(person=person, service=w["service_a"], start_date=TODAY)
    assign(
        curriculum=curriculum,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        today=None,
    )
    mine = Notification.objects.get(person=person)
    theirs = Notification.objects.get(person=w["staff_a"])
    client = _client(w["learner"])
    page = client.get(reverse("notifications")).content.decode()
    assert "PLĀNS-Ā" in page
    assert (
        client.post(reverse("notification_read", args=[theirs.pk])).status_code == 404
    )
    assert client.post(reverse("notification_read", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
