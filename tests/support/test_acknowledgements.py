import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import Locale

from catalogue.models import ResponsibleRole
from courses.models import MaterialAudience, MaterialPage
from people.models import Person
from support.models import Acknowledgement
from support.selectors import (
    acknowledgements_pending,
    material_audience,
    material_current_version,
    materials_asking,
)
from support.services import acknowledgement_record
from tests.factories import (
    InvolvementFactory,
    PersonFactory,
    ResourceFactory,
    RoleAssignmentFactory,
)
from tests.support.fixtures import publish

pytestmark = pytest.mark.django_db


def _current(material):
    return material_current_version(material)


def test_audience_is_internal_and_external_people_delivering_the_service(library):
    audience = set(material_audience(library["material"]))
    assert audience == {library["staff_a"], library["partner_person"]}
    assert library["staff_b"] not in audience
    assert library["idle_partner_person"] not in audience


def test_audience_leaves_out_ended_and_future_involvements(library):
    ended = PersonFactory(first_name="Ēriks")
    InvolvementFactory(
        person=ended,
        service=library["service_a"],
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    future = PersonFactory(first_name="Ģirts")
    InvolvementFactory(
        person=future,
        service=library["service_a"],
        start_date=datetime.date(2099, 1, 1),
    )
    audience = set(material_audience(library["material"]))
    assert ended not in audience
    assert future not in audience


def test_audience_by_resource_and_by_role(library):
    material = library["material"]
    resource = ResourceFactory(owner=library["inst_b"])
    user_of_resource = PersonFactory(first_name="Ilze")
    InvolvementFactory(person=user_of_resource, service=None, resource=resource)
    portfolio = RoleAssignmentFactory(
        role=ResponsibleRole.SERVICE_PORTFOLIO_MANAGER,
        service=None,
        organisation=library["inst_b"],
    ).person
    other_role = RoleAssignmentFactory(
        role=ResponsibleRole.RESOURCE_MANAGER, service=None, resource=resource
    ).person
    material = publish(
        material,
        resources=[resource],
        audience_roles=[ResponsibleRole.SERVICE_PORTFOLIO_MANAGER],
    )
    audience = set(material_audience(material))
    assert user_of_resource in audience
    assert portfolio in audience
    # "resource_manager" is not "resource_portfolio_manager" nor in the list.
    assert other_role not in audience


def test_everyone_means_every_person(library):
    material = publish(library["material"], audience=MaterialAudience.EVERYONE)
    assert set(material_audience(material)) >= {
        library["staff_b"],
        library["idle_partner_person"],
    }


def test_the_person_side_agrees_with_the_material_side(library):
    material = library["material"]
    RoleAssignmentFactory(
        role=ResponsibleRole.SERVICE_PORTFOLIO_MANAGER,
        service=None,
        organisation=library["inst_b"],
    )
    material = publish(
        material, audience_roles=[ResponsibleRole.SERVICE_PORTFOLIO_MANAGER]
    )
    audience = set(material_audience(material))

    for person in Person.objects.all():
        asked = materials_asking(person=person).filter(pk=material.pk).exists()
        assert asked == (person in audience), person


def test_partner_employee_acknowledges_once(library):
    material, person = library["material"], library["partner_person"]
    version = _current(material)
    assert list(acknowledgements_pending(person=person)) == [version]
    acknowledgement_record(
        person=person, material=material, version=version, actor=library["partner_user"]
    )
    assert list(acknowledgements_pending(person=person)) == []
    with pytest.raises(ValidationError, match="jau apstiprinājāt"):
        acknowledgement_record(
            person=person,
            material=material,
            version=version,
            actor=library["partner_user"],
        )
    assert Acknowledgement.objects.count() == 1


def test_a_new_version_asks_again_and_keeps_the_old_one(library):
    material, person = library["material"], library["staff_a"]
    first = _current(material)
    acknowledgement_record(
        person=person, material=material, version=first, actor=library["staff_user"]
    )
    material = publish(material, version="2", change_note="Jauns termiņš")
    second = _current(material)
    first.refresh_from_db()
    assert second.version == "2"
    assert first.superseded_at is not None
    assert list(acknowledgements_pending(person=person)) == [second]
    # The superseded version can no longer be acknowledged.
    other = library["partner_person"]
    with pytest.raises(ValidationError, match="nav materiāla spēkā esošā versija"):
        acknowledgement_record(
            person=other,
            material=material,
            version=first,
            actor=library["partner_user"],
        )
    assert not Acknowledgement.objects.filter(person=other).exists()


def test_a_correction_with_the_same_number_asks_nobody_again(library):
    material, person = library["material"], library["staff_a"]
    acknowledgement_record(
        person=person,
        material=material,
        version=_current(material),
        actor=library["staff_user"],
    )
    material = publish(material, body="<p>Labota drukas kļūda.</p>")
    assert material.versions.count() == 1
    assert list(acknowledgements_pending(person=person)) == []


def test_someone_outside_the_audience_cannot_acknowledge(library, make_member):
    outsider = make_member(library["inst_b"])
    with pytest.raises(ValidationError, match="nav lūgts"):
        acknowledgement_record(
            person=outsider.person,
            material=library["material"],
            version=_current(library["material"]),
            actor=outsider,
        )
    assert not Acknowledgement.objects.exists()


def test_nobody_acknowledges_for_someone_else(library):
    with pytest.raises(PermissionDenied):
        acknowledgement_record(
            person=library["staff_a"],
            material=library["material"],
            version=_current(library["material"]),
            actor=library["partner_user"],
        )


def test_acknowledging_the_english_page_names_the_latvian_material(library):
    english = library["material"].get_translation(
        Locale.objects.get(language_code="en")
    )
    english = MaterialPage.objects.get(pk=english.pk)
    publish(english)
    acknowledgement = acknowledgement_record(
        person=library["staff_a"],
        material=english,
        version=_current(english),
        actor=library["staff_user"],
    )
    assert acknowledgement.material == library["material"]
    assert acknowledgement.version == _current(library["material"])


def test_the_button_acknowledges_and_a_second_post_is_refused(client, library):
    material = library["material"]
    client.force_login(library["partner_user"])
    html = client.get(material.url).content.decode()
    assert 'action="/materials/' in html
    assert "csrfmiddlewaretoken" in html
    url = reverse("material_acknowledge", args=[material.pk])
    data = {"version": _current(material).pk}
    response = client.post(url, data, follow=True)
    assert "Paldies" in response.content.decode()
    response = client.post(url, data, follow=True)
    assert "jau apstiprinājāt" in response.content.decode()
    assert Acknowledgement.objects.count() == 1


def test_the_button_is_not_shown_to_someone_not_asked(client, library, make_member):
    client.force_login(make_member(library["inst_b"]))
    html = client.get(library["material"].url).content.decode()
    assert reverse("material_acknowledge", args=[library["material"].pk]) not in html
    assert "jūs tajā neietilpstat" in html


def test_dashboard_lists_what_awaits_the_learner(client, library):
    client.force_login(library["partner_user"])
    html = client.get(reverse("dashboard")).content.decode()
    assert "Vadlīnijas" in html
    acknowledgement_record(
        person=library["partner_person"],
        material=library["material"],
        version=_current(library["material"]),
        actor=library["partner_user"],
    )
    html = client.get(reverse("dashboard")).content.decode()
    assert 'href="/materiali/vadlinijas/"' not in html
