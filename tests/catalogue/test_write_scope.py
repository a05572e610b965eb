"""Services, involvements, roles and competences: writes stay in scope (issue 6)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from catalogue.models import Involvement, Relation, RoleAssignment, Service
from catalogue.services import involvement_upsert
from competences.models import Competence
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from lms.imports.services import import_job_start
from people.selectors import person_for_user

pytestmark = pytest.mark.django_db

INVOLVEMENTS = "person_email;service_code;resource_code;relation;start_date;end_date\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(name, text, user):
    return import_run(
        importer_name=name,
        table=read_table(text.encode(), f"{name}.csv"),
        dry_run=False,
        user=user,
    )


def errors(report):
    return {(e.row, e.column) for e in report.errors}


def test_import_cannot_take_over_another_institutions_service(two_institutions):
    t = two_institutions
    service_b = t["service_b"]
    report = run(
        "services",
        "code;name_lv;name_en;owner_code\n"
        f"{service_b.code};Pārņemts;;{t['inst_a'].code}\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(2, "code")}
    service_b.refresh_from_db()
    assert service_b.owner == t["inst_b"]


def test_import_cannot_hand_a_new_service_to_another_institution(two_institutions):
    t = two_institutions
    report = run(
        "services",
        f"code;name_lv;name_en;owner_code\nPAK-9999;Jauns;;{t['inst_b'].code}\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(2, "owner_code")}
    assert not Service.objects.filter(code="PAK-9999").exists()


def test_admin_cannot_hand_own_service_to_a_visible_institution(
    client, two_institutions
):
    t = two_institutions
    # B's employee delivers A's service, so B's institution is in A's choices.
    involvement_upsert(
        person=t["staff_b"], service=t["service_a"], start_date="2026-02-01"
    )
    service_a = t["service_a"]
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_catalogue_service:edit", args=[service_a.pk]),
        {
            "code": service_a.code,
            "name_lv": service_a.name_lv,
            "name_en": "",
            "owner": t["inst_b"].pk,
        },
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    service_a.refresh_from_db()
    assert service_a.owner == t["inst_a"]


def test_import_cannot_make_herself_portfolio_manager_of_another_institution(
    two_institutions,
):
    t = two_institutions
    me = person_for_user(user=t["coordinator_a"])
    report = run(
        "roles",
        "person_email;role;scope_code\n"
        f"{me.email};service_portfolio_manager;{t['inst_b'].code}\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(2, "scope_code")}
    assert not RoleAssignment.objects.filter(person=me).exists()


def test_admin_cannot_give_a_role_at_another_institution(client, two_institutions):
    t = two_institutions
    involvement_upsert(
        person=t["staff_b"], service=t["service_a"], start_date="2026-02-01"
    )
    me = person_for_user(user=t["coordinator_a"])
    client.force_login(t["coordinator_a"])
    response = client.post(
        reverse("wagtailsnippets_catalogue_roleassignment:add"),
        {
            "person": me.pk,
            "role": "service_portfolio_manager",
            "organisation": t["inst_b"].pk,
        },
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(person=me).exists()


def test_roles_at_own_institution_are_still_given(two_institutions):
    t = two_institutions
    report = run(
        "roles",
        "person_email;role;scope_code\n"
        f"{t['staff_a'].email};service_manager;{t['service_a'].code}\n"
        f"{t['staff_b'].email};service_portfolio_manager;{t['inst_a'].code}\n",
        t["coordinator_a"],
    )
    assert report.ok, report.errors


def test_import_cannot_add_a_person_to_another_institutions_service(
    two_institutions,
):
    t = two_institutions
    report = run(
        "involvements",
        INVOLVEMENTS + f"{t['staff_a'].email};{t['service_b'].code};;;01.02.2026;\n",
        t["coordinator_a"],
    )
    assert errors(report) == {(2, "service_code")}
    assert not Involvement.objects.filter(
        service=t["service_b"], person=t["staff_a"]
    ).exists()


def test_import_may_involve_another_institutions_employee_in_own_service(
    two_institutions,
):
    t = two_institutions
    report = run(
        "involvements",
        INVOLVEMENTS + f"{t['staff_b'].email};{t['service_a'].code};;;01.02.2026;\n",
        t["coordinator_a"],
    )
    assert report.ok, report.errors
    involvement = Involvement.objects.get(service=t["service_a"], person=t["staff_b"])
    assert involvement.relation == Relation.EXTERNAL
    t["staff_b"].refresh_from_db()
    assert t["staff_b"].organisation == t["inst_b"]


def test_coordinator_cannot_import_competences(two_institutions):
    coordinator = two_institutions["coordinator_a"]
    k03 = Competence.objects.get(framework__code="PU2-12", code="K03")
    data = (
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K03;Pārdēvēta;;delegable;1;\n"
    ).encode()
    with pytest.raises(PermissionDenied):
        import_job_start(
            importer_name="competences",
            file_name="k.csv",
            data=data,
            user=coordinator,
            language="lv",
        )
    assert Competence.objects.get(pk=k03.pk).name_lv == k03.name_lv
