"""Editors translate pages with wagtail-localize; translations share the code."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from courses.models import CoursePage
from people.permissions import CONTENT_EDITOR, LEARNER, MANAGER
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def latvian_course(site_pages):
    index = site_pages["pages"].courses
    course = CoursePage(
        title="Pakalpojumu līmeņa vadība",
        slug="pakalpojumu-limena-vadiba",
        code="PLV-1",
        summary="Kā vienoties par pakalpojuma līmeni.",
        locale=index.locale,
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


ENGLISH = {
    "Pakalpojumu līmeņa vadība": "Service level management",
    "Kā vienoties par pakalpojuma līmeni.": "How to agree on a service level.",
    "pakalpojumu-limena-vadiba": "service-level-management",
}


def _translate(page, locale, capture):
    """Translate as a translator does: export the PO file, fill it, import it.

    wagtail-localize publishes on commit, which `capture` runs.
    """
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    translation.import_po(po)
    with capture(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale).specific


def test_translation_keeps_the_code_and_passes_validation(
    client, latvian_course, english, django_capture_on_commit_callbacks
):
    translation = _translate(
        latvian_course, english, django_capture_on_commit_callbacks
    )
    assert translation.title == "Service level management"
    assert translation.live
    assert translation.code == "PLV-1"
    assert translation.translation_key == latvian_course.translation_key
    translation.full_clean()  # the shared code is not a duplicate
    # The switcher on the Latvian course now leads to the English one.
    html = client.get("/kursi/pakalpojumu-limena-vadiba/").content.decode()
    assert 'href="/en/kursi/service-level-management/" lang="en"' in html


def test_code_is_not_offered_to_translators(latvian_course):
    source, _created = TranslationSource.get_or_create_from_instance(latvian_course)
    strings = set(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    )
    assert "Pakalpojumu līmeņa vadība" in strings
    assert "PLV-1" not in strings


def test_another_course_with_the_code_is_refused_in_any_language(
    latvian_course, english
):
    # An English course that is not the Latvian one's translation.
    other = CoursePage(title="Other", slug="other", code="plv-1", summary="s")
    other.locale = english
    other.path, other.depth = "XX", 4  # unsaved; clean() needs no tree position
    with pytest.raises(ValidationError) as error:
        other.clean()
    assert "code" in error.value.message_dict


def test_content_editor_may_translate(client, latvian_course, make_member):
    editor = make_member(OrganisationFactory(), [CONTENT_EDITOR])
    assert editor.has_perm("wagtail_localize.submit_translation")
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[latvian_course.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="locales"' in response.content.decode()


@pytest.mark.parametrize("group", [LEARNER, MANAGER])
def test_other_groups_may_not_translate(client, latvian_course, make_member, group):
    user = make_member(OrganisationFactory(), [group])
    assert not user.has_perm("wagtail_localize.submit_translation")
    client.force_login(user)
    url = reverse("wagtail_localize:submit_page_translation", args=[latvian_course.pk])
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.filter(
        translation_key=latvian_course.translation_key, locale__language_code="en"
    ).exists()


def test_content_editor_edits_the_footer(client, public_pages, make_member):
    from wagtail.models import Site

    editor = make_member(OrganisationFactory(), [CONTENT_EDITOR])
    client.force_login(editor)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["courses", "footersettings", site.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="institution_name_en"' in response.content.decode()


def test_learner_may_not_edit_the_footer(client, public_pages, make_member):
    from wagtail.models import Site

    learner = make_member(OrganisationFactory(), [LEARNER])
    client.force_login(learner)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["courses", "footersettings", site.pk])
    assert client.get(url).status_code in (302, 403)
