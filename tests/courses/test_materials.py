"""The materials library: versions kept readable, tag filters, bounded queries."""

import pytest
from django.core.exceptions import ValidationError

from competences.models import Competence, ServiceManagementTask, SupportTopic
from courses.models import MaterialPage, MaterialVersion
from courses.services import Taxonomy, Translated, material_page_ensure
from tests.factories import ServiceFactory
from tests.support.fixtures import publish

pytestmark = pytest.mark.django_db


def test_first_publication_records_version_one(site_pages):
    version = site_pages["material"].versions.get()
    assert version.version == "1"
    assert version.is_current
    assert version.title == "Vadlīnijas"


def test_a_new_version_supersedes_and_keeps_the_old_one_readable(client, site_pages):
    material = publish(
        site_pages["material"],
        version="2",
        change_note="Pievienots termiņš: 5 darbdienas.",
        body="<p>Otrā versija ar termiņu.</p>",
    )
    old, new = material.versions.order_by("published_at")
    assert old.superseded_at is not None and new.is_current
    html = client.get("/materiali/vadlinijas/").content.decode()
    assert "Pievienots termiņš" in html
    assert "versions/1/" in html
    old_html = client.get("/materiali/vadlinijas/versions/1/").content.decode()
    assert "aizstāta" in old_html
    assert "Otrā versija" not in old_html
    assert client.get("/materiali/vadlinijas/versions/9/").status_code == 404


def test_reusing_a_superseded_number_is_refused(site_pages):
    material = publish(site_pages["material"], version="2")
    material.version = "1"
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "version" in error.value.message_dict


def test_an_english_reader_sees_the_versions_in_english(client, site_pages):
    publish(site_pages["material"], version="2", change_note="Jauns")
    html = client.get("/en/materiali/vadlinijas/").content.decode()
    assert "version" in html


@pytest.fixture
def tagged_library(site_pages):
    index = site_pages["pages"].materials
    topic = SupportTopic.objects.first()
    service = ServiceFactory(name_lv="Sociālā palīdzība")
    material = material_page_ensure(
        index=index,
        slug="sudzibas",
        kind="process",
        text=Translated(
            "Sūdzību izskatīšana", "Complaints", summary_lv="Kā", summary_en="How"
        ),
        taxonomy=Taxonomy(competences=["K10"], tasks=["PU2-18"], conditions=["N4-1"]),
        services=[service],
    )
    material = publish(material, topics=[topic])
    return {**site_pages, "topic": topic, "service": service, "material": material}


@pytest.mark.parametrize(
    "param",
    ["topics", "competences", "tasks", "conditions", "services", "kind"],
)
def test_library_filters_by_every_tag(client, tagged_library, param):
    values = {
        "topics": tagged_library["topic"].pk,
        "competences": Competence.objects.get(code="K10").pk,
        "tasks": ServiceManagementTask.objects.get(code="PU2-18").pk,
        "conditions": tagged_library["material"].conditions.get().pk,
        "services": tagged_library["service"].pk,
        "kind": "process",
    }
    html = client.get("/materiali/", {param: values[param]}).content.decode()
    assert "Sūdzību izskatīšana" in html
    assert "/materiali/vadlinijas/" not in html


def test_library_filter_by_resource_with_none_tagged_shows_the_empty_message(
    client, tagged_library
):
    from tests.factories import ResourceFactory

    resource = ResourceFactory()
    html = client.get("/materiali/", {"resources": resource.pk}).content.decode()
    assert "Neviens materiāls neatbilst" in html


def _more_materials(index, count):
    for n in range(count):
        material_page_ensure(
            index=index,
            slug=f"materials-{n}",
            kind="instruction",
            text=Translated(
                f"Instrukcija {n}", f"Instruction {n}", summary_lv="Ī", summary_en="I"
            ),
            taxonomy=Taxonomy(
                competences=["K01"], tasks=["PU2-1"], conditions=["N1-1"]
            ),
        )


@pytest.mark.parametrize("extra", [1, 12])
def test_library_listing_queries_do_not_grow(
    client, site_pages, extra, django_assert_max_num_queries
):
    _more_materials(site_pages["pages"].materials, extra)
    with django_assert_max_num_queries(30):
        response = client.get("/materiali/")
    assert response.content.decode().count('class="listing-item"') == extra + 1


@pytest.mark.parametrize("versions", [1, 8])
def test_material_page_queries_do_not_grow(
    client,
    site_pages,
    versions,
    django_assert_max_num_queries,
    make_member,
    two_institutions,
):
    material = site_pages["material"]
    for n in range(2, versions + 1):
        material = publish(material, version=str(n), requires_acknowledgement=True)
    client.force_login(make_member(two_institutions["inst_a"]))
    with django_assert_max_num_queries(40):
        response = client.get("/materiali/vadlinijas/")
    assert response.status_code == 200
    assert MaterialVersion.objects.filter(page=material).count() == versions


def test_admin_material_listing_filters_by_tag(
    client, tagged_library, django_user_model
):
    admin = django_user_model.objects.create_superuser(
        email="admin@example.lv", password="x"
    )
    client.force_login(admin)
    task = ServiceManagementTask.objects.get(code="PU2-18")
    html = client.get("/admin/materials/", {"tasks": task.pk}).content.decode()
    wanted = tagged_library["material"].pk
    assert f"/admin/pages/{wanted}/edit/" in html
    unwanted = MaterialPage.objects.get(slug="vadlinijas", locale__language_code="lv")
    assert f"/admin/pages/{unwanted.pk}/edit/" not in html
