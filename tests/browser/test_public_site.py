"""An editor translates a course; error pages and the footer in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from courses.models import CoursePage
from people.permissions import CONTENT_EDITOR
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SLUG = "pakalpojumu-limena-vadiba-acegiklnsuz"


def test_editor_translates_a_course_and_the_switcher_goes_to_it(
    page, axe_check, login, site_pages, make_member
):
    editor = make_member(OrganisationFactory(), [CONTENT_EDITOR])
    login(editor.email, admin=True)
    index = site_pages["pages"].courses

    # A new Latvian course: the admin makes an ASCII slug from the title.
    page.goto(f"/admin/pages/add/courses/coursepage/{index.pk}/")
    page.wait_for_load_state("networkidle")  # the slug controller is connected
    page.fill("#id_title", "Pakalpojumu līmeņa vadība: ĀČĒĢĪĶĻŅŠŪŽ")
    page.locator("#id_title").blur()
    page.fill("#id_code", "PLV-1")
    page.fill("#id_summary", "Kā vienoties par pakalpojuma līmeni.")
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.get_by_role("button", name="Citas darbības").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_load_state()

    # Translate it in the Latvian admin: action menu, English locale, editor.
    page.goto(f"/kursi/{SLUG}/")
    assert page.locator("h1").inner_text() == "Pakalpojumu līmeņa vadība: ĀČĒĢĪĶĻŅŠŪŽ"
    latvian = CoursePage.objects.get(code="PLV-1")
    page.goto(f"/admin/pages/{latvian.pk}/edit/")
    page.locator("header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Tulkot šo lapu").click()
    page.get_by_label("angļu").check()
    page.get_by_role("button", name="Iesniegt").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Tulkot", exact=True).first.click()
    page.locator("textarea").first.fill("Service level management")
    page.get_by_role("button", name=re.compile("^(Saglabāt|Save)$")).first.click()
    page.get_by_text("Service level management").first.wait_for()
    page.get_by_role("button", name="Publicēt valodā: angļu").click()
    page.wait_for_load_state()

    english = latvian.get_translation(Locale.objects.get(language_code="en"))
    assert english.specific.code == "PLV-1"

    # The public switcher on the Latvian course now leads to the English one.
    page.goto(f"/kursi/{SLUG}/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/en/kursi/{SLUG}/")
    assert page.locator("h1").inner_text() == "Service level management"
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page)
    page.get_by_role("link", name="Latviešu").click()
    assert page.locator("h1").inner_text() == "Pakalpojumu līmeņa vadība: ĀČĒĢĪĶĻŅŠŪŽ"
    assert page.csp_violations == []


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/nav-tadas-lapas/", "lv", "Lapa nav atrasta"),
        ("/en/nope/", "en", "Page not found"),
    ],
)
def test_404_page_is_accessible(page, axe_check, site_pages, url, lang, title):
    response = page.goto(url)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == title
    axe_check(page)
    assert page.csp_violations == []


def test_footer_and_statement_are_accessible(page, axe_check, public_pages):
    for url in ("/pieklustamibas-pazinojums/", "/en/privatuma-politika/"):
        page.goto(url)
        footer = page.locator("footer.site-footer")
        assert (
            footer.get_by_role(
                "link", name=re.compile("Piekļūstamības|Accessibility")
            ).count()
            == 1
        )
        axe_check(page)
    page.goto("/en/kursi/?untranslated=1")
    assert page.get_by_role("status").count() == 1
    axe_check(page)
    assert page.csp_violations == []
