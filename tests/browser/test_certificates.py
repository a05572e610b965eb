"""A learner downloads their certificate; its verification page opens from the
URL printed on it; axe-core finds nothing serious, in LV and EN, and at 360 px."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from certificates.models import CertificateTemplate
from certificates.services import certificate_issue
from courses.services import completion_record, enrolment_create
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_learner_downloads_and_verifies_a_certificate(
    page, axe_check, login, site_pages, two_institutions
):
    user = two_institutions["learner"]
    person = Person.objects.get(user=user)
    person.first_name, person.last_name = "Ģirts", "Ābeļkalns"
    person.save()
    CertificateTemplate.objects.create(
        name="Noklusējums",
        is_default=True,
        issuer=two_institutions["inst_a"],
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="{person} pabeidza kursu “{course}”.",
        body_en="{person} completed “{course}”.",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Koordinatore",
        signatory_title_en="Coordinator",
    )
    enrolment = enrolment_create(actor=None, person=person, course=site_pages["course"])
    certificate = certificate_issue(completion=completion_record(enrolment=enrolment))

    login(user.email)
    page.goto("/dashboard/")
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Lejupielādēt apliecību")).click()
    data = Path(download_info.value.path()).read_bytes()
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Ģirts Ābeļkalns" in text

    # The URL printed on the certificate opens its verification page.
    url = re.search(r"https?://\S+/v/\S+/", text.replace("\n", "")).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert path == f"v/{certificate.code}/"
    for prefix in ("", "/en"):
        page.goto(f"{prefix}/{path}")
        assert "Ģirts Ābeļkalns" in page.locator("main").inner_text()
        axe_check(page)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/v/")
    page.fill("#verify-code", certificate.short_code.lower())
    page.get_by_role("button", name="Pārbaudīt").click()
    page.wait_for_load_state()
    assert "Šī apliecība ir derīga." in page.locator("main").inner_text()
    axe_check(page)
    page.goto("/en/dashboard/")
    axe_check(page)
