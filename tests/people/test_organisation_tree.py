"""No path stores an organisation loop, and no walk hangs on one (issue 7, §2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from lms.imports.readers import read_table
from lms.imports.runs import import_run
from people.models import Organisation
from people.permissions import home_organisation_ids
from people.selectors import institution_of, organisation_subtree_ids
from people.services import organisation_save
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def chain():
    ministry = OrganisationFactory(code="90000000001", name_lv="Ministrija")
    agency = OrganisationFactory(code="90000000002", parent=ministry)
    unit = OrganisationFactory(code="90000000003", parent=agency, kind="unit")
    return ministry, agency, unit


def test_the_service_refuses_itself_or_a_descendant_as_parent(chain):
    ministry, _agency, unit = chain
    for parent in (ministry, unit):
        ministry.parent = parent
        with pytest.raises(ValidationError) as error:
            organisation_save(organisation=ministry)
        assert "loop" in str(error.value.message_dict["parent"])
    assert Organisation.objects.get(pk=ministry.pk).parent is None


def test_the_admin_refuses_a_loop_with_a_form_error(admin_client, chain):
    ministry, _agency, unit = chain
    response = admin_client.post(
        reverse("wagtailsnippets_people_organisation:edit", args=[ministry.pk]),
        {
            "code": ministry.code,
            "kind": ministry.kind,
            "name_lv": ministry.name_lv,
            "name_en": "",
            "parent": unit.pk,
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert Organisation.objects.get(pk=ministry.pk).parent is None


def test_the_import_refuses_a_loop_through_the_same_service(chain):
    ministry, agency, unit = chain
    report = import_run(
        importer_name="organisations",
        table=read_table(
            (
                "code;name_lv;name_en;kind;parent_code\n"
                f"{ministry.code};Ministrija;;state_institution;{unit.code}\n"
            ).encode(),
            "o.csv",
        ),
        dry_run=False,
    )
    assert not report.ok
    assert "loop" in report.errors[0].message
    assert Organisation.objects.get(pk=ministry.pk).parent is None


def test_walks_end_on_a_loop_stored_before_the_rule(chain, make_member):
    ministry, agency, unit = chain
    # Bad data from before the rule: agency → unit → agency, written directly.
    Organisation.objects.filter(pk=agency.pk).update(parent=unit, kind="unit")
    unit.refresh_from_db()
    assert institution_of(organisation=unit) in {unit, agency}
    assert organisation_subtree_ids(root_ids=[agency.pk]) == {agency.pk, unit.pk}
    coordinator = make_member(unit, ["Training coordinator"])
    assert home_organisation_ids(coordinator) >= {agency.pk, unit.pk}


def test_a_stored_loop_elsewhere_does_not_block_other_edits(chain):
    ministry, agency, unit = chain
    Organisation.objects.filter(pk=agency.pk).update(parent=unit)
    other = OrganisationFactory(name_lv="Cita iestāde")
    other.parent = ministry
    organisation_save(organisation=other)
    assert Organisation.objects.get(pk=other.pk).parent == ministry
