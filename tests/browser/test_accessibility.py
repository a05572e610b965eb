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


def test_coordinator_imports_people_through_the_admin(
    page, axe_check, login, two_institutions, tmp_path
):
    from people.models import Person

    t = two_institutions
    code = t["inst_a"].code
    bad = tmp_path / "people.csv"
    bad.write_text(
        "email;first_name;last_name;organisation_code;job_title;language\n"
        f"jauna@example.lv;Jauna;Persona;{code};;lv\n"
        "nav-epasts;;Persona;404;;lv\n",
        encoding="utf-8",
    )
    good = tmp_path / "people-fixed.csv"
    good.write_text(
        bad.read_text().splitlines()[0] + "\n" + bad.read_text().splitlines()[1]
    )

    login(t["coordinator_a"].email, admin=True)
    page.goto("/admin/imports/")
    axe_check(page)
    page.goto("/admin/imports/people/")
    axe_check(page)
    page.set_input_files("input[type=file]", str(bad))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("table tbody tr").count() >= 3  # every error listed
    assert page.locator("form[action*=confirm]").count() == 0
    axe_check(page)

    page.goto("/admin/imports/people/")
    page.set_input_files("input[type=file]", str(good))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action*=confirm] button").click()
    page.wait_for_load_state()
    axe_check(page)
    assert Person.objects.filter(email="jauna@example.lv").exists()
