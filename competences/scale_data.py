"""Deterministic scale data for the coverage benchmarks (`generate_scale_data`).

About 300 organisations of every kind (ministries, institutions,
municipalities, units and sub-units, competence centres, enterprises, NGOs,
natural persons), N people (two thirds staff, one third partners), 500
services and 200 resources owned by the institutions and municipalities,
involvements (about a third external, some ended), holders of all four roles,
about ten attainments per person over five years before `ANCHOR`, and some
requirements and delegations. Written with bulk_create only, so the same seed
gives the same rows on SQLite and PostgreSQL. Codes and e-mails carry `prefix`,
so that a second batch (the benchmark's 2N) can stand beside the first.
"""

import datetime
import random
from dataclasses import dataclass

from catalogue.models import (
    Involvement,
    Relation,
    Resource,
    ResponsibleRole,
    RoleAssignment,
    Service,
)
from competences.models import (
    Attainment,
    AttainmentSource,
    Competence,
    Delegation,
    Obligation,
    Requirement,
)
from people.models import Organisation, OrganisationKind, Person

# The date the data is built around; the benchmark reports as of this day.
ANCHOR = datetime.date(2026, 1, 1)
BATCH = 2000
SERVICES = 500
RESOURCES = 200


@dataclass
class ScaleCounts:
    organisations: int = 0
    people: int = 0
    services: int = 0
    resources: int = 0
    involvements: int = 0
    roles: int = 0
    attainments: int = 0
    requirements: int = 0
    delegations: int = 0


def _orgs(rows: list[Organisation]) -> list[Organisation]:
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def generate_scale_data(
    *, people: int, seed: int = 1, prefix: str = "S"
) -> ScaleCounts:
    """Write one batch of scale data (see the module docstring); the caller
    wraps it in a transaction."""
    rng = random.Random(f"{seed}-{prefix}")
    counts = ScaleCounts()
    kind = OrganisationKind

    def org(n, kind_, parent=None, name="Iestāde"):
        return Organisation(
            code=f"{prefix}{n:05d}",
            name_lv=f"{name} {prefix}-{n} Ā",
            name_en=f"{name} {prefix}-{n}",
            kind=kind_,
            parent=parent,
        )

    n = iter(range(1, 100_000))
    ministries = _orgs(
        [org(next(n), kind.STATE_INSTITUTION, None, "Ministrija") for _ in range(5)]
    )
    institutions = _orgs(
        [org(next(n), kind.STATE_INSTITUTION, ministries[i % 5]) for i in range(60)]
    )
    municipalities = _orgs(
        [org(next(n), kind.MUNICIPALITY, None, "Pašvaldība") for _ in range(20)]
    )
    units = _orgs(
        [
            org(next(n), kind.UNIT, parent, "Nodaļa")
            for parent in institutions
            for _ in range(2)
        ]
    )
    subunits = _orgs(
        [org(next(n), kind.UNIT, units[i * 6], "Apakšnodaļa") for i in range(20)]
    )
    centres = _orgs(
        [
            org(next(n), kind.COMPETENCE_CENTRE, None, "Kompetenču centrs")
            for _ in range(15)
        ]
    )
    partners = centres + _orgs(
        [org(next(n), kind.ENTERPRISE, None, "SIA") for _ in range(30)]
        + [org(next(n), kind.NGO, None, "Biedrība") for _ in range(20)]
        + [org(next(n), kind.NATURAL_PERSON, None, "Persona") for _ in range(10)]
    )
    owners = institutions + municipalities
    staff_orgs = owners + units + subunits
    counts.organisations = 5 + len(owners) + len(units) + len(subunits) + len(partners)
    # The institution of each staff organisation (a unit's, at any depth).
    parent_of = {o.pk: o.parent_id for o in staff_orgs}
    kind_of = {o.pk: o.kind for o in staff_orgs}

    def institution(org_id):
        while kind_of.get(org_id) == kind.UNIT:
            org_id = parent_of[org_id]
        return org_id

    persons = []
    for i in range(people):
        external = i % 3 == 2
        home = rng.choice(partners if external else staff_orgs)
        persons.append(
            Person(
                first_name=rng.choice(["Jānis", "Līga", "Ērika", "Oskars", "Anna"]),
                last_name=f"Bērziņš{i}",
                email=f"{prefix.lower()}{i}@scale.example.lv",
                organisation=home,
            )
        )
    persons = Person.objects.bulk_create(persons, batch_size=BATCH)
    counts.people = len(persons)
    by_institution: dict[int, list[Person]] = {}
    for person in persons:
        if person.organisation.kind not in (
            kind.ENTERPRISE,
            kind.NGO,
            kind.NATURAL_PERSON,
            kind.COMPETENCE_CENTRE,
        ):
            by_institution.setdefault(institution(person.organisation_id), []).append(
                person
            )

    services = Service.objects.bulk_create(
        [
            Service(
                code=f"{prefix}-PAK-{i:04d}",
                name_lv=f"Pakalpojums {i} ē",
                name_en=f"Service {i}",
                owner=owners[i % len(owners)],
            )
            for i in range(SERVICES)
        ],
        batch_size=BATCH,
    )
    resources = Resource.objects.bulk_create(
        [
            Resource(
                code=f"{prefix}-RES-{i:04d}",
                name_lv=f"Resurss {i}",
                name_en=f"Resource {i}",
                owner=owners[i % len(owners)],
            )
            for i in range(RESOURCES)
        ],
        batch_size=BATCH,
    )
    counts.services, counts.resources = len(services), len(resources)
    services_of: dict[int, list[Service]] = {}
    for service in services:
        services_of.setdefault(service.owner_id, []).append(service)
    resources_of: dict[int, list[Resource]] = {}
    for resource in resources:
        resources_of.setdefault(resource.owner_id, []).append(resource)

    involvements = []
    for person in persons:
        staff_of = None
        by_institution_key = None
        if person.organisation.kind not in (
            kind.ENTERPRISE,
            kind.NGO,
            kind.NATURAL_PERSON,
            kind.COMPETENCE_CENTRE,
        ):
            by_institution_key = institution(person.organisation_id)
            staff_of = services_of.get(by_institution_key)
        picks = 2 if rng.random() < 0.2 else 1
        chosen = set()
        for _pick in range(picks):
            service = rng.choice(staff_of) if staff_of else rng.choice(services)
            if service.pk in chosen:
                continue
            chosen.add(service.pk)
            start = ANCHOR - _days(rng, 30, 5 * 365)
            end = start + _days(rng, 30, 700) if rng.random() < 0.1 else None
            if end is not None and end <= start:
                end = None
            internal = by_institution_key == service.owner_id
            involvements.append(
                Involvement(
                    person=person,
                    service=service,
                    relation=Relation.INTERNAL if internal else Relation.EXTERNAL,
                    start_date=start,
                    end_date=end,
                )
            )
        if rng.random() < 0.15:
            pool = resources_of.get(by_institution_key) or resources
            resource = rng.choice(pool)
            involvements.append(
                Involvement(
                    person=person,
                    resource=resource,
                    relation=Relation.INTERNAL
                    if by_institution_key == resource.owner_id
                    else Relation.EXTERNAL,
                    start_date=ANCHOR - _days(rng, 30, 4 * 365),
                )
            )
    Involvement.objects.bulk_create(involvements, batch_size=BATCH)
    counts.involvements = len(involvements)

    roles = []
    for owner in owners:
        staff = by_institution.get(owner.pk) or persons
        roles.append(
            RoleAssignment(
                person=rng.choice(staff),
                role=ResponsibleRole.SERVICE_PORTFOLIO_MANAGER,
                organisation=owner,
            )
        )
        roles.append(
            RoleAssignment(
                person=rng.choice(staff),
                role=ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER,
                organisation=owner,
            )
        )
    for service in services:
        staff = by_institution.get(service.owner_id) or persons
        roles.append(
            RoleAssignment(
                person=rng.choice(staff),
                role=ResponsibleRole.SERVICE_MANAGER,
                service=service,
            )
        )
    for resource in resources:
        staff = by_institution.get(resource.owner_id) or persons
        roles.append(
            RoleAssignment(
                person=rng.choice(staff),
                role=ResponsibleRole.RESOURCE_MANAGER,
                resource=resource,
            )
        )
    RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
    counts.roles = len(roles)

    competences = list(
        Competence.objects.filter(code__regex=r"^K[0-9]{2}$").order_by("code")
    )
    mandatory = [c for c in competences if c.obligation == Obligation.MANDATORY]
    delegable = [c for c in competences if c.obligation == Obligation.DELEGABLE]
    attainments = []
    for person in persons:
        for _k in range(10):
            competence = (
                rng.choice(mandatory) if rng.random() < 0.6 else rng.choice(competences)
            )
            attained = ANCHOR - _days(rng, 1, 5 * 365)
            roll = rng.random()
            expires = None if roll < 0.15 else attained + _days(rng, 365, 3 * 365)
            revoked = rng.random() < 0.01
            attainments.append(
                Attainment(
                    person=person,
                    competence=competence,
                    level=rng.choice([None, 1, 2, 2]),
                    attained_on=attained,
                    expires_on=expires,
                    source=AttainmentSource.COURSE
                    if roll > 0.5
                    else AttainmentSource.IMPORT,
                    revoked_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
                    if revoked
                    else None,
                    revocation_reason="Kļūda" if revoked else "",
                )
            )
        if len(attainments) >= 10 * BATCH:
            Attainment.objects.bulk_create(attainments, batch_size=BATCH)
            counts.attainments += len(attainments)
            attainments = []
    Attainment.objects.bulk_create(attainments, batch_size=BATCH)
    counts.attainments += len(attainments)

    requirements = {}
    for i in range(60):
        service = services[(i * 7) % len(services)]
        competence = delegable[i % len(delegable)]
        requirements[service.pk, competence.pk] = Requirement(
            competence=competence, service=service, min_level=2 if i % 3 == 0 else None
        )
    resource_requirements = {
        (
            resources[(i * 5) % len(resources)].pk,
            delegable[(i + 3) % len(delegable)].pk,
        ): Requirement(
            competence=delegable[(i + 3) % len(delegable)],
            resource=resources[(i * 5) % len(resources)],
        )
        for i in range(20)
    }
    rows = list(requirements.values()) + list(resource_requirements.values())
    if not Requirement.objects.filter(role=ResponsibleRole.SERVICE_MANAGER).exists():
        rows.append(
            Requirement(competence=delegable[2], role=ResponsibleRole.SERVICE_MANAGER)
        )
    Requirement.objects.bulk_create(rows, batch_size=BATCH)
    counts.requirements = len(rows)

    delegations = []
    for i, ((service_id, competence_id), _r) in enumerate(
        list(requirements.items())[:30]
    ):
        delegations.append(
            Delegation(
                competence_id=competence_id,
                centre=centres[i % len(centres)],
                service_id=service_id,
                start_date=ANCHOR - _days(rng, 10, 900),
                end_date=None if i % 5 else ANCHOR + _days(rng, 1, 300),
            )
        )
    for i in range(10):
        delegations.append(
            Delegation(
                competence=delegable[i % len(delegable)],
                centre=centres[(i + 3) % len(centres)],
                institution=owners[i * 3],
                start_date=ANCHOR - _days(rng, 10, 900),
            )
        )
    Delegation.objects.bulk_create(delegations, batch_size=BATCH)
    counts.delegations = len(delegations)
    return counts
