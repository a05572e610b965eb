import datetime

import pytest

from catalogue.services import involvement_upsert
from people.permissions import COORDINATOR, LEARNER, MANAGER
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _clear_caches():
    """Every test starts with empty caches: page ids repeat between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: LocaleMiddleware activates a
    request's language for the thread and nothing resets it, so a test that
    asked for an English page would leave later tests speaking English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def make_member():
    """A user linked to a person in `organisation`, in the given groups."""

    def make(organisation, groups=(), email=None):
        user = UserFactory(groups=list(groups), **({"email": email} if email else {}))
        PersonFactory(organisation=organisation, user=user, email=user.email)
        return user

    return make


@pytest.fixture
def two_institutions(db, make_member):
    """Two institutions, each with a unit, a service, a manager and a coordinator.

    Institution A's service is also delivered by a partner enterprise.
    """
    ministry = OrganisationFactory(name_lv="Ministrija")
    inst_a = OrganisationFactory(parent=ministry, name_lv="Iestāde A")
    unit_a = OrganisationFactory(parent=inst_a, kind="unit", name_lv="Nodaļa A1")
    inst_b = OrganisationFactory(parent=ministry, name_lv="Iestāde B")
    partner = OrganisationFactory(kind="enterprise", name_lv="SIA Partneris")
    service_a = ServiceFactory(owner=inst_a)
    service_b = ServiceFactory(owner=inst_b)
    staff_a = PersonFactory(organisation=unit_a)
    partner_person = PersonFactory(organisation=partner)
    idle_partner_person = PersonFactory(organisation=partner)
    staff_b = PersonFactory(organisation=inst_b)
    start = datetime.date(2026, 1, 1)
    involvement_upsert(person=staff_a, service=service_a, start_date=start)
    involvement_upsert(person=partner_person, service=service_a, start_date=start)
    involvement_upsert(person=staff_b, service=service_b, start_date=start)
    return {
        "ministry": ministry,
        "inst_a": inst_a,
        "unit_a": unit_a,
        "inst_b": inst_b,
        "partner": partner,
        "service_a": service_a,
        "service_b": service_b,
        "staff_a": staff_a,
        "staff_b": staff_b,
        "partner_person": partner_person,
        "idle_partner_person": idle_partner_person,
        "manager_a": make_member(inst_a, [MANAGER]),
        # The coordinator sits in a unit and still answers for all of A.
        "coordinator_a": make_member(unit_a, [COORDINATOR]),
        "manager_b": make_member(inst_b, [MANAGER]),
        "learner": make_member(partner, [LEARNER]),
    }


@pytest.fixture
def site_pages(db):
    """The LV/EN page tree with one course and one material (not the demo set)."""
    from courses.services import (
        Taxonomy,
        Translated,
        course_page_ensure,
        material_page_ensure,
        site_setup,
    )

    pages = site_setup(
        home=Translated(
            "Sākums", "Home", body_lv="<p>Ievads</p>", body_en="<p>Intro</p>"
        ),
        courses=Translated("Kursi", "Courses"),
        materials=Translated("Materiāli", "Materials"),
    )
    course = course_page_ensure(
        index=pages.courses,
        code="ITIL-PAM",
        duration_hours=4,
        text=Translated(
            "ITIL pamati",
            "ITIL basics",
            summary_lv="Kopsavilkums",
            summary_en="Summary",
            body_lv="<p>Saturs</p>",
            body_en="<p>Content</p>",
        ),
        taxonomy=Taxonomy(
            competences=["K06"],
            tasks=["PU2-1"],
            conditions=["N1-1"],
            audience=["service_manager"],
        ),
    )
    material = material_page_ensure(
        index=pages.materials,
        slug="vadlinijas",
        kind="guideline",
        text=Translated(
            "Vadlīnijas",
            "Guideline",
            summary_lv="Par aprakstiem",
            summary_en="On descriptions",
        ),
        taxonomy=Taxonomy(tasks=["PU2-7"]),
    )
    return {"pages": pages, "course": course, "material": material}


@pytest.fixture
def public_pages(site_pages):
    """site_pages plus the demo privacy notice, accessibility statement and footer."""
    from courses import demo_public_pages
    from courses.models import AccessibilityStatementPage, ContentPage

    demo_public_pages.load(home=site_pages["pages"].home)
    return {
        **site_pages,
        "privacy": ContentPage.objects.get(
            slug="privatuma-politika", locale__language_code="lv"
        ),
        "statement": AccessibilityStatementPage.objects.get(locale__language_code="lv"),
    }
