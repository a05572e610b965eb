import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from catalogue.models import Involvement, Relation
from people.models import Person

pytestmark = pytest.mark.django_db


def test_manager_lists_only_own_services(client, two_institutions):
    t = two_institutions
    client.force_login(t["manager_a"])
    body = client.get(
        reverse("wagtailsnippets_catalogue_service:list")
    ).content.decode()
    assert t["service_a"].code in body
    assert t["service_b"].code not in body


def test_other_institutions_service_is_404(client, two_institutions):
    t = two_institutions
    client.force_login(t["manager_a"])
    url = reverse("wagtailsnippets_catalogue_service:inspect", args=[t["service_b"].pk])
    assert client.get(url).status_code == 404


def test_coordinator_records_a_partner_and_involves_them(client, two_institutions):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_person:add"),
        {
            "first_name": "Kārlis",
            "last_name": "Jaunais",
            "email": "Karlis.Jaunais@Partneris.example.lv",
            "organisation": t["partner"].pk,
            "job_title": "Konsultants",
            "language": "lv",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get(email="karlis.jaunais@partneris.example.lv")
    assert person.registered_by == t["inst_a"]
    assert ModelLogEntry.objects.filter(
        object_id=str(person.pk), action="wagtail.create"
    ).exists()

    response = client.post(
        reverse("wagtailsnippets_catalogue_involvement:add"),
        {
            "person": person.pk,
            "service": t["service_a"].pk,
            "start_date": "2026-05-01",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    involvement = Involvement.objects.get(person=person)
    assert involvement.relation == Relation.EXTERNAL


def test_duplicate_email_gets_a_form_error(client, two_institutions):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_person:add"),
        {
            "first_name": "Dubults",
            "last_name": "Ieraksts",
            "email": t["staff_a"].email.upper(),
            "organisation": t["inst_a"].pk,
            "language": "lv",
        },
    )
    assert response.status_code == 200
    # The admin speaks Latvian by default, and so does the error.
    assert "Persona ar šādu e-pastu jau ir reģistrēta." in str(
        response.context["form"].errors
    )


def test_coordinator_cannot_attach_people_to_another_institutions_service(
    client, two_institutions
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_catalogue_involvement:add"),
        {
            "person": t["staff_a"].pk,
            "service": t["service_b"].pk,
            "start_date": "2026-05-01",
        },
    )
    assert response.status_code == 200
    assert "service" in response.context["form"].errors
    assert not Involvement.objects.filter(service=t["service_b"], person=t["staff_a"])
