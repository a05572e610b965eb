import pytest
from django.utils import translation


@pytest.fixture
def english():
    # Messages are asserted in English; the default language is Latvian.
    with translation.override("en"):
        yield


# The as-of date of the hand-built coverage fixture (window: 30 days).
AS_OF = __import__("datetime").date(2026, 7, 1)


@pytest.fixture
def coverage_world(db):
    """A small, hand-built world for the report rules (see test_coverage.py).

    Institution A (code A0001) owns service PAK-1; its unit has a sub-unit.
    SUB (A0002) is an institution subordinate to A and owns PAK-2. SIA Ābele
    (P0001) is a partner. Two competence centres: C0001 covers K07 for the
    whole of A from 1 Jan, C0002 for PAK-1 from 1 Feb (it started last).
    Only K01 stays mandatory; K07 is required of PAK-1 at level 2 ("Apgūta"),
    K09 of every service manager.
    """
    import datetime

    from catalogue.models import Involvement, Relation, RoleAssignment
    from competences.models import (
        Attainment,
        Competence,
        Delegation,
        Obligation,
        Requirement,
    )
    from tests.factories import OrganisationFactory, PersonFactory, ServiceFactory

    d = datetime.date
    Competence.objects.filter(code__in=["K02", "K03", "K04", "K05", "K06"]).update(
        obligation=Obligation.DELEGABLE
    )
    k01 = Competence.objects.get(code="K01")
    k07 = Competence.objects.get(code="K07")
    k09 = Competence.objects.get(code="K09")
    inst = OrganisationFactory(code="A0001", name_lv="Iestāde Ā")
    unit = OrganisationFactory(code="A0001-1", kind="unit", parent=inst)
    subunit = OrganisationFactory(code="A0001-11", kind="unit", parent=unit)
    sub = OrganisationFactory(code="A0002", parent=inst, name_lv="Padotā iestāde")
    partner = OrganisationFactory(code="P0001", kind="enterprise", name_lv="SIA Ābele")
    centre1 = OrganisationFactory(code="C0001", kind="competence_centre")
    centre2 = OrganisationFactory(code="C0002", kind="competence_centre")
    pak1 = ServiceFactory(code="PAK-1", owner=inst, name_lv="Pakalpojums Ē")
    pak2 = ServiceFactory(code="PAK-2", owner=sub)

    def person(email, org, first):
        return PersonFactory(email=email, organisation=org, first_name=first)

    anna = person("anna@example.lv", subunit, "Anna")
    bruno = person("bruno@example.lv", sub, "Bruno")
    cilda = person("cilda@example.lv", partner, "Cilda")
    dace = person("dace@example.lv", partner, "Dace")
    eriks = person("eriks@example.lv", inst, "Ēriks")
    zane = person("zane@example.lv", unit, "Zane")

    def involve(who, service, start=None, end=None):
        # The stored relation is not what the reports read: they derive it.
        Involvement.objects.create(
            person=who,
            service=service,
            relation=Relation.EXTERNAL,
            start_date=start or d(2023, 1, 1),
            end_date=end,
        )

    for who in (anna, bruno, cilda, dace):
        involve(who, pak1)
    involve(bruno, pak2)
    involve(zane, pak1, end=d(2026, 6, 30))  # ended the day before D
    RoleAssignment.objects.create(person=eriks, role="service_manager", service=pak1)

    Requirement.objects.create(competence=k07, service=pak1, min_level=2)
    Requirement.objects.create(competence=k09, role="service_manager")
    Delegation.objects.create(
        competence=k07, centre=centre1, institution=inst, start_date=d(2026, 1, 1)
    )
    Delegation.objects.create(
        competence=k07, centre=centre2, service=pak1, start_date=d(2026, 2, 1)
    )

    def attain(who, competence, on, until, level=None, **extra):
        return Attainment.objects.create(
            person=who,
            competence=competence,
            attained_on=on,
            expires_on=until,
            level=level,
            **extra,
        )

    attain(anna, k01, d(2026, 1, 10), d(2028, 1, 10))
    attain(anna, k07, d(2026, 3, 1), None, level=1)  # below the level asked
    attain(anna, k09, d(2026, 7, 5), None)  # after D: not there yet
    attain(bruno, k01, d(2024, 5, 1), d(2026, 7, 10))  # within the window
    attain(bruno, k07, d(2026, 3, 1), None, level=2)  # never expires
    attain(cilda, k01, d(2023, 1, 1), d(2025, 1, 1))  # expired, then renewed
    attain(cilda, k01, d(2025, 3, 1), d(2027, 3, 1))
    attain(dace, k01, d(2023, 1, 1), d(2025, 1, 1))
    attain(
        eriks,
        k01,
        d(2026, 1, 1),
        d(2028, 1, 1),
        revoked_at=__import__("django.utils.timezone").utils.timezone.now(),
        revocation_reason="Ierakstīts kļūdaini",
    )
    return {
        "people": {p.first_name: p for p in (anna, bruno, cilda, dace, eriks, zane)},
        "services": {"PAK-1": pak1, "PAK-2": pak2},
        "orgs": {"inst": inst, "sub": sub, "partner": partner, "unit": unit},
        "centres": (centre1, centre2),
    }
