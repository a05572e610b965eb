"""The public pages' cache: bounded queries, and every change shows at once."""

import re

import pytest
from django.core.cache import caches
from wagtail.models import Locale

from competences.models import Competence
from courses.models import CourseIndexPage, CoursePage, FooterSettings
from courses.services import Taxonomy, Translated, course_page_ensure
from lms.page_cache import GENERATION_KEY, page_cache_get_or_set
from people.permissions import LEARNER
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Queries of a page whose cache is warm, and of the first request after a
# change, with empty caches (cold): the same for 3 and 30 courses. Before the
# cache: 15, 18 and 20 every time; a bare Wagtail page costs 6.
WARM = {"/": 5, "/kursi/": 6, "/kursi/itil-pam/": 6}
# Cold: the catalogue's filter form reads its choices (competences, PU tasks)
# and the course page its outline (lessons, quiz) once; warm, neither.
COLD = {"/": 15, "/kursi/": 19, "/kursi/itil-pam/": 25}


def _courses(index, count):
    for number in range(count):
        course_page_ensure(
            index=index,
            code=f"KURSS-{number:02d}",
            text=Translated(
                f"Kurss Nr. {number} — ēka",
                f"Course {number}",
                summary_lv="Īss apraksts",
                summary_en="A short summary",
            ),
            taxonomy=Taxonomy(competences=["K01", "K06"], tasks=["PU2-1"]),
        )


def _switcher_href(html: str, code: str) -> str:
    return re.search(rf'<a href="([^"]+)" lang="{code}"', html).group(1)


def _nav(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.DOTALL).group(0)


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("url", list(WARM))
def test_queries_do_not_grow_with_the_courses(
    client, site_pages, django_assert_max_num_queries, count, url
):
    _courses(site_pages["pages"].courses, count)
    with django_assert_max_num_queries(COLD[url]):
        first = client.get(url)
    with django_assert_max_num_queries(WARM[url]):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    if url == "/kursi/":
        assert second.content.decode().count('class="listing-item"') == count + 1


def test_a_new_course_shows_in_the_catalogue_at_once(client, site_pages):
    assert "Jaunais kurss" not in client.get("/kursi/").content.decode()
    course_page_ensure(
        index=site_pages["pages"].courses,
        code="JAUNS",
        text=Translated(
            "Jaunais kurss ar garumzīmēm",
            "The new course",
            summary_lv="Par jauno",
            summary_en="About the new one",
        ),
        taxonomy=Taxonomy(),
    )
    assert "Jaunais kurss ar garumzīmēm" in client.get("/kursi/").content.decode()
    assert "The new course" in client.get("/en/kursi/").content.decode()


def test_an_unpublished_course_leaves_the_catalogue(client, site_pages):
    assert "ITIL pamati" in client.get("/kursi/").content.decode()
    assert client.get("/kursi/itil-pam/").status_code == 200
    site_pages["course"].unpublish()
    assert "ITIL pamati" not in client.get("/kursi/").content.decode()
    assert client.get("/kursi/itil-pam/").status_code == 404


def test_renaming_a_section_updates_the_navigation(client, site_pages):
    html = client.get("/").content.decode()
    assert 'href="/kursi/"' in _nav(html)
    index = CourseIndexPage.objects.get(pk=site_pages["pages"].courses.pk)
    index.title = "Mācību kursi"
    index.slug = "macibu-kursi"
    index.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'href="/macibu-kursi/"' in _nav(html)
    assert "Mācību kursi" in html  # the home page's card names the section
    # The course page's links and the course under the new path follow.
    course = client.get("/macibu-kursi/itil-pam/").content.decode()
    assert 'href="/macibu-kursi/"' in _nav(course)
    # The cached route of the old path is gone with it.
    assert client.get("/kursi/itil-pam/").status_code == 404


def test_switcher_follows_a_translation_unpublished_and_published(client, site_pages):
    assert (
        _switcher_href(client.get("/kursi/itil-pam/").content.decode(), "en")
        == "/en/kursi/itil-pam/"
    )
    english = site_pages["course"].get_translation(
        Locale.objects.get(language_code="en")
    )
    english.unpublish()
    html = client.get("/kursi/itil-pam/").content.decode()
    assert _switcher_href(html, "en") == "/en/kursi/?untranslated=1"
    english.get_latest_revision().publish()
    html = client.get("/kursi/itil-pam/").content.decode()
    assert _switcher_href(html, "en") == "/en/kursi/itil-pam/"


def test_switcher_is_per_language(client, site_pages):
    english = client.get("/en/kursi/itil-pam/").content.decode()
    latvian = client.get("/kursi/itil-pam/").content.decode()
    assert _switcher_href(english, "lv") == "/kursi/itil-pam/"
    assert _switcher_href(latvian, "en") == "/en/kursi/itil-pam/"


def test_footer_settings_show_at_once(client, public_pages):
    assert "Jaunā iela 1" not in client.get("/").content.decode()
    footer = FooterSettings.objects.get()
    footer.address_lv = "Jaunā iela 1, Rīga"
    footer.save()
    assert "Jaunā iela 1, Rīga" in client.get("/").content.decode()


def test_a_renamed_competence_shows_on_the_course_page(client, site_pages):
    assert "K06" in client.get("/kursi/itil-pam/").content.decode()
    competence = Competence.objects.get(code="K06")
    competence.name_lv = "Pakalpojumu pārvaldība — pārdēvēta"
    competence.save()
    html = client.get("/kursi/itil-pam/").content.decode()
    assert "Pakalpojumu pārvaldība — pārdēvēta" in html


def test_preview_of_a_draft_is_never_cached(client, site_pages):
    assert "Melnraksta teksts" not in client.get("/kursi/itil-pam/").content.decode()
    course = CoursePage.objects.get(pk=site_pages["course"].pk)
    course.body = "<p>Melnraksta teksts</p>"
    draft = course.save_revision().as_object()
    preview = draft.make_preview_request()
    assert "Melnraksta teksts" in preview.content.decode()
    # Neither the live page nor a second preview mixes the two up.
    assert "Melnraksta teksts" not in client.get("/kursi/itil-pam/").content.decode()
    assert "Melnraksta teksts" in draft.make_preview_request().content.decode()


def test_header_stays_personal_on_cached_pages(client, site_pages, make_member):
    anonymous = client.get("/kursi/itil-pam/").content.decode()
    assert "Log out" not in anonymous and "Iziet" not in anonymous
    organisation = OrganisationFactory(name_lv="Ogres novada pašvaldība")
    tokens = []
    for email in ("anna.berzina@example.lv", "peteris.ozols@example.lv"):
        client.force_login(make_member(organisation, [LEARNER], email=email))
        html = client.get("/kursi/itil-pam/").content.decode()
        assert 'href="/dashboard/"' in _nav(html)
        tokens.append(
            re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        )
        client.logout()
    assert tokens[0] != tokens[1]
    assert "csrfmiddlewaretoken" not in client.get("/kursi/itil-pam/").content.decode()


def test_signed_in_visitors_never_get_the_shared_fragment(
    client, site_pages, make_member
):
    assert "Kopsavilkums" in client.get("/kursi/itil-pam/").content.decode()
    # A change that bypasses the signals: the anonymous copy is now stale.
    CoursePage.objects.filter(pk=site_pages["course"].pk).update(
        summary="Ļoti svaigs kopsavilkums"
    )
    assert "Kopsavilkums" in client.get("/kursi/itil-pam/").content.decode()
    organisation = OrganisationFactory(name_lv="Rēzeknes valstspilsēta")
    client.force_login(make_member(organisation, [LEARNER]))
    html = client.get("/kursi/itil-pam/").content.decode()
    assert "Ļoti svaigs kopsavilkums" in html


def test_a_fragment_with_a_form_is_not_shared(rf, site_pages):
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines

    template = engines["django"].from_string(
        "{% load lms_tags %}{% pagecache 'form' %}"
        "<form method='post'>{% csrf_token %}</form>{% endpagecache %}"
    )
    tokens = set()
    for _visitor in range(2):
        request = rf.get("/veidlapa/")
        request.user = AnonymousUser()
        html = template.render({}, request)
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1])
    assert len(tokens) == 2


def test_another_process_changing_the_generation_is_seen(rf):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert page_cache_get_or_set(rf.get("/"), "sample", compute) == 1
    assert page_cache_get_or_set(rf.get("/"), "sample", compute) == 1
    # Another worker's change: only the shared stamp moves.
    caches["default"].set(GENERATION_KEY, "another-worker")
    assert page_cache_get_or_set(rf.get("/"), "sample", compute) == 2
    # A stamp lost from the shared cache starts a new generation too.
    caches["default"].delete(GENERATION_KEY)
    assert page_cache_get_or_set(rf.get("/"), "sample", compute) == 3


def test_admin_link_follows_groups_and_their_permissions(
    client, site_pages, make_member
):
    from django.contrib.auth.models import Group, Permission

    from people.permissions import COORDINATOR

    user = make_member(OrganisationFactory(name_lv="Cēsu novads"), [LEARNER])
    client.force_login(user)
    assert 'href="/admin/"' not in _nav(client.get("/").content.decode())
    coordinators = Group.objects.get(name=COORDINATOR)
    user.groups.add(coordinators)
    assert 'href="/admin/"' in _nav(client.get("/").content.decode())
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    coordinators.permissions.remove(access_admin)
    assert 'href="/admin/"' not in _nav(client.get("/").content.decode())
    coordinators.permissions.add(access_admin)
    user.groups.remove(coordinators)
    assert 'href="/admin/"' not in _nav(client.get("/").content.decode())


def test_dashboard_queries_stay_few(client, site_pages, make_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(
        make_member(OrganisationFactory(name_lv="Valmieras novads"), [LEARNER])
    )
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    # Neither the site, the navigation, the footer, the switcher nor the admin link
    # asks the database once the cache is warm.
    for table in (
        "wagtailcore_locale",
        "wagtailcore_site",
        "courses_footersettings",
        "auth_permission",
    ):
        assert table not in tables
