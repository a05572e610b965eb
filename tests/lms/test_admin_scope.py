"""Choosers, bulk actions, reports and reference-data views keep to the scope."""

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.snippets.models import get_snippet_models

from competences.models import (
    Competence,
    CompetenceFramework,
    Condition,
    ServiceManagementTask,
    SupportTopic,
)
from people.models import Person
from people.permissions import CONTENT_EDITOR, COORDINATOR, MANAGER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFERENCE_MODELS = [
    CompetenceFramework,
    Competence,
    ServiceManagementTask,
    Condition,
    SupportTopic,
]


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.mark.parametrize("model", REFERENCE_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["edit", "inspect", "history", "delete", "usage"])
def test_competence_framework_views_open(client, admin, model, view):
    # These raised TypeError in reference_data_visible_to (500 for everyone).
    client.force_login(admin)
    obj = model.objects.first()
    url = reverse(model.snippet_viewset.get_url_name(view), args=[obj.pk])
    assert client.get(url).status_code == 200


def test_content_editor_edits_a_competence(client, world):
    client.force_login(world["north"]["users"][CONTENT_EDITOR])
    competence = Competence.objects.get(code="K03")
    url = reverse(Competence.snippet_viewset.get_url_name("edit"), args=[competence.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda m: m.__name__)
def test_chooser_create_is_no_500(client, admin, model):
    # No chooser offers a creation form, so there is no create URL to POST to
    # (Wagtail's one failed on the missing form with a 500).
    client.force_login(admin)
    namespace = model.snippet_viewset.get_chooser_admin_url_namespace()
    with pytest.raises(NoReverseMatch):
        reverse(f"{namespace}:create")
    base = reverse(f"{namespace}:choose")
    response = client.post(base + "create/", {"code": "X"})
    assert response.status_code == 404


def test_chosen_multiple_skips_ids_out_of_scope(client, world):
    north, south = world["north"], world["south"]
    client.force_login(north["users"][COORDINATOR])
    own, foreign = north["records"][Person], south["records"][Person]
    url = reverse("wagtailsnippetchoosers_people_person:chosen_multiple")
    response = client.get(url, {"id": [own.pk, foreign.pk]})
    assert response.status_code == 200
    result = response.json()["result"]
    assert [item["id"] for item in result] == [str(own.pk)]
    chosen = reverse("wagtailsnippetchoosers_people_person:chosen", args=[foreign.pk])
    assert client.get(chosen).status_code == 404


def test_bulk_invite_confirmation_names_only_people_in_scope(client, world):
    north, south = world["north"], world["south"]
    client.force_login(north["users"][COORDINATOR])
    own, foreign = north["records"][Person], south["records"][Person]
    url = reverse("wagtail_bulk_action", args=["people", "person", "invite"])
    page = client.get(f"{url}?id={own.pk}&id={foreign.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert own.email in html
    assert foreign.email not in html and foreign.last_name + "x" not in html
    assert str(foreign) not in html
    assert client.get(f"{url}?id={foreign.pk}").status_code == 404


def test_bulk_delete_confirmation_names_only_records_in_scope(client, world):
    north, south = world["north"], world["south"]
    client.force_login(north["users"][MANAGER])
    foreign = south["records"][Person]
    own = north["records"][Person]
    url = reverse("wagtail_bulk_action", args=["people", "person", "delete"])
    html = client.get(f"{url}?id={own.pk}&id={foreign.pk}").content.decode()
    assert str(foreign) not in html
    assert client.get(f"{url}?id={foreign.pk}").status_code == 404
    assert client.post(f"{url}?id={foreign.pk}").status_code == 404
    assert Person.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("group", [COORDINATOR, MANAGER, CONTENT_EDITOR])
def test_site_history_is_for_administrators_only(client, world, group):
    client.force_login(world["north"]["users"][group])
    for name in ("site_history", "site_history_results"):
        url = reverse(f"wagtailadmin_reports:{name}")
        for query in ({}, {"export": "csv"}):
            # Wagtail answers a denied admin page with "no permission" at home.
            response = client.get(url, query)
            assert response.status_code == 302
            assert response["Location"] == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:site_history") not in menu


def test_administrator_reads_site_history(client, world, admin):
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert str(world["south"]["records"][Person]) in response.content.decode()


def test_site_history_asks_anonymous_users_to_log_in(client):
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("view", ["choose", "choose_results"])
def test_chooser_lists_only_people_in_scope(client, world, view):
    # Scoped through Wagtail's chooser queryset hook (lms/wagtail_hooks.py).
    north, south = world["north"], world["south"]
    client.force_login(north["users"][COORDINATOR])
    own, foreign = north["records"][Person], south["records"][Person]
    response = client.get(reverse(f"wagtailsnippetchoosers_people_person:{view}"))
    assert response.status_code == 200
    html = response.content.decode()
    if view == "choose":
        html = response.json()["html"]
    assert own.email in html or own.last_name in html
    assert foreign.email not in html and str(foreign) not in html
