import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from people.permissions import CONTENT_EDITOR
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_member):
    return make_member(OrganisationFactory(), [CONTENT_EDITOR])


def test_content_editor_opens_course_and_material_editors(client, site_pages, editor):
    client.force_login(editor)
    for page in (site_pages["course"], site_pages["material"]):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="audience_roles"' in html
        assert 'name="competences"' in html


def test_content_editor_saves_audience_roles(client, site_pages, editor):
    course = site_pages["course"]
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "code": course.code,
            "summary": course.summary,
            "duration_hours": "4",
            "format": "elearning",
            "major_version": "1",
            "body": rich_text("<p>Jauns saturs</p>"),
            "comments": inline_formset([]),
            "competence_levels": inline_formset([]),
            "scope": "institution",
        }
    )
    data["audience_roles"] = ["service_manager", "resource_manager"]
    data["competences"] = [c.pk for c in course.competences.all()]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    course.refresh_from_db()
    latest = course.get_latest_revision_as_object()
    assert latest.audience_roles == ["service_manager", "resource_manager"]
    assert "Jauns saturs" in latest.body


def test_duplicate_course_code_is_a_form_error(client, site_pages, editor):
    from courses.services import Taxonomy, Translated, course_page_ensure

    course_page_ensure(
        index=site_pages["pages"].courses,
        code="KPI-MER",
        text=Translated("KPI", "KPI", summary_lv="s", summary_en="s"),
        taxonomy=Taxonomy(),
    )
    course = site_pages["course"]
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "code": "kpi-mer",
            "summary": course.summary,
            "body": rich_text("<p>x</p>"),
            "comments": inline_formset([]),
            "competence_levels": inline_formset([]),
            "scope": "institution",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
