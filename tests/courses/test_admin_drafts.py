"""An abandoned add-course form leaves a draft; retrying leads back to it."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CoursePage
from people.permissions import CONTENT_EDITOR
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_member):
    return make_member(OrganisationFactory(), [CONTENT_EDITOR])


def _create(client, index, code, title, slug="udens-kurss"):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk]),
        nested_form_data(
            {
                "title": title,
                "slug": slug,
                "code": code,
                "summary": "Kopsavilkums",
                "duration_hours": "2",
                "format": "elearning",
                "major_version": "1",
                "body": rich_text("<p>Saturs</p>"),
                "comments": inline_formset([]),
                "competence_levels": inline_formset([]),
                "scope": "institution",
            }
        ),
        HTTP_ACCEPT_LANGUAGE="lv",
    )


def test_retry_after_abandoned_draft_links_to_the_draft(client, site_pages, editor):
    client.force_login(editor)
    index = site_pages["pages"].courses
    # Saving a draft (what autosave does when the form is abandoned).
    assert _create(client, index, "ŪDENS-1", "Ūdens kurss").status_code == 302
    draft = CoursePage.objects.get(code="ŪDENS-1")
    assert not draft.live
    response = _create(client, index, "ŪDENS-1", "Ūdens kurss otrreiz")
    assert response.status_code == 200
    html = response.content.decode()
    assert "nepublicēts kursa melnraksts" in html
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html
    assert CoursePage.objects.filter(code="ŪDENS-1").count() == 1


def test_live_course_with_the_code_is_still_refused_plainly(client, site_pages, editor):
    client.force_login(editor)
    course = site_pages["course"]
    html = _create(
        client, site_pages["pages"].courses, course.code, "Cits", slug="cits"
    ).content
    assert "Šo kodu jau izmanto cits kurss.".encode() in html
    assert reverse("wagtailadmin_pages:edit", args=[course.pk]).encode() not in html
