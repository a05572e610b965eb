"""A manager opens organisation-coverage, gaps and expiring in Latvian and
English, follows a share to its gaps and downloads them; axe-core finds
nothing serious or critical."""

import pytest
from wagtail.users.models import UserProfile

from people.permissions import MANAGER
from tests.competences.conftest import coverage_world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = (
    ("/admin/coverage/organisation-coverage/", "A0001"),
    ("/admin/coverage/gaps/", "dace@example.lv"),
    ("/admin/coverage/expiring/", "bruno@example.lv"),
)
TITLES = {
    "lv": (
        "Organizāciju nodrošinājums",
        "Kompetenču trūkumi",
        "Beidzas apguves derīgums",
    ),
    "en": ("Organisation coverage", "Competence gaps", "Expiring attainments"),
}


def test_manager_opens_the_new_reports_in_both_languages(
    page,
    axe_check,
    login,
    make_member,
    coverage_world,  # noqa: F811
):
    manager = make_member(coverage_world["orgs"]["unit"], [MANAGER])
    login(manager.email, admin=True)
    for language in ("lv", "en"):
        profile = UserProfile.get_for_user(manager)
        profile.preferred_language = language
        profile.save()
        for (url, marker), title in zip(PAGES, TITLES[language], strict=True):
            page.goto(f"{url}?as_of=2026-07-01")
            assert page.locator("h1").first.inner_text().strip() == title
            assert page.locator("html").get_attribute("lang") == language
            assert marker in page.content()
            axe_check(page)

    # From a share of organisation-coverage to the gaps behind it.
    page.goto("/admin/coverage/organisation-coverage/?as_of=2026-07-01")
    page.get_by_role("link", name="60 %").click()
    page.wait_for_load_state()
    assert "organisation=" in page.url and "competence=" in page.url
    content = page.content()
    assert "dace@example.lv" in content and "eriks@example.lv" in content
    axe_check(page)
    with page.expect_download() as download:
        page.evaluate(
            "url => { window.location.href = url }", page.url + "&export=xlsx"
        )
    assert download.value.suggested_filename.startswith("gaps-2026-07-01")
    assert page.csp_violations == []
