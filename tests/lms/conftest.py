"""Two institutions with one record of every admin model each, and every group.

The access matrix and the export tests use it. Each institution's records carry
names of their own ("Ziemeļu…", "Dienvidu…"), so that a response can be searched
for the other institution's data. Nullable relations are left empty wherever
the model allows (a resource involvement has no service, a service no manager,
a role at institution level no service or resource, …).
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.log_actions import log

from catalogue.models import Involvement, Resource, RoleAssignment, Service
from catalogue.services import involvement_upsert, role_assignment_create
from competences.models import (
    Attainment,
    Competence,
    Delegation,
    Requirement,
    SupportTopic,
)
from competences.services import attainment_grant
from courses.models import (
    CourseSession,
    Enrolment,
    RegistrationStatus,
    SessionRegistration,
)
from curricula.models import Assignment, Curriculum
from lms.models import ImportJob
from people.models import Invitation, Organisation, Person
from people.permissions import CONTENT_EDITOR, COORDINATOR, LEARNER, MANAGER
from support.models import Consultation
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ResourceFactory,
    ServiceFactory,
    UserFactory,
)

GROUPS = (LEARNER, COORDINATOR, MANAGER, CONTENT_EDITOR)
START = datetime.date(2026, 1, 1)


def _course():
    """One published course (no demo data) for the institutions' learners."""
    from courses.services import Taxonomy, Translated, course_page_ensure, site_setup

    pages = site_setup(
        home=Translated("Sākums", "Home"),
        courses=Translated("Kursi", "Courses"),
        materials=Translated("Materiāli", "Materials"),
    )
    return course_page_ensure(
        index=pages.courses,
        code="MATRICA",
        duration_hours=1,
        text=Translated(
            "Matricas kurss",
            "Matrix course",
            summary_lv="Kopsavilkums",
            summary_en="Summary",
        ),
        taxonomy=Taxonomy(),
    )


def _session(inst, staff, course, day: int, trainer: bool):
    """A session organised by `inst`, trained by its employee (or by nobody
    named yet), with one registration of that employee (different days:
    different names)."""
    from courses.services import enrolment_create

    starts = timezone.make_aware(datetime.datetime(2026, 3, day, 10, 0))
    session = CourseSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_deadline=starts - datetime.timedelta(days=2),
        place=f"{inst.name_lv}, 2. zāle",
        trainer=staff if trainer else None,
        organiser=inst,
        capacity=10,
    )
    registration = SessionRegistration.objects.create(
        session=session,
        person=staff,
        enrolment=enrolment_create(
            actor=None, person=staff, course=course, source="session"
        ),
        status=RegistrationStatus.REGISTERED,
    )
    return {CourseSession: session, SessionRegistration: registration}


def _certificate_template(issuer):
    from certificates.models import CertificateTemplate

    return CertificateTemplate.objects.create(
        name="Matrica",
        is_default=True,
        issuer=issuer,
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="{person}: {course}",
        body_en="{person}: {course}",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Koordinatore",
        signatory_title_en="Coordinator",
    )


def _learning_records(staff, course, coordinator) -> dict:
    """A completion with its certificate and a bulk job of this institution
    (a graduate of the staff's unit: the staff member's enrolment stays open)."""
    from certificates.models import Certificate, CertificateBatch
    from certificates.services import certificate_batch_start, certificate_issue
    from courses.services import completion_record, enrolment_create

    graduate = PersonFactory(
        organisation=staff.organisation,
        first_name=f"{staff.first_name}absolvente",
        email=f"absolvente-{staff.email}",
    )
    enrolment = enrolment_create(actor=None, person=graduate, course=course)
    completion = completion_record(enrolment=enrolment)
    return {
        Certificate: certificate_issue(completion=completion),
        CertificateBatch: certificate_batch_start(
            actor=coordinator, kind="issue", course=course
        ),
    }


def _institution(tag: str, slug: str, ministry, centre, course, day: int = 2):
    inst = OrganisationFactory(
        parent=ministry, name_lv=f"{tag} iestāde", name_en=f"{tag} agency"
    )
    unit = OrganisationFactory(
        parent=inst, kind="unit", name_lv=f"{tag} nodaļa", name_en=f"{tag} unit"
    )
    users = {}
    for group in GROUPS:
        user = UserFactory(
            groups=[group], email=f"{group.split()[0].lower()}@{slug}.example.lv"
        )
        PersonFactory(
            organisation=unit,
            user=user,
            email=user.email,
            first_name=f"{tag}{group.split()[0]}",
        )
        users[group] = user
    staff = PersonFactory(
        organisation=unit,
        first_name=f"{tag}darbiniece",
        last_name="Ēvalde",
        email=f"darbiniece@{slug}.example.lv",
    )
    service = ServiceFactory(
        owner=inst, code=f"{slug.upper()}-PAK", name_lv=f"{tag} pakalpojums"
    )
    resource = ResourceFactory(
        owner=inst, code=f"{slug.upper()}-RES", name_lv=f"{tag} resurss"
    )
    curriculum = Curriculum.objects.create(
        code=f"{slug.upper()}-PLANS", name_lv=f"{tag} plāns", owner=inst
    )
    records = {
        Organisation: unit,
        Person: staff,
        Service: service,
        Resource: resource,
        # A resource involvement: `service` is empty.
        Involvement: involvement_upsert(
            person=staff, resource=resource, start_date=START
        ),
        # A role at institution level: `service` and `resource` are empty.
        RoleAssignment: role_assignment_create(
            person=staff, role="service_portfolio_manager", scope=inst
        ),
        Invitation: Invitation.objects.create(
            person=staff,
            token_hash=f"{slug:0<64}",
            expires_at=timezone.now() + datetime.timedelta(days=14),
        ),
        # A requirement of one service (resource and role empty).
        Requirement: Requirement.objects.create(
            competence=Competence.objects.get(code="K07"), service=service
        ),
        # No level, no note, no evidence; recorded by the system.
        Attainment: attainment_grant(
            actor=None,
            person=staff,
            competence=Competence.objects.get(code="K01"),
            attained_on=START,
        ),
        # A delegation of one service: `institution` and `end_date` are empty.
        Delegation: Delegation.objects.create(
            competence=Competence.objects.get(code="K08"),
            centre=centre,
            service=service,
            start_date=START,
        ),
        # Imported: no enrolling user, no due date, not completed.
        Enrolment: Enrolment.objects.create(
            person=staff, course=course, source="import"
        ),
        # No courses yet, no recurrence.
        Curriculum: curriculum,
        # A draft for one unit: no people, service, resource or role.
        Assignment: Assignment.objects.create(
            owner=inst,
            curriculum=curriculum,
            audience_kind="organisation",
            organisation=unit,
            due_in_days=30,
            status="draft",
        ),
        ImportJob: ImportJob.objects.create(
            importer="people",
            file_name=f"{slug}-darbinieki.csv",
            created_by=users[COORDINATOR],
        ),
    }
    records.update(_learning_records(staff, course, users[COORDINATOR]))
    # The southern session has no trainer yet (an empty relation to export).
    records.update(_session(inst, staff, course, day, trainer=day == 2))
    involvement_upsert(person=staff, service=service, start_date=START)
    # Evidence in the private storage, so that its download is walked too.
    records[Attainment].evidence.save(
        f"{slug}-apliecinajums.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True
    )
    # An open consultation from the staff member to the institution's service
    # portfolio manager (no service or resource, no answer, no attachment).
    records[Consultation] = Consultation.objects.create(
        asker=staff,
        topic=SupportTopic.objects.get(code="T-I1"),
        question=f"{tag} jautājums par politiku",
        routed_to=staff,
        routed_role="service_portfolio_manager",
        institution=inst,
    )
    # Site history entries naming this institution's records.
    for record in records.values():
        log(record, "wagtail.edit", user=users[MANAGER])
    return {"org": inst, "users": users, "records": records, "markers": set()}


@pytest.fixture
def world(db):
    ministry = OrganisationFactory(name_lv="Ministrija", name_en="Ministry")
    centre = OrganisationFactory(
        kind="competence_centre", name_lv="Kompetenču centrs", name_en="Centre"
    )
    course = _course()
    _certificate_template(ministry)
    north = _institution("Ziemeļu", "ziemelu", ministry, centre, course)
    south = _institution("Dienvidu", "dienvidu", ministry, centre, course, day=3)
    for side in (north, south):
        for record in side["records"].values():
            side["markers"].add(str(record))
            if getattr(record, "email", None):
                side["markers"].add(record.email)
            if getattr(record, "file_name", None):
                side["markers"].add(record.file_name)
    north["other"], south["other"] = south, north
    return {"north": north, "south": south, "ministry": ministry}
