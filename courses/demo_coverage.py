"""Demo competence coverage: requirements, a delegation and attainments.

Written through the competences services (the importers of these tables are
another change), with the demo administrator as the actor: requirements of a
role may only be set by an administrator. Running it again changes nothing:
a requirement or delegation is looked up by its scope first, an attainment by
person, competence and note.

The attainments' dates are relative to the day of the first load
(`attained_days_ago`, `valid_days`), so that the demo shows every status
(held, expiring, delegated, expired, missing) whenever it is loaded; a later
run finds the rows by their note and leaves them as they were.
"""

import datetime

from django.utils import timezone

from catalogue.models import Resource, Service
from competences import services as competence_services
from competences.models import Attainment, Competence, Delegation, Requirement
from courses import demo
from people.models import Organisation, Person


def load(*, actor) -> None:
    competences = {c.code: c for c in Competence.objects.select_related("framework")}
    services = Service.objects.in_bulk(field_name="code")
    _requirements(actor, competences, services)
    _delegations(actor, competences, services)
    _attainments(competences)


def _level(competence: Competence, label: str) -> int | None:
    if not label:
        return None
    return competence.framework.scale_values.index(label) + 1


def _requirements(actor, competences, services) -> None:
    resources = Resource.objects.in_bulk(field_name="code")
    for row in demo.table_rows("requirements"):
        scope = {
            "service": services.get(row["service_code"]),
            "resource": resources.get(row["resource_code"]),
            "role": row["role"],
        }
        competence = competences[row["competence_code"]]
        if Requirement.objects.filter(competence=competence, **scope).exists():
            continue
        competence_services.requirement_save(
            actor=actor,
            requirement=Requirement(
                competence=competence,
                min_level=_level(competence, row["min_level"]),
                **scope,
            ),
            channel="command",
        )


def _delegations(actor, competences, services) -> None:
    organisations = Organisation.objects.in_bulk(field_name="code")
    for row in demo.table_rows("delegations"):
        values = {
            "competence": competences[row["competence_code"]],
            "centre": organisations[row["centre_code"]],
            "service": services.get(row["service_code"]),
            "institution": organisations.get(row["institution_code"]),
            "start_date": datetime.date.fromisoformat(row["start_date"]),
        }
        if Delegation.objects.filter(**values).exists():
            continue
        end = row["end_date"]
        competence_services.delegation_save(
            actor=actor,
            delegation=Delegation(
                end_date=datetime.date.fromisoformat(end) if end else None, **values
            ),
            channel="command",
        )


def _attainments(competences) -> None:
    rows = demo.table_rows("coverage_attainments")
    people = {
        person.email: person
        for person in Person.objects.filter(
            email__in={row["person_email"] for row in rows}
        )
    }
    existing = set(
        Attainment.objects.filter(person__in=people.values()).values_list(
            "person__email", "competence__code", "note"
        )
    )
    today = timezone.localdate()
    for row in rows:
        key = (row["person_email"], row["competence_code"], row["note"])
        if key in existing:
            continue
        existing.add(key)
        competence = competences[row["competence_code"]]
        attained_on = today - datetime.timedelta(days=int(row["attained_days_ago"]))
        valid = row["valid_days"]
        competence_services.attainment_grant(
            # No actor: the system records the demo, as a completion task would.
            actor=None,
            person=people[row["person_email"]],
            competence=competence,
            attained_on=attained_on,
            level=_level(competence, row["level"]),
            expires_on=attained_on + datetime.timedelta(days=int(valid))
            if valid
            else None,
            note=row["note"],
            channel="command",
        )
