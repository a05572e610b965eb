"""A coordinator builds a curriculum, assigns it to a service's external
partners, and one of them sees it on their dashboard (LV and EN, axe-core)."""

import datetime

import pytest
from wagtail.users.models import UserProfile

from catalogue.services import involvement_upsert
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_coordinator_assigns_a_curriculum_to_a_services_partners(
    page, axe_check, login, site_pages, two_institutions
):
    t = two_institutions
    learner = Person.objects.get(user=t["learner"])
    involvement_upsert(
        person=learner, service=t["service_a"], start_date=datetime.date(2026, 1, 1)
    )
    login(t["coordinator_a"].email, admin=True)

    page.goto("/admin/snippets/curricula/curriculum/add/")
    page.fill("input[name=code]", "PARTNERI-1")
    page.fill("input[name=name_lv]", "Partneru pamatzināšanas")
    page.fill("input[name=name_en]", "Partners' essentials")
    page.select_option("select[name=items-0-course]", str(site_pages["course"].pk))
    axe_check(page)
    page.screenshot(path="/tmp/curricula-1-curriculum.png", full_page=True)
    page.get_by_role("button", name="Saglabāt").first.click()
    page.wait_for_load_state()
    assert "PARTNERI-1" in page.content()

    page.goto("/admin/snippets/curricula/assignment/add/")
    page.select_option(
        "select[name=curriculum]", label="PARTNERI-1 Partneru pamatzināšanas"
    )
    page.select_option("select[name=audience_kind]", "service")
    page.select_option("select[name=service]", str(t["service_a"].pk))
    page.select_option("select[name=provider]", "external")
    page.fill("input[name=due_in_days]", "30")
    preview = page.locator("[data-audience-preview]")
    # The live count: the partner involved in the service, and the learner.
    page.wait_for_function(
        "document.querySelector('[data-audience-preview]').textContent.includes('2')"
    )
    assert learner.first_name in preview.inner_text()
    axe_check(page)
    page.screenshot(path="/tmp/curricula-2-assignment.png", full_page=True)
    page.get_by_role("button", name="Saglabāt").first.click()
    page.wait_for_load_state()
    assert "/admin/curricula/assignments/" in page.url
    page.screenshot(path="/tmp/curricula-3-overview.png", full_page=True)
    axe_check(page)
    profile = UserProfile.get_for_user(t["coordinator_a"])
    profile.preferred_language = "en"
    profile.save()
    page.reload()
    assert "Compliance" in page.content()
    axe_check(page)
    assert page.csp_violations == []

    page.context.clear_cookies()
    login(t["learner"].email)
    page.goto("/dashboard/")
    assert "Partneru pamatzināšanas" in page.content()
    axe_check(page)
    page.screenshot(path="/tmp/curricula-4-dashboard.png", full_page=True)
    page.goto("/en/dashboard/")
    assert "Partners' essentials" in page.content()
    axe_check(page)
    page.goto("/en/notifications/")
    assert "PARTNERI-1" in page.content()
    axe_check(page)
    assert page.csp_violations == []
