import pytest
from django.urls import reverse

from support.selectors import material_current_version
from support.services import acknowledgement_record
from tests.factories import InvolvementFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = "support_reports:acknowledgements_missing"


def test_manager_sees_who_in_their_scope_has_not_acknowledged(client, library):
    acknowledgement_record(
        person=library["staff_a"],
        material=library["material"],
        version=material_current_version(library["material"]),
        actor=library["staff_user"],
    )
    client.force_login(library["manager_a"])
    html = client.get(reverse(URL)).content.decode()
    # The partner's employee delivers A's service: in scope, still pending.
    assert library["partner_person"].email in html
    assert library["staff_a"].email not in html


def test_another_institution_sees_none_of_them(client, library):
    # B's own person delivers A's service too: B sees only them.
    own = PersonFactory(organisation=library["inst_b"], first_name="Ģederts")
    InvolvementFactory(person=own, service=library["service_a"])
    client.force_login(library["manager_b"])
    response = client.get(reverse(URL))
    html = response.content.decode()
    assert response.status_code == 200
    assert own.email in html
    assert library["partner_person"].email not in html
    assert library["staff_a"].email not in html
    export = client.get(reverse(URL), {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert own.email in body
    assert library["partner_person"].email not in body


def test_a_learner_may_not_open_the_report(client, library):
    client.force_login(library["partner_user"])
    assert client.get(reverse(URL)).status_code in (302, 403)


def test_the_export_equals_the_page(client, library):
    client.force_login(library["coordinator_a"])
    html = client.get(reverse(URL)).content.decode()
    export = client.get(reverse(URL), {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].split(",")[:3] == ["Persona", "E-pasts", "Organizācija"]
    emails = {row.split(",")[1] for row in rows[1:]}
    assert emails == {library["staff_a"].email, library["partner_person"].email}
    for email in emails:
        assert email in html
    assert all("Vadlīnijas" in row for row in rows[1:])
    xlsx = client.get(reverse(URL), {"export": "xlsx"})
    assert xlsx.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_people(
    client, library, size, django_assert_max_num_queries
):
    partner = OrganisationFactory(kind="enterprise")
    for _n in range(size):
        InvolvementFactory(
            person=PersonFactory(organisation=partner), service=library["service_a"]
        )
    client.force_login(library["manager_a"])
    with django_assert_max_num_queries(40):
        response = client.get(reverse(URL))
    assert response.content.decode().count("@example.lv") >= size


def test_acknowledgements_are_scoped_like_people(library):
    from support.permissions import acknowledgements_visible_to

    acknowledgement = acknowledgement_record(
        person=library["partner_person"],
        material=library["material"],
        version=material_current_version(library["material"]),
        actor=library["partner_user"],
    )
    assert list(acknowledgements_visible_to(library["manager_a"])) == [acknowledgement]
    assert list(acknowledgements_visible_to(library["partner_user"])) == [
        acknowledgement
    ]
    assert not acknowledgements_visible_to(library["manager_b"]).exists()
    assert not acknowledgements_visible_to(library["staff_user"]).exists()
