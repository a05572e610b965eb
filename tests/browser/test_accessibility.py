"""The learner's and the manager's paths in a real Chromium, audited by axe-core."""

import pytest

from people.permissions import LEARNER, MANAGER

# serialized_rollback restores the migrations' data (groups, root page, reference
# data) that a transactional test's flush would otherwise wipe.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people(two_institutions):
    return two_institutions


def test_home_and_course_pages_are_accessible(page, axe_check, site_pages):
    for url in (
        "/",
        "/en/",
        "/kursi/",
        "/kursi/itil-pam/",
        "/en/materiali/vadlinijas/",
    ):
        page.goto(url)
        axe_check(page)
    assert page.csp_violations == []


def test_learner_logs_in_and_reads_a_course(
    page, axe_check, login, site_pages, make_member, two_institutions
):
    page.goto("/login/")
    axe_check(page)
    login(two_institutions["learner"].email)
    page.goto("/account/")
    assert page.locator("h1").inner_text() in ("Mans konts", "My account")
    axe_check(page)
    page.goto("/")
    page.get_by_role("link", name="Kursi").first.click()
    page.get_by_role("link", name="ITIL pamati").click()
    assert page.locator("h1").inner_text() == "ITIL pamati"
    axe_check(page)
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "ITIL basics"
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page)
    assert page.csp_violations == []


def test_manager_sees_people_in_the_admin(page, axe_check, login, two_institutions):
    t = two_institutions
    login(t["manager_a"].email, admin=True)
    page.goto("/admin/")
    axe_check(page)
    page.goto("/admin/snippets/people/person/")
    assert t["staff_a"].email in page.content()
    assert t["staff_b"].email not in page.content()
    axe_check(page)


def test_groups_exist_for_the_paths():
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name__in=[LEARNER, MANAGER]).count() == 2
