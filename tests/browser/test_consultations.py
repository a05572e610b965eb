"""A partner's employee asks; the manager answers in the admin; the asker reads
the answer. axe-core on every page of the path, in Latvian and English."""

import pytest

from support.models import Consultation
from tests.support.desk import desk  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def both_languages(page, axe_check, path):
    for prefix in ("", "/en"):
        page.goto(prefix + path)
        axe_check(page)


def test_ask_answer_and_read(page, axe_check, login, desk):  # noqa: F811
    asker, manager = desk["asker_partner"], desk["service_manager_a"]

    login(asker.email)
    both_languages(page, axe_check, "/support/consultations/")
    both_languages(page, axe_check, "/support/consultations/new/")
    page.goto("/support/consultations/new/")
    # An empty question: the message on the form, nothing saved.
    page.select_option("select[name=topic]", str(desk["topic_service"].pk))
    page.select_option("select[name=service]", str(desk["service_a"].pk))
    page.click("main form button[type=submit]")
    assert page.locator(".errorlist").count() >= 1
    axe_check(page)
    assert not Consultation.objects.exists()
    page.fill("textarea[name=question]", "Vai skenētu parakstu drīkst pieņemt?")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    consultation = Consultation.objects.get()
    assert consultation.routed_to == manager
    assert "Vai skenētu parakstu drīkst pieņemt?" in page.content()
    axe_check(page)
    detail = f"/support/consultations/{consultation.pk}/"
    both_languages(page, axe_check, detail)

    page.context.clear_cookies()
    login(manager.email, admin=True)
    page.goto("/admin/snippets/support/consultation/?status=open")
    assert "Vai skenētu parakstu" in page.content()
    axe_check(page)
    page.goto(f"/admin/snippets/support/consultation/edit/{consultation.pk}/")
    axe_check(page)
    page.fill("textarea[name=answer]", "Jā, ja paraksts ir salasāms un datēts.")
    page.select_option("select[name=outcome]", "answered")
    page.click("button[type=submit]:has-text('Saglabāt')")
    page.wait_for_load_state()
    consultation.refresh_from_db()
    assert consultation.is_answered
    axe_check(page)

    page.context.clear_cookies()
    login(asker.email)
    page.goto("/dashboard/")
    assert "Vai skenētu parakstu" in page.content()
    axe_check(page)
    page.goto(detail)
    assert "Jā, ja paraksts ir salasāms un datēts." in page.content()
    both_languages(page, axe_check, detail)
    both_languages(page, axe_check, "/dashboard/")
    assert page.csp_violations == []
