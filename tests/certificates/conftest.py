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


# Curriculum certificates: a plan of institution A with two courses, assigned
# to the holder; completing both records the curriculum's completion
# (curricula), whose signal issues the certificate.
PLAN_DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def plan_courses(site_pages):
    from courses.services import Taxonomy, Translated, course_page_ensure

    second = course_page_ensure(
        index=site_pages["pages"].courses,
        code="DATU-DRO",
        duration_hours=2,
        text=Translated(
            "Datu drošība",
            "Data security",
            summary_lv="Īsumā",
            summary_en="In short",
            body_lv="<p>Saturs</p>",
            body_en="<p>Content</p>",
        ),
        # K06 again (the first course develops it): listed once.
        taxonomy=Taxonomy(competences=["K06", "K01"]),
    )
    return [site_pages["course"], second]


@pytest.fixture
def plan(plan_courses, two_institutions):
    from curricula.models import Curriculum, CurriculumCourse

    curriculum = Curriculum.objects.create(
        code="PLĀNS-Ā",
        name_lv="Pakalpojumu pārvaldības plāns",
        name_en="Service management plan",
        owner=two_institutions["inst_a"],
    )
    for order, course in enumerate(plan_courses):
        CurriculumCourse.objects.create(
            curriculum=curriculum, course=course, sort_order=order
        )
    return curriculum


@pytest.fixture
def plan_member(plan, holder, two_institutions):
    """The holder's membership of the plan, assigned by A's coordinator."""
    from curricula.models import Assignment, AssignmentMember, AudienceKind
    from curricula.services import assignment_save

    outcome = assignment_save(
        assignment=Assignment(
            curriculum=plan, audience_kind=AudienceKind.PEOPLE, due_in_days=30
        ),
        actor=two_institutions["coordinator_a"],
        people_ids=[holder.pk],
        today=PLAN_DAY,
    )
    return AssignmentMember.objects.get(assignment=outcome.assignment, person=holder)


@pytest.fixture
def complete_plan(plan_courses):
    """Complete every course of the plan as `person` on `day` (the current
    enrolments the assignment made)."""
    from freezegun import freeze_time

    from courses.models import Enrolment

    def complete(person, day=PLAN_DAY):
        for course in plan_courses:
            enrolment = Enrolment.objects.get(
                person=person, course=course, is_current=True
            )
            with freeze_time(day):
                completion_record(enrolment=enrolment)

    return complete


@pytest.fixture
def curriculum_completion(plan_member, complete_plan):
    """The holder's completion of the plan, recorded without its on-commit
    signal (so nothing has issued its certificate yet)."""
    from curricula.services import curriculum_completion_evaluate

    complete_plan(plan_member.person)
    completion = curriculum_completion_evaluate(member=plan_member, today=PLAN_DAY)
    assert completion is not None
    return completion
