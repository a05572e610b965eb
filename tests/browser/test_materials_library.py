"""A partner's employee finds a material by search and acknowledges it; the
library, search, material and dashboard pages audited by axe-core, LV and EN."""

import pytest

from support.models import Acknowledgement
from tests.support.fixtures import library  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_partner_employee_finds_and_acknowledges_a_material(
    page,
    axe_check,
    login,
    library,  # noqa: F811
):
    login(library["partner_user"].email)
    page.goto("/dashboard/")
    assert page.get_by_role("link", name="Vadlīnijas").count() == 1
    axe_check(page)

    page.goto("/")
    page.get_by_label("Meklēt kursos un materiālos").fill("pakalpojums parvaldiba")
    page.get_by_role("button", name="Meklēt").first.click()
    page.wait_for_load_state()
    assert "/search/" in page.url
    axe_check(page)
    page.get_by_role("link", name="Vadlīnijas").first.click()
    assert page.locator("h1").inner_text() == "Vadlīnijas"
    axe_check(page)

    page.get_by_role("button", name="Apstiprinu iepazīšanos ar versiju 1").click()
    page.wait_for_load_state()
    assert "Paldies" in page.content()
    assert Acknowledgement.objects.filter(person=library["partner_person"]).count() == 1
    axe_check(page)

    page.goto("/dashboard/")
    assert page.get_by_role("link", name="Vadlīnijas").count() == 0
    axe_check(page)
    assert page.csp_violations == []


def test_library_search_and_material_pages_are_accessible_in_both_languages(
    page,
    axe_check,
    login,
    library,  # noqa: F811
):
    login(library["staff_user"].email)
    for url in (
        "/materiali/",
        "/materiali/?kind=guideline",
        "/search/?q=pakalpojumu",
        "/materiali/vadlinijas/",
        "/dashboard/",
        "/en/materiali/",
        "/en/search/?q=guideline",
        "/en/materiali/vadlinijas/",
        "/en/dashboard/",
    ):
        page.goto(url)
        axe_check(page)
    assert page.csp_violations == []
