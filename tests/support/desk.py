"""The `desk` fixture: a small world for consultations, needs and feedback.

Institution A owns a service and a resource, each with a manager (the
service's manager reads English), and has both portfolio managers; institution
B owns a service with no manager of its own. A partner enterprise's employee
delivers A's service and uses A's resource. (In a module of its own so that the
browser tests can import it.)
"""

import datetime

import pytest
from django.utils import translation

from catalogue.models import ResponsibleRole
from catalogue.services import involvement_upsert, role_assignment_create
from competences.models import SupportTopic
from people.permissions import COORDINATOR, LEARNER, MANAGER
from tests.factories import PersonFactory, ResourceFactory, UserFactory

START = datetime.date(2026, 1, 1)


def member(organisation, groups=(), language="lv", first_name="Līga", **fields):
    user = UserFactory(groups=list(groups))
    person = PersonFactory(
        organisation=organisation,
        user=user,
        email=user.email,
        language=language,
        first_name=first_name,
        **fields,
    )
    return person


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def desk(two_institutions):
    t = dict(two_institutions)
    inst_a, inst_b, unit_a = t["inst_a"], t["inst_b"], t["unit_a"]
    t["resource_a"] = ResourceFactory(owner=inst_a, name_lv="Reģistrs Ā")
    # The askers: A's own employee and the partner's, both with accounts.
    t["asker_a"] = member(unit_a, [LEARNER], first_name="Ēriks", last_name="Ozoliņš")
    t["asker_partner"] = member(
        t["partner"], [LEARNER], language="en", first_name="Pēteris", last_name="Zīle"
    )
    for person in (t["asker_a"], t["asker_partner"]):
        involvement_upsert(person=person, service=t["service_a"], start_date=START)
    involvement_upsert(
        person=t["asker_partner"], resource=t["resource_a"], start_date=START
    )
    t["asker_b"] = member(inst_b, [LEARNER], first_name="Dace", last_name="Kļava")
    involvement_upsert(person=t["asker_b"], service=t["service_b"], start_date=START)
    # The managers (each a person with an account in the Manager group).
    t["service_manager_a"] = member(
        unit_a, [MANAGER], language="en", first_name="Inese", last_name="Balode"
    )
    t["portfolio_a"] = member(inst_a, [MANAGER], first_name="Ilze", last_name="Kalniņa")
    t["resource_manager_a"] = member(
        unit_a, [MANAGER], first_name="Artūrs", last_name="Dreimanis"
    )
    t["resource_portfolio_a"] = member(
        inst_a, [MANAGER], first_name="Raitis", last_name="Upītis"
    )
    t["portfolio_b"] = member(
        inst_b, [MANAGER], first_name="Uldis", last_name="Freimanis"
    )
    t["coordinator_b"] = member(inst_b, [COORDINATOR], first_name="Gita")
    for person, role, scope in (
        (t["service_manager_a"], ResponsibleRole.SERVICE_MANAGER, t["service_a"]),
        (t["portfolio_a"], ResponsibleRole.SERVICE_PORTFOLIO_MANAGER, inst_a),
        (t["resource_manager_a"], ResponsibleRole.RESOURCE_MANAGER, t["resource_a"]),
        (
            t["resource_portfolio_a"],
            ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER,
            inst_a,
        ),
        # Service B has no manager: its questions go to B's portfolio manager.
        (t["portfolio_b"], ResponsibleRole.SERVICE_PORTFOLIO_MANAGER, inst_b),
    ):
        role_assignment_create(person=person, role=role, scope=scope)
    t["topic_service"] = SupportTopic.objects.get(code="T-S1")
    t["topic_resource"] = SupportTopic.objects.get(code="T-R1")
    t["topic_institution"] = SupportTopic.objects.get(code="T-I1")
    return t
