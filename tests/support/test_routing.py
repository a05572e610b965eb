"""The one routing rule: each scale and role, the fallbacks, and refusals."""

import pytest
from django.core.exceptions import ValidationError

from catalogue.models import ResponsibleRole
from catalogue.services import involvement_upsert, role_assignment_create
from support.models import Consultation
from support.services import consultation_ask, consultation_route
from tests.factories import OrganisationFactory, ServiceFactory
from tests.support.desk import START

pytestmark = pytest.mark.django_db


def test_a_service_question_goes_to_the_services_manager(desk):
    route = consultation_route(
        asker=desk["asker_partner"],
        topic=desk["topic_service"],
        service=desk["service_a"],
    )
    assert route.manager == desk["service_manager_a"]
    assert route.role == ResponsibleRole.SERVICE_MANAGER
    assert route.institution == desk["inst_a"]


def test_a_service_without_a_manager_goes_to_the_owners_portfolio_manager(desk):
    route = consultation_route(
        asker=desk["asker_b"], topic=desk["topic_service"], service=desk["service_b"]
    )
    assert route.manager == desk["portfolio_b"]
    assert route.role == ResponsibleRole.SERVICE_PORTFOLIO_MANAGER
    assert route.institution == desk["inst_b"]


def test_a_resource_question_goes_to_the_resource_manager(desk):
    route = consultation_route(
        asker=desk["asker_partner"],
        topic=desk["topic_resource"],
        resource=desk["resource_a"],
    )
    assert (route.manager, route.role) == (
        desk["resource_manager_a"],
        ResponsibleRole.RESOURCE_MANAGER,
    )


def test_a_resource_without_a_manager_goes_to_the_resource_portfolio_manager(desk):
    desk["resource_a"].role_assignments.all().delete()
    route = consultation_route(
        asker=desk["asker_partner"],
        topic=desk["topic_resource"],
        resource=desk["resource_a"],
    )
    assert (route.manager, route.role) == (
        desk["resource_portfolio_a"],
        ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER,
    )


def test_an_institution_wide_question_goes_to_the_askers_portfolio_manager(desk):
    # A's employee in a unit: the unit's institution answers.
    route = consultation_route(asker=desk["asker_a"], topic=desk["topic_institution"])
    assert (route.manager, route.role, route.institution) == (
        desk["portfolio_a"],
        ResponsibleRole.SERVICE_PORTFOLIO_MANAGER,
        desk["inst_a"],
    )


def test_a_partners_institution_wide_question_goes_to_the_owner_they_work_for(desk):
    # The enterprise has no portfolio manager; its employee delivers A's service.
    route = consultation_route(
        asker=desk["asker_partner"], topic=desk["topic_institution"]
    )
    assert (route.manager, route.institution) == (desk["portfolio_a"], desk["inst_a"])


def test_an_institution_wide_question_about_a_service_goes_to_its_owner(desk):
    route = consultation_route(
        asker=desk["asker_b"],
        topic=desk["topic_institution"],
        service=desk["service_b"],
    )
    assert route.manager == desk["portfolio_b"]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        # A service of another institution the asker is not involved in.
        (lambda d: {"topic": d["topic_service"], "service": d["service_b"]}, "service"),
        # A service topic without the service.
        (lambda d: {"topic": d["topic_service"]}, "service"),
        # A resource topic without the resource.
        (lambda d: {"topic": d["topic_resource"]}, "resource"),
        # Both a service and a resource.
        (
            lambda d: {
                "topic": d["topic_service"],
                "service": d["service_a"],
                "resource": d["resource_a"],
            },
            "resource",
        ),
    ],
)
def test_refused_routes_say_why_and_store_nothing(desk, english, kwargs, field):
    with pytest.raises(ValidationError) as error:
        consultation_ask(
            asker=desk["asker_partner"], question="Kā rīkoties?", **kwargs(desk)
        )
    assert field in error.value.message_dict
    assert not Consultation.objects.exists()


def test_an_ended_involvement_no_longer_allows_asking(desk):
    involvement = desk["asker_partner"].involvements.get(service=desk["service_a"])
    involvement.end_date = involvement.start_date
    involvement.save()
    with pytest.raises(ValidationError) as error:
        consultation_route(
            asker=desk["asker_partner"],
            topic=desk["topic_service"],
            service=desk["service_a"],
        )
    assert "service" in error.value.message_dict


def test_nobody_to_answer_is_a_clear_refusal(desk):
    lonely = OrganisationFactory(name_lv="Vientuļā iestāde")
    service = ServiceFactory(owner=lonely)
    involvement_upsert(person=desk["asker_b"], service=service, start_date=START)
    with pytest.raises(ValidationError) as error:
        consultation_route(
            asker=desk["asker_b"], topic=desk["topic_service"], service=service
        )
    assert "service" in error.value.message_dict


def test_the_first_assigned_of_several_managers_answers(desk):
    second = desk["portfolio_a"]
    role_assignment_create(
        person=second, role=ResponsibleRole.SERVICE_MANAGER, scope=desk["service_a"]
    )
    route = consultation_route(
        asker=desk["asker_a"], topic=desk["topic_service"], service=desk["service_a"]
    )
    assert route.manager == desk["service_manager_a"]
