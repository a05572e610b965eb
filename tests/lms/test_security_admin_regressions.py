"""Issue 6 re-probed, continued: Wagtail's own screens, accounts, shared partners.

Each test replays one attack as institution A's coordinator (or another group)
against the merged code, through the services or the Django test client.
"""

import json

import pytest
from django.urls import reverse

from catalogue.models import Service
from catalogue.services import involvement_upsert
from people.models import Person
from people.permissions import COORDINATOR, MANAGER, people_visible_to
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
)
from tests.lms.test_security_regressions import (  # noqa: F401 (english: the autouse fixture)
    english,
    error_columns,
    run,
)

pytestmark = pytest.mark.django_db


# --- Wagtail's own reports and logs -------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/reports/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/search/?q=Iestāde",
    ],
)
@pytest.mark.parametrize("group", [COORDINATOR, MANAGER])
def test_wagtails_own_reports_show_nothing_of_another_institution(
    client, two_institutions, group, path
):
    t = two_institutions
    client.force_login(t["coordinator_a"] if group == COORDINATOR else t["manager_a"])
    response = client.get(path)
    assert response.status_code < 500
    if response.status_code == 200:
        body = response.content.decode()
        assert t["staff_b"].email not in body
        assert t["manager_b"].email not in body


def test_history_of_another_institutions_service_is_404(client, two_institutions):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    for view in ("history", "usage", "inspect"):
        url = reverse(
            f"wagtailsnippets_catalogue_service:{view}", args=[t["service_b"].pk]
        )
        assert client.get(url).status_code == 404, view
    involvement_upsert(
        person=t["staff_b"], service=t["service_a"], start_date="2026-02-01"
    )
    assert Service.objects.filter(owner=t["inst_b"]).count() == 1
    assert Person.objects.filter(pk=t["staff_b"].pk).exists()


# --- Accounts in Wagtail's own user admin and bulk actions ----------------------


@pytest.mark.parametrize("action", ["assign_role", "delete", "set_active_state"])
def test_user_bulk_actions_name_and_change_no_other_account(client, world, action):
    from tests.lms.conftest import GROUPS

    for group in GROUPS:
        target = world["south"]["users"][group]
        for actor_group in GROUPS:
            client.force_login(world["north"]["users"][actor_group])
            url = (
                reverse("wagtail_bulk_action", args=["people", "user", action])
                + f"?id={target.pk}"
            )
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (actor_group, url)
            client.post(url, {"role": "1", "mark_as_active": ""})
            target.refresh_from_db()
            assert target.is_active and not target.is_superuser
    assert all(u.groups.count() == 1 for u in world["south"]["users"].values())


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_wagtails_user_views_are_closed_to_every_group(client, world, view):
    from tests.lms.conftest import GROUPS

    target = world["south"]["users"][MANAGER]
    for group in GROUPS:
        client.force_login(world["north"]["users"][group])
        try:
            url = reverse(f"wagtailusers_users:{view}", args=[target.pk])
        except Exception:
            pytest.skip(f"no user {view} view")
        assert client.get(url).status_code in (302, 403, 404), (group, url)


@pytest.mark.parametrize("query", ["Dienvidu", "dienvidu.example.lv"])
def test_chooser_search_finds_nothing_of_another_institution(client, world, query):
    from wagtail.snippets.models import get_snippet_models

    from tests.lms.conftest import GROUPS

    for group in GROUPS:
        client.force_login(world["north"]["users"][group])
        for model in get_snippet_models():
            meta = model._meta
            url = reverse(
                f"wagtailsnippetchoosers_{meta.app_label}_{meta.model_name}:choose_results"
            )
            response = client.get(url, {"q": query})
            assert response.status_code < 500, url
            if response.status_code == 200:
                body = response.content.decode()
                if response["Content-Type"].startswith("application/json"):
                    body = json.dumps(json.loads(body), ensure_ascii=False)
                for marker in world["south"]["markers"]:
                    assert marker not in body, (group, url, marker)


# --- Widening one's scope by adopting a shared partner organisation -------------


@pytest.fixture
def shared_partner(two_institutions):
    """An enterprise A recorded first; B records its own contractors there."""
    t = two_institutions
    partner = OrganisationFactory(
        kind="enterprise", name_lv="SIA Kopīgais", registered_by=t["inst_a"]
    )
    contractor_b = PersonFactory(
        organisation=partner, registered_by=t["inst_b"], first_name="Ērika"
    )
    involvement_upsert(
        person=contractor_b, service=t["service_b"], start_date="2026-02-01"
    )
    return partner, contractor_b


def test_import_cannot_pull_a_shared_partner_into_ones_institution(
    two_institutions, shared_partner
):
    t = two_institutions
    partner, contractor_b = shared_partner
    coordinator = t["coordinator_a"]
    assert not people_visible_to(coordinator).filter(pk=contractor_b.pk).exists()
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{partner.code};{partner.name_lv};;unit;{t['inst_a'].code}\n",
        coordinator,
    )
    assert error_columns(report) == {"parent_code"}
    partner.refresh_from_db()
    assert (partner.parent, partner.kind) == (None, "enterprise")
    assert not people_visible_to(coordinator).filter(pk=contractor_b.pk).exists()


def test_import_cannot_pull_it_in_through_a_new_organisation_either(
    two_institutions, shared_partner
):
    t = two_institutions
    partner, _contractor_b = shared_partner
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{partner.code};{partner.name_lv};;enterprise;40000000777\n"
        f"40000000777;Jauna nodaļa;;unit;{t['inst_a'].code}\n",
        t["coordinator_a"],
    )
    assert report.errors
    partner.refresh_from_db()
    assert partner.parent is None


def test_admin_cannot_pull_a_shared_partner_into_ones_institution(
    client, two_institutions, shared_partner
):
    t = two_institutions
    partner, contractor_b = shared_partner
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_people_organisation:edit", args=[partner.pk]),
        {
            "code": partner.code,
            "kind": "enterprise",
            "name_lv": partner.name_lv,
            "name_en": "",
            "parent": t["inst_a"].pk,
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    partner.refresh_from_db()
    assert partner.parent is None


def test_a_partner_may_still_be_placed_under_another_partner(
    two_institutions, shared_partner
):
    t = two_institutions
    partner, _contractor_b = shared_partner
    holding = OrganisationFactory(kind="enterprise", registered_by=t["inst_a"])
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        f"{partner.code};{partner.name_lv};;enterprise;{holding.code}\n",
        t["coordinator_a"],
    )
    assert not report.errors
    partner.refresh_from_db()
    assert partner.parent == holding


# --- Own records that another institution refers to ----------------------------


@pytest.mark.parametrize("view", ["inspect", "usage", "delete"])
def test_own_employees_pages_do_not_name_another_institutions_service(
    client, two_institutions, view
):
    """B may involve A's employee in B's service; A still does not see B's."""
    t = two_institutions
    service_b = t["service_b"]
    involvement_upsert(person=t["staff_a"], service=service_b, start_date="2026-02-01")
    client.force_login(t["coordinator_a"])
    url = reverse(f"wagtailsnippets_people_person:{view}", args=[t["staff_a"].pk])
    response = client.get(url)
    # Coordinators may not delete people: Wagtail redirects to the dashboard.
    assert response.status_code == (302 if view == "delete" else 200)
    body = response.content.decode()
    assert service_b.name_lv not in body
    assert service_b.code not in body


def test_own_institution_cannot_be_hung_under_a_new_organisation(two_institutions):
    """A parent new in the file has no id yet; it is a move all the same."""
    t = two_institutions
    inst_a = t["inst_a"]
    report = run(
        "organisations",
        "code;name_lv;name_en;kind;parent_code\n"
        "40000000555;Jauna augšiestāde;;state_institution;\n"
        f"{inst_a.code};{inst_a.name_lv};;state_institution;40000000555\n",
        t["coordinator_a"],
    )
    assert error_columns(report) == {"parent_code"}
    inst_a.refresh_from_db()
    assert inst_a.parent == t["ministry"]


def test_own_employees_page_still_lists_own_involvements_and_roles(
    client, two_institutions
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    url = reverse("wagtailsnippets_people_person:inspect", args=[t["staff_a"].pk])
    body = client.get(url).content.decode()
    assert t["service_a"].code in body
