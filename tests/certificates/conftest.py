import datetime

import pytest

from catalogue.services import involvement_upsert
from certificates.models import CertificateTemplate
from courses.services import completion_record, enrolment_create
from people.models import Person
from tests.factories import PersonFactory


@pytest.fixture
def certificate_template(two_institutions):
    return CertificateTemplate.objects.create(
        name="Noklusējuma apliecība",
        is_default=True,
        issuer=two_institutions["inst_a"],
        validity_months=24,
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="{person} ir pabeidzis kursu “{course}” ({competences}).",
        body_en="{person} has completed the course “{course}” ({competences}).",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Mācību koordinatore",
        signatory_title_en="Training coordinator",
    )


@pytest.fixture
def holder(two_institutions):
    """The partner's learner, who delivers institution A's service."""
    person = Person.objects.get(user=two_institutions["learner"])
    involvement_upsert(
        person=person,
        service=two_institutions["service_a"],
        start_date=datetime.date(2026, 1, 1),
    )
    return person


@pytest.fixture
def completion(site_pages, holder):
    enrolment = enrolment_create(actor=None, person=holder, course=site_pages["course"])
    return completion_record(enrolment=enrolment, score=90)


@pytest.fixture
def other_learner(two_institutions, make_member):
    from people.permissions import LEARNER

    user = make_member(two_institutions["partner"], [LEARNER])
    return user


@pytest.fixture
def latvian_holder(two_institutions):
    return PersonFactory(
        organisation=two_institutions["unit_a"],
        first_name="Ģirts",
        last_name="Ābeļkalns-Čakste",
    )
