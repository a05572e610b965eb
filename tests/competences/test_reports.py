"""The admin coverage reports: cells, scoping, exports and query counts."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from catalogue.models import Involvement, Relation
from competences.models import Attainment, Competence
from people.permissions import COORDINATOR, LEARNER, MANAGER
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
SERVICE_URL = "competences_reports:service_coverage"
PEOPLE_URL = "competences_reports:people_competences"
SPOF_URL = "competences_reports:single_points"
AS_OF = {"as_of": "2026-07-01"}


def _client(make_member, organisation, group):
    client = Client()
    client.force_login(make_member(organisation, [group]))
    return client


def _csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_service_coverage_page_shows_translated_cells(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    response = client.get(reverse(SERVICE_URL), AS_OF)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Pakalpojumu nodrošinājums" in text
    labels = ("Apgūta", "Beidzas derīgums", "Deleģēta", "Derīgums beidzies", "Trūkst")
    for word in (*labels, "C0002"):
        assert word in text


def test_manager_of_the_owner_sees_every_provider(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    response = client.get(reverse(SERVICE_URL), {**AS_OF, "export": "csv"})
    rows = _csv(response)
    assert rows[0][:3] == ["service_code", "person_email", "provider"]
    emails = {row[1] for row in rows[1:]}
    assert {"anna@example.lv", "cilda@example.lv", "dace@example.lv"} <= emails


def test_another_institution_sees_none_of_it(coverage_world, make_member):
    from tests.factories import OrganisationFactory

    other = OrganisationFactory(code="B0001", name_lv="Cita iestāde")
    for group in (MANAGER, COORDINATOR):
        client = _client(make_member, other, group)
        for url in (SERVICE_URL, PEOPLE_URL, SPOF_URL):
            for export in ("csv", "xlsx"):
                response = client.get(reverse(url), {**AS_OF, "export": export})
                assert response.status_code == 200
                if export == "csv":
                    assert len(_csv(response)) == 1  # the heading only
                else:
                    body = (
                        b"".join(response.streaming_content)
                        if getattr(response, "streaming", False)
                        else response.content
                    )
                    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
                    assert sheet.max_row == 1
            page = client.get(reverse(url), AS_OF).content.decode()
            assert (
                "example.lv"
                not in page.replace(client.session.get("_auth_user_id", ""), "")
                or "anna@example.lv" not in page
            )


def test_subordinate_institution_sees_only_its_own(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["sub"], MANAGER)
    rows = _csv(client.get(reverse(SERVICE_URL), {**AS_OF, "export": "csv"}))
    assert {row[0] for row in rows[1:]} == {"PAK-2"}
    rows = _csv(client.get(reverse(PEOPLE_URL), {**AS_OF, "export": "csv"}))
    # Bruno works there; Cilda delivers only A's service: not shown.
    emails = {row[0] for row in rows[1:]}
    assert "bruno@example.lv" in emails
    assert "cilda@example.lv" not in emails
    assert "anna@example.lv" not in emails


def test_learners_may_not_open_the_reports(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], LEARNER)
    for url in (SERVICE_URL, PEOPLE_URL, SPOF_URL):
        assert client.get(reverse(url)).status_code in (302, 403)
        response = client.get(reverse(url), {"export": "csv"})
        assert response.status_code in (302, 403)


def test_people_competences_export_cells(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], COORDINATOR)
    rows = _csv(client.get(reverse(PEOPLE_URL), {**AS_OF, "export": "csv"}))
    assert rows[0] == [
        "person_email",
        "organisation_code",
        "competence_code",
        "status",
        "attained_on",
        "expires_on",
    ]
    assert [
        "anna@example.lv",
        "A0001-11",
        "K01",
        "held",
        "2026-01-10",
        "2028-01-10",
    ] in (rows)
    assert ["eriks@example.lv", "A0001", "K01", "missing", "", ""] in rows


def test_filters(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    k07 = Competence.objects.get(code="K07")
    rows = _csv(
        client.get(
            reverse(SERVICE_URL),
            {**AS_OF, "export": "csv", "competence": k07.pk, "provider": "internal"},
        )
    )
    assert {(row[1], row[3]) for row in rows[1:]} == {
        ("anna@example.lv", "K07"),
        ("eriks@example.lv", "K07"),
    }
    rows = _csv(
        client.get(
            reverse(PEOPLE_URL),
            {**AS_OF, "export": "csv", "role": "service_manager"},
        )
    )
    assert {row[0] for row in rows[1:]} == {"eriks@example.lv"}
    response = client.get(reverse(SERVICE_URL), {"as_of": "vakar"})
    assert response.status_code == 200  # the form shows the error


def _grow(coverage_world, count, tag):
    pak1 = coverage_world["services"]["PAK-1"]
    partner = coverage_world["orgs"]["partner"]
    k01 = Competence.objects.get(code="K01")
    for n in range(count):
        person = PersonFactory(organisation=partner, email=f"extra{tag}-{n}@example.lv")
        Involvement.objects.create(
            person=person,
            service=pak1,
            relation=Relation.EXTERNAL,
            start_date=datetime.date(2024, 1, 1),
        )
        Attainment.objects.create(
            person=person, competence=k01, attained_on=datetime.date(2025, 1, 1)
        )


@pytest.mark.parametrize("url", [SERVICE_URL, PEOPLE_URL, SPOF_URL])
def test_query_count_does_not_grow(
    coverage_world, make_member, django_assert_max_num_queries, url
):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    client.get(reverse(url), AS_OF)  # warm caches (content types, sessions)
    for size in (2, 20):
        _grow(coverage_world, size, tag=size)
        with django_assert_max_num_queries(25):
            assert client.get(reverse(url), AS_OF).status_code == 200
        with django_assert_max_num_queries(25):
            response = client.get(reverse(url), {**AS_OF, "export": "xlsx"})
            assert response.status_code == 200


def test_pdf_export_is_scoped(coverage_world, make_member):
    from pypdf import PdfReader

    from tests.factories import OrganisationFactory

    def text(client):
        response = client.get(reverse(SERVICE_URL), {**AS_OF, "export": "pdf"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages)

    own = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    assert "anna@example.lv" in text(own)
    other = _client(make_member, OrganisationFactory(code="B0002"), MANAGER)
    shown = text(other)
    assert "anna@example.lv" not in shown
    assert "PAK-1" not in shown


def test_single_points_page_and_scope(coverage_world, make_member):
    own = _client(make_member, coverage_world["orgs"]["sub"], MANAGER)
    response = own.get(reverse(SPOF_URL), AS_OF)
    assert response.status_code == 200
    assert "bruno@example.lv" in response.content.decode()
    rows = _csv(own.get(reverse(SPOF_URL), {**AS_OF, "export": "csv"}))
    assert rows[1:] == [["PAK-2", "K01", "1", "bruno@example.lv"]]
    # A's manager sees the subordinate institution's services too (its scope is
    # the tree below it); a sibling institution sees none of them.
    from tests.factories import OrganisationFactory

    sibling = _client(make_member, OrganisationFactory(code="B0003"), MANAGER)
    assert _csv(sibling.get(reverse(SPOF_URL), {**AS_OF, "export": "csv"}))[1:] == []
