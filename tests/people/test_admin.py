import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from people.models import Invitation
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _listing(client, user, url_name="wagtailsnippets_people_person:list", **params):
    client.force_login(user)
    return client.get(reverse(url_name), params)


def test_manager_lists_own_institution_and_partners_only(client, two_institutions):
    t = two_institutions
    response = _listing(client, t["manager_a"])
    assert response.status_code == 200
    body = response.content.decode()
    assert t["staff_a"].email in body
    assert t["partner_person"].email in body
    assert t["staff_b"].email not in body
    assert t["idle_partner_person"].email not in body


@pytest.mark.parametrize("url_name", ["edit", "inspect", "delete", "history", "usage"])
def test_another_institutions_person_is_404(client, two_institutions, url_name):
    t = two_institutions
    client.force_login(t["manager_b"])
    url = reverse(f"wagtailsnippets_people_person:{url_name}", args=[t["staff_a"].pk])
    assert client.get(url).status_code == 404


def test_manager_can_open_own_person(client, two_institutions):
    t = two_institutions
    client.force_login(t["manager_a"])
    url = reverse("wagtailsnippets_people_person:inspect", args=[t["staff_a"].pk])
    assert client.get(url).status_code == 200


def test_manager_cannot_edit_people(client, two_institutions):
    t = two_institutions
    client.force_login(t["manager_a"])
    url = reverse("wagtailsnippets_people_person:edit", args=[t["staff_a"].pk])
    assert client.get(url).status_code in (302, 403)


def test_learner_has_no_admin(client, two_institutions):
    client.force_login(two_institutions["learner"])
    response = client.get(reverse("wagtailsnippets_people_person:list"))
    assert response.status_code in (302, 403)


def test_export_is_scoped_formula_escaped_and_has_bom(client, two_institutions):
    t = two_institutions
    t["staff_a"].job_title = '=HYPERLINK("http://evil")'
    t["staff_a"].save()
    response = _listing(client, t["manager_a"], export="csv")
    assert response.status_code == 200
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    emails = {row[0] for row in rows[1:]}
    assert t["staff_a"].email in emails
    assert t["staff_b"].email not in emails
    titles = {row[4] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil")' in titles


def test_organisation_filter_choices_are_scoped(client, two_institutions):
    t = two_institutions
    response = _listing(client, t["manager_a"])
    form = response.context["filters"].form
    choices = set(form.fields["organisation"].queryset)
    assert t["inst_a"] in choices
    assert t["inst_b"] not in choices


def test_coordinator_bulk_invites_only_people_in_scope(
    client, two_institutions, django_capture_on_commit_callbacks
):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    url = (
        reverse("wagtail_bulk_action", args=["people", "person", "invite"])
        + f"?id={t['partner_person'].pk}&id={t['staff_b'].pk}"
    )
    page = client.get(url)
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[t["partner_person"].email]]
    assert not Invitation.objects.filter(person=t["staff_b"]).exists()


def test_bulk_delete_skips_people_out_of_scope(client, two_institutions):
    t = two_institutions
    t["coordinator_a"].user_permissions.add(
        Permission.objects.get(codename="delete_person")
    )
    client.force_login(t["coordinator_a"])
    url = reverse("wagtail_bulk_action", args=["people", "person", "delete"]) + (
        f"?id={t['staff_b'].pk}"
    )
    client.post(url)
    assert type(t["staff_b"]).objects.filter(pk=t["staff_b"].pk).exists()


def test_person_listing_queries_do_not_grow_with_people(
    client, two_institutions, django_assert_max_num_queries
):
    t = two_institutions
    client.force_login(t["manager_a"])
    url = reverse("wagtailsnippets_people_person:list")
    counts = []
    for size in (5, 40):
        PersonFactory.create_batch(size, organisation=t["inst_a"])
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_organisation_chooser_lists_only_the_scope(client, two_institutions):
    t = two_institutions
    client.force_login(t["coordinator_a"])
    response = client.get(reverse("wagtailsnippetchoosers_people_organisation:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    assert t["inst_a"].name_lv in html
    assert t["inst_b"].name_lv not in html
    chosen = reverse(
        "wagtailsnippetchoosers_people_organisation:chosen", args=[t["inst_b"].pk]
    )
    assert client.get(chosen).status_code == 404
    results = client.get(
        reverse("wagtailsnippetchoosers_people_organisation:choose_results"),
        {"q": "Iestāde"},
    ).content.decode()
    assert chosen.replace(str(t["inst_b"].pk), str(t["inst_a"].pk)) in results
    assert chosen not in results


def test_admin_search_stays_in_scope(client, two_institutions):
    from lms.tasks import search_index_update

    t = two_institutions
    # Index updates run on commit, which a test transaction never reaches.
    search_index_update.call(model_label="people.Person")
    response = _listing(client, t["manager_a"], q=t["staff_b"].first_name)
    assert response.status_code == 200
    assert t["staff_b"].email not in response.content.decode()
    response = _listing(client, t["manager_a"], q=t["staff_a"].first_name)
    assert t["staff_a"].email in response.content.decode()


def test_coordinator_gets_an_invite_action_per_person_without_account(
    client, two_institutions
):
    t = two_institutions
    response = _listing(client, t["coordinator_a"])
    html = response.content.decode()
    invite = reverse("wagtail_bulk_action", args=["people", "person", "invite"])
    assert f"{invite}?id={t['staff_a'].pk}" in html
    # The coordinator's own person has an account: no invite for them.
    assert f"{invite}?id={t['coordinator_a'].person.pk}&" not in html
    # Managers get no per-person invite (the bulk bar is Wagtail's, for all).
    manager_html = _listing(client, t["manager_a"]).content.decode()
    assert f"{invite}?id=" not in manager_html
