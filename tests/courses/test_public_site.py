"""The public site as a public institution's: languages, errors, footer, labels."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.utils import formats, translation
from django.views.defaults import server_error
from wagtail.models import Locale

from courses.models import CoursePage
from courses.services import Taxonomy, Translated, course_page_ensure

pytestmark = pytest.mark.django_db


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def _switcher_href(html: str, code: str) -> str:
    return re.search(rf'<a href="([^"]+)" lang="{code}"', html).group(1)


def _latvian_only_course(index, *, code="VIENA-VALODA", slug="tikai-latviski"):
    course = CoursePage(
        title="Tikai latviski",
        slug=slug,
        code=code,
        summary="Šim kursam vēl nav tulkojuma.",
        locale=index.locale,
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


# --- Language switcher ----------------------------------------------------------


def test_switcher_goes_to_the_translation(client, site_pages):
    html = client.get("/en/kursi/itil-pam/").content.decode()
    assert _switcher_href(html, "lv") == "/kursi/itil-pam/"


def test_switcher_falls_back_to_the_nearest_translated_ancestor(client, site_pages):
    _latvian_only_course(site_pages["pages"].courses)
    html = client.get("/kursi/tikai-latviski/").content.decode()
    href = _switcher_href(html, "en")
    assert href == "/en/kursi/?untranslated=1"
    landed = client.get(href).content.decode()
    assert _lang(landed) == "en"
    assert "is not available in this language" in landed
    # Without the parameter the same page says nothing.
    assert "is not available" not in client.get("/en/kursi/").content.decode()


def test_a_draft_translation_does_not_count(client, site_pages):
    english = site_pages["course"].get_translation(
        Locale.objects.get(language_code="en")
    )
    english.unpublish()
    html = client.get("/kursi/itil-pam/").content.decode()
    assert _switcher_href(html, "en") == "/en/kursi/?untranslated=1"


def test_notice_is_in_latvian_on_latvian_pages(client, site_pages):
    html = client.get("/kursi/?untranslated=1").content.decode()
    assert "nav pieejama šajā valodā" in html


# --- Error pages (tests run with DEBUG off) ---------------------------------------


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/nav-tadas-lapas/", "lv", "Lapa nav atrasta"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_404_is_in_the_site_layout(client, site_pages, settings, url, lang, title):
    assert settings.DEBUG is False
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert _lang(html) == lang
    assert f'<h1 id="error-title">{title}</h1>' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    # The other language's link goes to its home page, not to another 404.
    other = "en" if lang == "lv" else "lv"
    assert _switcher_href(html, other) == ("/en/" if other == "en" else "/")
    assert "Not Found" not in html


@pytest.mark.parametrize(
    ("language", "title"), [("lv", "Servera kļūda"), ("en", "Server error")]
)
def test_500_renders_without_database_or_context(
    django_assert_num_queries, language, title
):
    request = RequestFactory().get("/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert _lang(html) == language
    assert title in html
    assert "/static/css/site.css" in html


# --- Slugs and dates ------------------------------------------------------------


def test_server_side_slug_is_ascii(site_pages):
    index = site_pages["pages"].courses
    course = CoursePage(
        title="Pakalpojumu līmeņa vadība: ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž",
        code="PLV-1",
        summary="Kopsavilkums",
        locale=index.locale,
    )
    index.add_child(instance=course)  # full_clean() fills in the empty slug
    assert course.slug == ("pakalpojumu-limena-vadiba-acegiklnsuz-acegiklnsuz")


def test_service_slug_from_a_code_with_latvian_letters_is_ascii(site_pages):
    course = course_page_ensure(
        index=site_pages["pages"].courses,
        code="ŠŪŽ-Ņ1",
        text=Translated("Kurss", "Course", summary_lv="s", summary_en="s"),
        taxonomy=Taxonomy(),
    )
    assert course.slug == "suz-n1"
    assert course.slug.isascii()


def test_english_dates_are_european_or_iso(client, public_pages):
    html = client.get("/en/pieklustamibas-pazinojums/").content.decode()
    assert '<time datetime="2026-01-02">2 January 2026</time>' in html
    assert "January 2, 2026" not in html
    with translation.override("en"):
        day = datetime.date(2024, 1, 2)
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "2024-01-02"
        assert formats.date_format(day) == "2 January 2024"


def test_latvian_dates_stay_latvian(client, public_pages):
    html = client.get("/pieklustamibas-pazinojums/").content.decode()
    assert "2026. gada 2. janvāris" in html


# --- Footer, statement, privacy notice ------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "texts", "links"),
    [
        (
            "",
            ["Pakalpojumu attīstības ministrija", "Pakalpojumu iela 1, Rīga"],
            ['href="/privatuma-politika/"', 'href="/pieklustamibas-pazinojums/"'],
        ),
        (
            "/en",
            ["Ministry of Service Development", "Riga, LV-1010, Latvia"],
            [
                'href="/en/privatuma-politika/"',
                'href="/en/pieklustamibas-pazinojums/"',
            ],
        ),
    ],
)
def test_footer_is_on_every_public_page(client, public_pages, prefix, texts, links):
    for path in ("/", "/kursi/", "/kursi/itil-pam/", "/materiali/vadlinijas/"):
        html = client.get(prefix + path).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for text in [*texts, "+371 67 000 000", "mailto:atbalsts@pam.example.lv"]:
            assert text in footer, (path, text)
        for link in links:
            assert link in footer, (path, link)


def test_footer_falls_back_to_latvian_where_english_is_empty(client, public_pages):
    from courses.models import FooterSettings

    FooterSettings.objects.update(institution_name_en="", address_en="")
    html = client.get("/en/").content.decode()
    assert "Pakalpojumu attīstības ministrija" in html


def test_no_footer_settings_no_contacts(client, site_pages):
    html = client.get("/").content.decode()
    assert "<address>" not in html
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("url", "headings"),
    [
        (
            "/pieklustamibas-pazinojums/",
            [
                "Atbilstības statuss",
                "Nepiekļūstams saturs",
                "Kā sagatavots šis paziņojums",
                "Atsauksmes un kontaktinformācija",
                "Izpildes procedūra",
            ],
        ),
        (
            "/en/pieklustamibas-pazinojums/",
            [
                "Conformance status",
                "Non-accessible content",
                "How this statement was prepared",
                "Feedback and contact information",
                "Enforcement procedure",
            ],
        ),
    ],
)
def test_accessibility_statement_has_the_usual_sections(
    client, public_pages, url, headings
):
    html = client.get(url).content.decode()
    for heading in headings:
        assert f"<h2>{heading}</h2>" in html
    assert "vraa.gov.lv" in html
    assert "WCAG 2.1 AA" in html


def test_privacy_notice_in_both_languages(client, public_pages):
    assert "Pārzinis" in client.get("/privatuma-politika/").content.decode()
    assert "Controller" in client.get("/en/privatuma-politika/").content.decode()


# --- Mandatory competences: not by colour alone (WCAG 1.4.1) ----------------------


@pytest.mark.parametrize(("prefix", "label"), [("", "Obligāta"), ("/en", "Mandatory")])
def test_mandatory_competence_has_a_text_label(client, site_pages, prefix, label):
    course_page_ensure(
        index=site_pages["pages"].courses,
        code="K-MIX",
        text=Translated("Jaukts", "Mixed", summary_lv="s", summary_en="s"),
        taxonomy=Taxonomy(competences=["K01", "K07"]),
    )
    html = client.get(prefix + "/kursi/").content.decode()
    tags = re.findall(r'<li class="tag[^"]*">(.*?)</li>', html)
    mandatory = [tag for tag in tags if tag.startswith("K01")]
    optional = [tag for tag in tags if tag.startswith("K07")]
    assert mandatory and all(label in tag for tag in mandatory)
    assert optional and not any(label in tag for tag in optional)
