"""The site search: Latvian inflections and missing diacritics, filters, and
only what the viewer may read. Runs on SQLite (FTS5) and, with DATABASE_URL,
on PostgreSQL; both must give these results (README: Search)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import PageViewRestriction

from courses.models import MaterialPage
from lms import latvian
from tests.support.fixtures import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable(site_pages):
    material = publish(
        site_pages["material"],
        body="<p>Pakalpojumu pārvaldības kārtība un pakalpojuma apraksts.</p>",
        kind="process",
    )
    return {**site_pages, "material": material}


def _titles(client, path="/search/", **params):
    """The results section of the search page (not the form's option labels)."""
    response = client.get(path, params)
    assert response.status_code == 200
    html = response.content.decode()
    _form, _heading, results = html.partition('id="results-heading"')
    return results.partition("</section>")[0]


def test_the_backend_in_use(searchable):
    from wagtail.search.backends import get_search_backend

    backend = type(get_search_backend()).__name__
    expected = {
        "sqlite": "SQLiteSearchBackend",
        "postgresql": "PostgresSearchBackend",
    }[connection.vendor]
    assert backend == expected


@pytest.mark.parametrize(
    "query",
    ["pakalpojums", "pakalpojumu", "pakalpojuma", "Pakalpojumiem", "pakalpojums"],
)
def test_inflected_forms_find_each_other(client, searchable, query):
    assert "Vadlīnijas" in _titles(client, q=query)


@pytest.mark.parametrize(
    "query", ["parvaldiba", "pārvaldība", "PARVALDIBAS", "kartiba"]
)
def test_missing_diacritics_still_find(client, searchable, query):
    assert "Vadlīnijas" in _titles(client, q=query)


def test_every_word_must_match(client, searchable):
    assert "Vadlīnijas" in _titles(client, q="pakalpojums parvaldiba")
    assert "Vadlīnijas" not in _titles(client, q="pakalpojums zivsaimniecība")


def test_courses_are_found_too_and_the_type_filter_keeps_one_kind(client, searchable):
    html = _titles(client, q="saturs")
    assert "ITIL pamati" in html
    html = _titles(client, q="saturs", type="materialpage")
    assert "ITIL pamati" not in html


def test_english_pages_are_searched_in_english(client, searchable):
    html = _titles(client, "/en/search/", q="basics")
    assert "ITIL basics" in html
    assert "ITIL pamati" not in html


def test_tag_and_kind_filters(client, searchable):
    from competences.models import Competence, ServiceManagementTask

    task = ServiceManagementTask.objects.get(code="PU2-7")
    assert "Vadlīnijas" in _titles(client, q="pakalpojums", tasks=task.pk)
    other = ServiceManagementTask.objects.exclude(pk=task.pk).first()
    assert "Vadlīnijas" not in _titles(client, q="pakalpojums", tasks=other.pk)
    assert "Vadlīnijas" in _titles(client, q="pakalpojums", kind="process")
    assert "Vadlīnijas" not in _titles(client, q="pakalpojums", kind="guideline")
    # A competence only the course carries keeps the course, not the material.
    k06 = Competence.objects.get(code="K06")
    html = _titles(client, q="saturs", competences=k06.pk)
    assert "ITIL pamati" in html


def test_attached_documents_titles_are_found(client, searchable):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="Iesnieguma veidlapa", file=ContentFile(b"x", name="veidlapa.txt")
    )
    material = MaterialPage.objects.get(pk=searchable["material"].pk)
    material.documents.create(document=document)
    material.save_revision().publish()
    assert "Vadlīnijas" in _titles(client, q="veidlapas")


def test_results_show_only_what_the_viewer_may_read(
    client, searchable, make_member, two_institutions
):
    material = searchable["material"]
    group = Group.objects.create(name="Slēgtā grupa")
    restriction = PageViewRestriction.objects.create(
        page=material, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    assert "Vadlīnijas" not in _titles(client, q="pakalpojums")
    member = make_member(two_institutions["inst_a"])
    client.force_login(member)
    assert "Vadlīnijas" not in _titles(client, q="pakalpojums")
    member.groups.add(group)
    assert "Vadlīnijas" in _titles(client, q="pakalpojums")
    material.unpublish()
    assert "Vadlīnijas" not in _titles(client, q="pakalpojums")


def test_an_empty_or_wordless_query_shows_no_results(client, searchable):
    response = client.get("/search/", {"q": "  !? "})
    assert 'id="results-heading"' not in response.content.decode()


def test_the_stemmer_meets_forms_of_one_word():
    assert (
        len(
            {
                latvian.stem(latvian.fold(word))
                for word in (
                    "pakalpojums",
                    "pakalpojumu",
                    "pakalpojuma",
                    "pakalpojumiem",
                    "pakalpojumā",
                )
            }
        )
        == 1
    )
    assert latvian.index_text("Pārvaldība") == latvian.index_text("parvaldiba")
    # Short words stay whole.
    assert latvian.stem("es") == "es"
