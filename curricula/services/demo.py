"""The demo's curriculum: `manage.py load_demo` (courses/) announces that it
has loaded, and curricula adds a plan (two courses and a guideline to
acknowledge) assigned to two services' external partners, with people in
every status. Running it again changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from catalogue.models import Service
from courses.models import CoursePage, LessonPage, LessonProgress, MaterialPage
from courses.selectors import course_lessons
from courses.services import completion_record
from curricula.models import (
    Assignment,
    AudienceKind,
    Curriculum,
    CurriculumCourse,
    CurriculumMaterial,
    Provider,
)
from curricula.services.assignments import assignment_save
from curricula.services.completions import curriculum_completions_sweep
from curricula.services.sync import assignment_sync
from people.models import Organisation, Person
from support.models import Acknowledgement
from support.selectors import material_current_version

CODE = "PARTNERI-2026"
OWNER_CODE = "90000000010"
COURSES = ("ITIL-PAM", "KPI-MER")
COORDINATOR = "dace.liepina@rpa.example.lv"
# A guideline for PAK-1002's and PAK-1003's partners that asks to be acknowledged.
MATERIAL = "arejo-partneru-ievadisana-darba"


def _courses() -> list[CoursePage]:
    pages = CoursePage.objects.filter(code__in=COURSES, locale__language_code="lv")
    by_code = {page.code: page for page in pages}
    return [by_code[code] for code in COURSES if code in by_code]


def _curriculum(owner, courses) -> Curriculum:
    plan, created = Curriculum.objects.get_or_create(
        code=CODE,
        defaults={
            "owner": owner,
            "name_lv": "Partneru pamatzināšanas",
            "name_en": "Partners' essentials",
            "description_lv": "Kas jāzina katram, kurš mūsu pakalpojumus sniedz "
            "kopā ar mums.",
            "description_en": "What everyone who delivers our services with us "
            "must know.",
            "audience_lv": "Pakalpojumu ārējie partneri",
            "audience_en": "External partners of the services",
            "recurrence_months": 24,
        },
    )
    if created:
        for order, course in enumerate(courses):
            CurriculumCourse.objects.create(
                curriculum=plan, course=course, sort_order=order
            )
    return plan


def _material(plan) -> MaterialPage | None:
    """The partners' onboarding guideline, to acknowledge, in the plan (once)."""
    material = MaterialPage.objects.filter(
        slug=MATERIAL, locale__language_code="lv", requires_acknowledgement=True
    ).first()
    if material is not None:
        CurriculumMaterial.objects.get_or_create(curriculum=plan, material=material)
    return material


def _acknowledge(person, material) -> None:
    # The demo's partner has no account to click with: their acknowledgement
    # is recorded as the system's record of what they confirmed.
    version = material_current_version(material)
    if version is not None:
        Acknowledgement.objects.get_or_create(
            person=person, material=material, version=version
        )


def _assign(plan, service, actor, today) -> Assignment:
    existing = Assignment.objects.filter(curriculum=plan, service=service).first()
    if existing is not None:
        return existing
    return assignment_save(
        assignment=Assignment(
            curriculum=plan,
            audience_kind=AudienceKind.SERVICE,
            service=service,
            provider=Provider.EXTERNAL,
            due_in_days=30,
        ),
        actor=actor,
        today=today,
    ).assignment


def _lesson(course: CoursePage) -> LessonPage:
    lesson = course_lessons(course).first()
    if lesson is None:
        lesson = LessonPage(
            title="Ievads", slug="ievads", summary="Kas jāzina vispirms"
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return lesson


@transaction.atomic
def curricula_demo_load() -> None:
    """The plan, its two assignments and their people's progress.

    PAK-1002's partners were assigned today: one has completed everything
    (the courses, and acknowledged the onboarding guideline), the demo
    learner has started the first course. PAK-1003's partners were
    assigned a year ago: one is overdue, the other has left the service.
    """
    owner = Organisation.objects.filter(code=OWNER_CODE).first()
    courses = _courses()
    services = Service.objects.in_bulk(["PAK-1002", "PAK-1003"], field_name="code")
    if owner is None or len(courses) != len(COURSES) or len(services) != 2:
        return
    coordinator = (
        Person.objects.filter(email=COORDINATOR).select_related("user").first()
    )
    actor = coordinator.user if coordinator else None
    today = timezone.localdate()
    plan = _curriculum(owner, courses)
    material = _material(plan)
    recent = _assign(plan, services["PAK-1002"], actor, today)
    old = _assign(plan, services["PAK-1003"], actor, datetime.date(2025, 3, 1))
    # The year-old assignment now: its leaver leaves (idempotent).
    assignment_sync(assignment=old, today=today)
    assignment_sync(assignment=recent, today=today)
    done = Person.objects.filter(email="aivars.mednis@rakc.example.lv").first()
    started = Person.objects.filter(email="santa.ozola@rakc.example.lv").first()
    for course in courses:
        if done is not None:
            enrolment = done.enrolments.filter(course=course, is_current=True).first()
            if enrolment is not None:
                completion_record(enrolment=enrolment)
    if done is not None and material is not None:
        _acknowledge(done, material)
    if started is not None:
        enrolment = started.enrolments.filter(
            course=courses[0], is_current=True
        ).first()
        if enrolment is not None:
            LessonProgress.objects.get_or_create(
                enrolment=enrolment, lesson=_lesson(courses[0])
            )
    # Recorded now rather than by the worker after the commit, so that the
    # demo shows a completed plan at once.
    curriculum_completions_sweep(today=today)
