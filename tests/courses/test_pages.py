import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@pytest.mark.parametrize(
    ("url", "lang", "text"),
    [
        ("/", "lv", "Sākums"),
        ("/en/", "en", "Home"),
        ("/kursi/", "lv", "ITIL pamati"),
        ("/en/kursi/", "en", "ITIL basics"),
        ("/kursi/itil-pam/", "lv", "ITIL pamati"),
        ("/en/kursi/itil-pam/", "en", "ITIL basics"),
        ("/materiali/vadlinijas/", "lv", "Vadlīnijas"),
        ("/en/materiali/vadlinijas/", "en", "Guideline"),
    ],
)
def test_pages_render_in_both_languages(client, site_pages, url, lang, text):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert _lang(html) == lang
    assert text in html


def test_course_page_shows_its_taxonomy(client, site_pages):
    html = client.get("/en/kursi/itil-pam/").content.decode()
    assert "K06" in html
    assert "PU2-1" in html
    assert "N1-1" in html
    assert "Service manager" in html


def test_language_switcher_links_to_the_translation(client, site_pages):
    html = client.get("/kursi/itil-pam/").content.decode()
    assert 'href="/en/kursi/itil-pam/"' in html
    assert 'hreflang="en"' in html


def test_translation_shares_code_and_taxonomy(site_pages):
    course = site_pages["course"]
    english = course.get_translation(Locale.objects.get(language_code="en"))
    assert english.specific.code == "ITIL-PAM"
    assert list(english.specific.competences.values_list("code", flat=True)) == ["K06"]


def test_course_code_must_be_unique_across_courses(site_pages):
    index = site_pages["pages"].courses
    clash = CoursePage(title="Cits", slug="cits", code="itil-pam", summary="x")
    clash.locale = index.locale
    clash.path, clash.depth = "XX", 5  # unsaved; clean() needs no tree position
    with pytest.raises(ValidationError) as error:
        clash.clean()
    assert "code" in error.value.message_dict


def test_site_setup_is_idempotent(site_pages):
    from courses.services import Translated, site_setup

    before = CoursePage.objects.count()
    again = site_setup(
        home=Translated("Sākums", "Home"),
        courses=Translated("Kursi", "Courses"),
        materials=Translated("Materiāli", "Materials"),
    )
    assert again.home.pk == site_pages["pages"].home.pk
    assert CoursePage.objects.count() == before


@pytest.mark.parametrize("extra", [0, 8])
def test_course_index_queries_do_not_grow(
    client, site_pages, django_assert_max_num_queries, extra
):
    from courses.services import Taxonomy, Translated, course_page_ensure

    for i in range(extra):
        course_page_ensure(
            index=site_pages["pages"].courses,
            code=f"C-{i}",
            text=Translated(
                f"Kurss {i}", f"Course {i}", summary_lv="s", summary_en="s"
            ),
            taxonomy=Taxonomy(competences=["K01", "K02"]),
        )
    with django_assert_max_num_queries(20):
        assert client.get("/kursi/").status_code == 200
