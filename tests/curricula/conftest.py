"""Two institutions (tests/conftest.py), two published courses and a
curriculum of institution A with both."""

import datetime

import pytest

from courses.services import Taxonomy, Translated, course_page_ensure
from curricula.models import Assignment, Curriculum, CurriculumCourse
from curricula.services import assignment_save

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def courses(site_pages):
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
        taxonomy=Taxonomy(),
    )
    return [site_pages["course"], second]


@pytest.fixture
def curriculum(courses, two_institutions):
    plan = Curriculum.objects.create(
        code="PLĀNS-Ā",
        name_lv="Pakalpojumu plāns",
        name_en="Service plan",
        owner=two_institutions["inst_a"],
    )
    for order, course in enumerate(courses):
        CurriculumCourse.objects.create(
            curriculum=plan, course=course, sort_order=order
        )
    return plan


@pytest.fixture
def assign(two_institutions):
    """Save an assignment as institution A's coordinator (or `actor`, None
    being the system)."""

    def make(actor="coordinator", people_ids=None, today=TODAY, **fields):
        fields.setdefault("due_in_days", 30)
        assignment = Assignment(**fields)
        return assignment_save(
            assignment=assignment,
            actor=two_institutions["coordinator_a"]
            if actor == "coordinator"
            else actor,
            people_ids=people_ids,
            today=today,
        )

    return make
