"""The admin pages, exports and command of organisation-coverage, gaps and
expiring: scoping (with negative cases), files opened and checked, query
counts at two sizes."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from catalogue.models import Involvement, Relation
from competences.models import Attainment, Competence, CompetenceFramework
from people.permissions import COORDINATOR, LEARNER, MANAGER
from tests.competences.test_reports import _client
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
ORGANISATION_URL = "competences_reports:organisation_coverage"
GAPS_URL = "coverage_gaps"
EXPIRING_URL = "competences_reports:expiring"
URLS = (ORGANISATION_URL, GAPS_URL, EXPIRING_URL)
AS_OF = {"as_of": "2026-07-01"}


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _csv(response):
    body = _body(response)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(response):
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _pdf(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_manager_of_a_sees_the_expected_files(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    rows = _csv(client.get(reverse(ORGANISATION_URL), {**AS_OF, "export": "csv"}))
    assert rows == [
        [
            "organisation_code",
            "competence_code",
            "internal_held",
            "internal_required",
            "internal_share",
            "external_held",
            "external_required",
            "external_share",
        ],
        # The partner SIA Ābele is no organisation of A: no row of its own.
        ["A0001", "K01", "1", "2", "50", "2", "3", "67"],
        ["A0002", "K01", "1", "1", "100", "0", "0", ""],
    ]
    rows = _csv(client.get(reverse(GAPS_URL), {**AS_OF, "export": "csv"}))
    assert rows == [
        [
            "person_email",
            "organisation_code",
            "competence_code",
            "obligation",
            "status",
            "expires_on",
            "gap_since",
            "course_codes",
        ],
        ["dace@example.lv", "P0001", "K01", "mandatory", "expired", "2025-01-01",
         "2025-01-01", ""],
        ["eriks@example.lv", "A0001", "K01", "mandatory", "missing", "", "", ""],
        ["eriks@example.lv", "A0001", "K09", "delegable", "missing", "", "", ""],
    ]  # fmt: skip
    rows = _csv(client.get(reverse(EXPIRING_URL), {**AS_OF, "export": "csv"}))
    assert rows == [
        [
            "person_email",
            "organisation_code",
            "competence_code",
            "attained_on",
            "expires_on",
            "status",
            "renewed_on",
            "managers",
        ],
        ["bruno@example.lv", "A0002", "K01", "2024-05-01", "2026-07-10",
         "expiring", "", "eriks@example.lv"],
    ]  # fmt: skip


def test_gaps_take_organisation_and_competence_from_the_heat_map(
    coverage_world, make_member
):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    assert reverse(GAPS_URL) == reverse("competences_reports:gaps")
    inst = coverage_world["orgs"]["inst"]
    k01 = Competence.objects.get(code="K01")
    query = {**AS_OF, "organisation": inst.pk, "competence": k01.pk}
    rows = _csv(client.get(reverse(GAPS_URL), {**query, "export": "csv"}))
    assert [row[:3] for row in rows[1:]] == [
        ["dace@example.lv", "P0001", "K01"],
        ["eriks@example.lv", "A0001", "K01"],
    ]
    # Internal to that organisation: its own staff only.
    rows = _csv(
        client.get(
            reverse(GAPS_URL), {**query, "provider": "internal", "export": "csv"}
        )
    )
    assert [row[0] for row in rows[1:]] == ["eriks@example.lv"]
    page = client.get(reverse(GAPS_URL), query).content.decode()
    assert "dace@example.lv" in page and "eriks@example.lv" in page
    # The organisation page links each share to those gaps.
    page = client.get(reverse(ORGANISATION_URL), AS_OF).content.decode()
    assert f"organisation={inst.pk}&amp;competence={k01.pk}" in page


def test_another_institution_sees_nothing(coverage_world, make_member):
    other = OrganisationFactory(code="B0001", name_lv="Cita iestāde")
    for group in (MANAGER, COORDINATOR):
        client = _client(make_member, other, group)
        for url in URLS:
            assert _csv(client.get(reverse(url), {**AS_OF, "export": "csv"}))[1:] == []
            assert (
                _xlsx(client.get(reverse(url), {**AS_OF, "export": "xlsx"}))[1:] == []
            )
            text = _pdf(client.get(reverse(url), {**AS_OF, "export": "pdf"}))
            for marker in ("example.lv", "A0001", "PAK-1"):
                assert marker not in text, (url, marker)
            page = client.get(reverse(url), AS_OF).content.decode()
            assert "dace@example.lv" not in page and "bruno@example.lv" not in page
        # Naming A's organisation in the filter does not open it.
        inst = coverage_world["orgs"]["inst"]
        response = client.get(
            reverse(GAPS_URL), {**AS_OF, "organisation": inst.pk, "export": "csv"}
        )
        assert _csv(response)[1:] == []


def test_a_refused_filter_shows_no_rows(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["sub"], MANAGER)
    inst = coverage_world["orgs"]["inst"]  # above the viewer's institution
    for query in ({"organisation": inst.pk}, {"as_of": "vakar"}):
        response = client.get(reverse(GAPS_URL), {**AS_OF, **query, "export": "csv"})
        assert _csv(response)[1:] == []
    page = client.get(reverse(EXPIRING_URL), {"as_of": "vakar"})
    assert page.status_code == 200  # the form shows its error
    assert "bruno@example.lv" not in page.content.decode()


def test_subordinate_institution_sees_only_its_own(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["sub"], MANAGER)
    rows = _csv(client.get(reverse(ORGANISATION_URL), {**AS_OF, "export": "csv"}))
    assert [row[0] for row in rows[1:]] == ["A0002"]
    assert _csv(client.get(reverse(GAPS_URL), {**AS_OF, "export": "csv"}))[1:] == []
    rows = _csv(client.get(reverse(EXPIRING_URL), {**AS_OF, "export": "csv"}))
    assert [row[0] for row in rows[1:]] == ["bruno@example.lv"]


def test_learners_may_not_open_them(coverage_world, make_member):
    client = _client(make_member, coverage_world["orgs"]["unit"], LEARNER)
    for url in URLS:
        for query in ({}, {"export": "csv"}, {"export": "pdf"}):
            assert client.get(reverse(url), query).status_code in (302, 403)


def test_exports_escape_formulas_and_keep_latvian_letters(coverage_world, make_member):
    framework = CompetenceFramework.objects.create(code="Ķ-IETV", name_lv="Ietvars")
    formula = Competence.objects.create(
        framework=framework, code="=HYPERLINK(1)", name_lv="x", obligation="mandatory"
    )
    latvian = Competence.objects.create(
        framework=framework, code="Ģērbšanās", name_lv="y", obligation="mandatory"
    )
    bruno = coverage_world["people"]["Bruno"]
    for competence in (formula, latvian):
        Attainment.objects.create(
            person=bruno,
            competence=competence,
            attained_on=datetime.date(2025, 7, 1),
            expires_on=datetime.date(2026, 7, 15),
        )
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    for url in URLS:
        codes = {
            row[2] for row in _csv(client.get(reverse(url), {**AS_OF, "export": "csv"}))
        }
        if url == ORGANISATION_URL:
            codes = {row[1] for row in _csv(
                client.get(reverse(url), {**AS_OF, "export": "csv"})
            )}  # fmt: skip
        assert {"'=HYPERLINK(1)", "Ģērbšanās"} <= codes, url
        assert "=HYPERLINK(1)" not in codes
        cells = {
            cell
            for row in _xlsx(client.get(reverse(url), {**AS_OF, "export": "xlsx"}))
            for cell in row
        }
        assert {"'=HYPERLINK(1)", "Ģērbšanās"} <= cells, url
        assert "=HYPERLINK(1)" not in cells
    text = _pdf(client.get(reverse(GAPS_URL), {**AS_OF, "export": "pdf"}))
    assert "Kompetenču trūkumi" in text
    assert "Derīgums beidzies" in text and "Ģērbšanās" in text


def test_the_command_writes_the_same_rows(coverage_world, tmp_path):
    out = tmp_path / "gaps.csv"
    call_command("report", "gaps", "--as-of", "2026-07-01", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [row[:5] for row in rows[1:]] == [
        ["dace@example.lv", "P0001", "K01", "mandatory", "expired"],
        ["eriks@example.lv", "A0001", "K01", "mandatory", "missing"],
        ["eriks@example.lv", "A0001", "K09", "delegable", "missing"],
    ]
    out = tmp_path / "org.xlsx"
    call_command(
        "report",
        "organisation-coverage",
        "--as-of",
        "2026-07-01",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    sheet = openpyxl.load_workbook(out).active
    assert [row[:4] for row in sheet.iter_rows(values_only=True)][1] == (
        "A0001",
        "K01",
        1,
        2,
    ) or [row[:4] for row in sheet.iter_rows(values_only=True)][1] == (
        "A0001",
        "K01",
        "1",
        "2",
    )
    out = tmp_path / "expiring.pdf"
    call_command(
        "report",
        "expiring",
        "--as-of",
        "2026-07-01",
        "--expiring-days",
        "5",
        "--format",
        "pdf",
        "-o",
        str(out),
    )
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    # A five-day window ends before 10 July: nothing expiring, nothing lapsed.
    assert "bruno@example.lv" not in text


def _grow(coverage_world, count, tag):
    """People delivering PAK-1 with an expired K01, and one expiring."""
    pak1 = coverage_world["services"]["PAK-1"]
    partner = coverage_world["orgs"]["partner"]
    k01 = Competence.objects.get(code="K01")
    for n in range(count):
        person = PersonFactory(organisation=partner, email=f"jauns{tag}-{n}@example.lv")
        Involvement.objects.create(
            person=person,
            service=pak1,
            relation=Relation.EXTERNAL,
            start_date=datetime.date(2024, 1, 1),
        )
        Attainment.objects.create(
            person=person,
            competence=k01,
            attained_on=datetime.date(2024, 1, 1),
            expires_on=datetime.date(2026, 5, 1)
            if n % 2
            else datetime.date(2026, 7, 9),
        )


@pytest.mark.parametrize("url", URLS)
def test_the_table_scrolls_in_a_region_and_its_rows_are_counted_in_latvian(
    coverage_world, make_member, url
):
    # The admin's content area clips what overflows it: a report wider than
    # the screen would lose its last columns.
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    html = client.get(reverse(url), AS_OF, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert re.search(
        r'<div class="lms-report-scroll" role="region" aria-label="[^"]+" '
        r'tabindex="0">\s*<table',
        html,
    )
    count = re.search(r'class="pagination__end">\s*([^<]*?)\s*<', html).group(1)
    assert re.fullmatch(r"\d+ ieraksts|\d+ ieraksti", count), count


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow(
    coverage_world, make_member, site_pages, django_assert_max_num_queries, url
):
    client = _client(make_member, coverage_world["orgs"]["unit"], MANAGER)
    client.get(reverse(url), AS_OF)  # warm caches (content types, sessions)
    for size in (2, 20):
        _grow(coverage_world, size, tag=size)
        with django_assert_max_num_queries(25):
            response = client.get(reverse(url), AS_OF)
            assert response.status_code == 200
        assert f"jauns{size}-1@example.lv" in response.content.decode() or (
            url == ORGANISATION_URL
        )
        for export in ("csv", "xlsx"):
            with django_assert_max_num_queries(25):
                response = client.get(reverse(url), {**AS_OF, "export": export})
                assert response.status_code == 200
