"""The report rules of competence coverage: one definition, computed in SQL.

For a person P, a competence C and an as-of date D:
- an attainment is *valid on D* when attained_on <= D < expires_on (an empty
  expires_on never expires), it is not revoked, and it meets the required level
  (no minimum level: any attainment; a minimum: a level at or above it);
- **held**: a valid one exists and the one expiring last (never expiring counts
  as last) does not expire within the window (expires_on > D + window);
- **expiring**: a valid one exists, but that last-expiring one expires within
  the window;
- **delegated**: not held or expiring, C is delegable, and a delegation of C
  active on D (start <= D, end empty or >= D) covers the cell;
- **expired**: none of the above, and P had an attainment of C, attained on or
  before D, that lapsed on or before D;
- **missing**: none of the above.

A person's *institution* is their organisation, or for a unit the first
organisation above it that is not a unit. The provider is *internal* when that
institution owns the service, *external* otherwise (a subordinate institution
included).

Every report builds its cells (who × which competence, at which minimum level,
the highest one when several requirements ask) as SQL CTEs and shares the rest
of the query, so the admin, the exports and the command line read the same
numbers. One query per report, whatever the size of the data.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from catalogue.models import ResponsibleRole
from competences.models import Obligation
from people.models import OrganisationKind

WINDOW_DAYS = 30
STATUSES = ("held", "expiring", "delegated", "expired", "missing")

_TOKEN = re.compile(r"\$(\w+)")


class Fragment(str):
    """SQL text to splice into a query (never user input)."""


# Organisation -> its institution (walk up through units; a loop of units
# stored before the rule existed stops at the depth limit and counts as no
# institution, so its staff are never internal).
_INSTITUTIONS = """
walk(org_id, cur_id, depth) AS (
    SELECT o.id, o.id, 0 FROM people_organisation o
    UNION ALL
    SELECT w.org_id, p.parent_id, w.depth + 1
    FROM walk w JOIN people_organisation p ON p.id = w.cur_id
    WHERE p.kind = $unit AND p.parent_id IS NOT NULL AND w.depth < 64
),
inst(org_id, inst_id) AS (
    SELECT w.org_id, w.cur_id FROM walk w
    WHERE NOT EXISTS (
        SELECT 1 FROM people_organisation p
        WHERE p.id = w.cur_id AND p.kind = $unit AND p.parent_id IS NOT NULL
    )
)"""

_ACTIVE_INVOLVEMENT = "i.start_date <= $d AND (i.end_date IS NULL OR i.end_date >= $d)"

# The competences required everywhere: mandatory, and unscoped requirements.
_GENERAL_REQUIREMENTS = """
general(competence_id, lvl) AS (
    SELECT c.id, 0 FROM competences_competence c WHERE c.obligation = $mandatory
    UNION ALL
    SELECT q.competence_id, COALESCE(q.min_level, 0) FROM competences_requirement q
    WHERE q.service_id IS NULL AND q.resource_id IS NULL AND q.role = ''
)"""

_SERVICE_CELLS = f"""
deliverers(service_id, person_id) AS (
    SELECT i.service_id, i.person_id FROM catalogue_involvement i
    WHERE i.service_id IS NOT NULL AND {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT r.service_id, r.person_id FROM catalogue_roleassignment r
    WHERE r.role = $service_manager AND r.service_id IS NOT NULL
),
service_needs(service_id, competence_id, lvl) AS (
    SELECT s.id, g.competence_id, MAX(g.lvl)
    FROM catalogue_service s CROSS JOIN (
        SELECT competence_id, lvl FROM general
    ) g
    GROUP BY s.id, g.competence_id
),
service_req(service_id, competence_id, lvl) AS (
    SELECT service_id, competence_id, MAX(lvl) FROM (
        SELECT service_id, competence_id, lvl FROM service_needs
        UNION ALL
        SELECT q.service_id, q.competence_id, COALESCE(q.min_level, 0)
        FROM competences_requirement q WHERE q.service_id IS NOT NULL
    ) x GROUP BY service_id, competence_id
),
cells(service_id, owner_id, person_id, competence_id, lvl) AS (
    SELECT d.service_id, s.owner_id, d.person_id, r.competence_id, r.lvl
    FROM deliverers d
    JOIN catalogue_service s ON s.id = d.service_id
    JOIN service_req r ON r.service_id = d.service_id
    WHERE $cell_filter
)"""

_SERVICE_COVER = "(dl.service_id = x.service_id OR dl.institution_id = x.owner_id)"

_PEOPLE_CELLS = f"""
person_services(person_id, service_id, owner_id) AS (
    SELECT i.person_id, i.service_id, s.owner_id FROM catalogue_involvement i
    JOIN catalogue_service s ON s.id = i.service_id
    WHERE {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT r.person_id, r.service_id, s.owner_id FROM catalogue_roleassignment r
    JOIN catalogue_service s ON s.id = r.service_id
    WHERE r.role = $service_manager
),
person_resources(person_id, resource_id) AS (
    SELECT i.person_id, i.resource_id FROM catalogue_involvement i
    WHERE i.resource_id IS NOT NULL AND {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT r.person_id, r.resource_id FROM catalogue_roleassignment r
    WHERE r.role = $resource_manager AND r.resource_id IS NOT NULL
),
involved(person_id) AS (
    SELECT person_id FROM person_services
    UNION SELECT person_id FROM person_resources
    UNION SELECT person_id FROM catalogue_roleassignment
),
person_req(person_id, competence_id, lvl) AS (
    SELECT v.person_id, g.competence_id, g.lvl FROM involved v CROSS JOIN general g
    UNION ALL
    SELECT ps.person_id, q.competence_id, COALESCE(q.min_level, 0)
    FROM person_services ps JOIN competences_requirement q
        ON q.service_id = ps.service_id
    UNION ALL
    SELECT pr.person_id, q.competence_id, COALESCE(q.min_level, 0)
    FROM person_resources pr JOIN competences_requirement q
        ON q.resource_id = pr.resource_id
    UNION ALL
    SELECT r.person_id, q.competence_id, COALESCE(q.min_level, 0)
    FROM catalogue_roleassignment r JOIN competences_requirement q ON q.role = r.role
),
cells(person_id, competence_id, lvl) AS (
    SELECT pq.person_id, pq.competence_id, MAX(pq.lvl) FROM person_req pq
    JOIN people_person p ON p.id = pq.person_id
    WHERE $cell_filter
    GROUP BY pq.person_id, pq.competence_id
)"""

_PEOPLE_COVER = """(dl.institution_id = x.person_inst_id OR EXISTS (
    SELECT 1 FROM person_services ps WHERE ps.person_id = x.person_id
    AND (dl.service_id = ps.service_id OR dl.institution_id = ps.owner_id)
))"""

# Attainment figures of each distinct (person, competence, level) asked for.
_ATTAINMENTS = """
needs(person_id, competence_id, lvl) AS (
    SELECT DISTINCT person_id, competence_id, lvl FROM cells
),
att(person_id, competence_id, lvl, valid_n, forever, valid_exp, lapsed_exp) AS (
    SELECT n.person_id, n.competence_id, n.lvl,
        SUM(CASE WHEN a.id IS NOT NULL AND $valid THEN 1 ELSE 0 END),
        MAX(CASE WHEN a.id IS NOT NULL AND $valid AND a.expires_on IS NULL
            THEN 1 ELSE 0 END),
        MAX(CASE WHEN $valid THEN a.expires_on END),
        MAX(CASE WHEN a.expires_on <= $d THEN a.expires_on END)
    FROM needs n LEFT JOIN competences_attainment a
        ON a.person_id = n.person_id AND a.competence_id = n.competence_id
        AND a.revoked_at IS NULL AND a.attained_on <= $d
    GROUP BY n.person_id, n.competence_id, n.lvl
),
decided(person_id, competence_id, lvl, valid_n, forever, valid_exp, lapsed_exp,
        valid_att, lapsed_att) AS (
    SELECT t.person_id, t.competence_id, t.lvl, t.valid_n, t.forever,
        t.valid_exp, t.lapsed_exp,
        (SELECT MAX(a.attained_on) FROM competences_attainment a
         WHERE a.person_id = t.person_id AND a.competence_id = t.competence_id
         AND a.revoked_at IS NULL AND a.attained_on <= $d AND $valid_t
         AND ((t.forever = 1 AND a.expires_on IS NULL)
              OR (t.forever = 0 AND a.expires_on = t.valid_exp))),
        (SELECT MAX(a.attained_on) FROM competences_attainment a
         WHERE a.person_id = t.person_id AND a.competence_id = t.competence_id
         AND a.revoked_at IS NULL AND a.attained_on <= $d
         AND a.expires_on = t.lapsed_exp)
    FROM att t
)"""

_VALID = (
    "((a.expires_on IS NULL OR a.expires_on > $d) AND (n.lvl = 0 OR a.level >= n.lvl))"
)
_VALID_T = _VALID.replace("n.lvl", "t.lvl")

_DELEGATED_TO = """(SELECT o.code FROM competences_delegation dl
    JOIN people_organisation o ON o.id = dl.centre_id
    WHERE dl.competence_id = x.competence_id AND x.obligation = $delegable
    AND dl.start_date <= $d AND (dl.end_date IS NULL OR dl.end_date >= $d)
    AND $cover
    ORDER BY dl.start_date DESC, o.code ASC LIMIT 1)"""

_STATUS = """CASE
    WHEN y.valid_n > 0 AND (y.forever = 1 OR y.valid_exp > $window_end) THEN 'held'
    WHEN y.valid_n > 0 THEN 'expiring'
    WHEN y.delegated_to IS NOT NULL THEN 'delegated'
    WHEN y.lapsed_exp IS NOT NULL THEN 'expired'
    ELSE 'missing' END"""


@dataclass(frozen=True)
class CoverageFilters:
    """What a report may be narrowed to; querysets are embedded as subqueries."""

    services: QuerySet | None = None
    people: QuerySet | None = None
    competences: QuerySet | None = None
    mandatory_only: bool = False
    provider: str = ""


@dataclass
class ServiceCell:
    service_id: int
    service_code: str
    service_name: str
    person_id: int
    person_email: str
    person_name: str
    provider: str
    competence_code: str
    competence_name: str
    status: str
    attained_on: datetime.date | None
    expires_on: datetime.date | None
    delegated_to: str


@dataclass
class PersonCell:
    person_id: int
    person_email: str
    person_name: str
    organisation_code: str
    competence_code: str
    competence_name: str
    status: str
    attained_on: datetime.date | None
    expires_on: datetime.date | None
    delegated_to: str


def _compile(template: str, values: dict) -> tuple[str, list]:
    """Replace each $name: a `Fragment` by its SQL (which may hold tokens of its
    own), a (sql, params) pair by that SQL and its parameters, anything else by
    a placeholder with the value collected in order."""
    while True:
        expanded = _TOKEN.sub(
            lambda m: (
                values[m.group(1)]
                if isinstance(values[m.group(1)], Fragment)
                else m.group(0)
            ),
            template,
        )
        if expanded == template:
            break
        template = expanded
    params: list = []

    def replace(match):
        value = values[match.group(1)]
        if isinstance(value, tuple):
            sql, fragment_params = value
            params.extend(fragment_params)
            return sql
        params.append(value)
        return "%s"

    return _TOKEN.sub(replace, template), params


def _subquery(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.values("pk").query.sql_with_params()
    return f"({sql})", tuple(params)


def _filter_sql(conditions: list[tuple[str, tuple]]) -> tuple[str, tuple]:
    if not conditions:
        return "1 = 1", ()
    sql = " AND ".join(f"({c})" for c, _p in conditions)
    params: tuple = ()
    for _c, p in conditions:
        params += tuple(p)
    return sql, params


def _date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _common_values(as_of: datetime.date, window_days: int) -> dict:
    adapt = connection.ops.adapt_datefield_value
    return {
        "d": adapt(as_of),
        "window_end": adapt(as_of + datetime.timedelta(days=window_days)),
        "unit": OrganisationKind.UNIT.value,
        "mandatory": Obligation.MANDATORY.value,
        "delegable": Obligation.DELEGABLE.value,
        "service_manager": ResponsibleRole.SERVICE_MANAGER.value,
        "resource_manager": ResponsibleRole.RESOURCE_MANAGER.value,
        # Fragments (str): expanded before the parameters are collected.
        "valid": Fragment(_VALID),
        "valid_t": Fragment(_VALID_T),
    }


def _competence_conditions(filters: CoverageFilters, column: str) -> list:
    conditions = []
    if filters.competences is not None:
        sql, params = _subquery(filters.competences)
        conditions.append((f"{column} IN {sql}", params))
    if filters.mandatory_only:
        conditions.append(
            (
                f"{column} IN (SELECT id FROM competences_competence "
                "WHERE obligation = %s)",
                (Obligation.MANDATORY.value,),
            )
        )
    return conditions


def _run(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def coverage_by_service(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
) -> list[ServiceCell]:
    """(a) For each service, everyone delivering it on `as_of` × each competence
    the service requires (mandatory, unscoped and the service's own
    requirements), with its status. One row per (service, person, competence)."""
    filters = filters or CoverageFilters()
    conditions = _competence_conditions(filters, "r.competence_id")
    if filters.services is not None:
        sql, params = _subquery(filters.services)
        conditions.append((f"d.service_id IN {sql}", params))
    if filters.people is not None:
        sql, params = _subquery(filters.people)
        conditions.append((f"d.person_id IN {sql}", params))
    template = f"""WITH RECURSIVE {_INSTITUTIONS}, {_GENERAL_REQUIREMENTS},
    {_SERVICE_CELLS}, {_ATTAINMENTS}
    SELECT y.*, {_STATUS} AS status FROM (
        SELECT x.*, {_DELEGATED_TO} AS delegated_to FROM (
            SELECT c.service_id, c.owner_id, c.person_id, c.competence_id,
                s.code AS service_code, s.name_lv AS service_name_lv,
                s.name_en AS service_name_en,
                p.email AS person_email, p.first_name, p.last_name,
                CASE WHEN pi.inst_id = c.owner_id THEN 'internal'
                    ELSE 'external' END AS provider,
                k.code AS competence_code, k.name_lv AS competence_name_lv,
                k.name_en AS competence_name_en, k.obligation, k.sort_order,
                t.valid_n, t.forever, t.valid_exp, t.lapsed_exp,
                t.valid_att, t.lapsed_att
            FROM cells c
            JOIN catalogue_service s ON s.id = c.service_id
            JOIN people_person p ON p.id = c.person_id
            LEFT JOIN inst pi ON pi.org_id = p.organisation_id
            JOIN competences_competence k ON k.id = c.competence_id
            JOIN decided t ON t.person_id = c.person_id
                AND t.competence_id = c.competence_id AND t.lvl = c.lvl
        ) x
    ) y
    WHERE $provider_filter
    ORDER BY y.service_code, y.person_email, y.sort_order, y.competence_code"""
    values = _common_values(as_of, window_days)
    values["cell_filter"] = _filter_sql(conditions)
    values["cover"] = Fragment(_SERVICE_COVER)
    values["provider_filter"] = (
        ("y.provider = %s", (filters.provider,)) if filters.provider else ("1 = 1", ())
    )
    sql, params = _compile(template, values)
    return [
        ServiceCell(
            service_id=row["service_id"],
            service_code=row["service_code"],
            service_name=_bilingual(row, "service_name"),
            person_id=row["person_id"],
            person_email=row["person_email"],
            person_name=f"{row['first_name']} {row['last_name']}".strip(),
            provider=row["provider"],
            competence_code=row["competence_code"],
            competence_name=_bilingual(row, "competence_name"),
            **_decision(row),
        )
        for row in _run(sql, params)
    ]


def coverage_by_person(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
) -> list[PersonCell]:
    """(b) Every person involved in service management on `as_of` × every
    competence they require (mandatory, unscoped, and those of their services,
    resources and roles). Delegated: a delegation covers one of their services,
    that service's owner, or their own institution."""
    filters = filters or CoverageFilters()
    conditions = _competence_conditions(filters, "pq.competence_id")
    if filters.people is not None:
        sql, params = _subquery(filters.people)
        conditions.append((f"pq.person_id IN {sql}", params))
    if filters.services is not None:
        sql, params = _subquery(filters.services)
        conditions.append(
            (
                "pq.person_id IN (SELECT person_id FROM person_services "
                f"WHERE service_id IN {sql})",
                params,
            )
        )
    template = f"""WITH RECURSIVE {_INSTITUTIONS}, {_GENERAL_REQUIREMENTS},
    {_PEOPLE_CELLS}, {_ATTAINMENTS}
    SELECT y.*, {_STATUS} AS status FROM (
        SELECT x.*, {_DELEGATED_TO} AS delegated_to FROM (
            SELECT c.person_id, c.competence_id,
                p.email AS person_email, p.first_name, p.last_name,
                o.code AS organisation_code, pi.inst_id AS person_inst_id,
                k.code AS competence_code, k.name_lv AS competence_name_lv,
                k.name_en AS competence_name_en, k.obligation, k.sort_order,
                t.valid_n, t.forever, t.valid_exp, t.lapsed_exp,
                t.valid_att, t.lapsed_att
            FROM cells c
            JOIN people_person p ON p.id = c.person_id
            JOIN people_organisation o ON o.id = p.organisation_id
            LEFT JOIN inst pi ON pi.org_id = p.organisation_id
            JOIN competences_competence k ON k.id = c.competence_id
            JOIN decided t ON t.person_id = c.person_id
                AND t.competence_id = c.competence_id AND t.lvl = c.lvl
        ) x
    ) y
    ORDER BY y.person_email, y.sort_order, y.competence_code"""
    values = _common_values(as_of, window_days)
    values["cell_filter"] = _filter_sql(conditions)
    values["cover"] = Fragment(_PEOPLE_COVER)
    sql, params = _compile(template, values)
    return [
        PersonCell(
            person_id=row["person_id"],
            person_email=row["person_email"],
            person_name=f"{row['first_name']} {row['last_name']}".strip(),
            organisation_code=row["organisation_code"],
            competence_code=row["competence_code"],
            competence_name=_bilingual(row, "competence_name"),
            **_decision(row),
        )
        for row in _run(sql, params)
    ]


def _bilingual(row: dict, prefix: str) -> str:
    from django.utils.translation import get_language

    english = row[f"{prefix}_en"]
    if (get_language() or "lv").startswith("en") and english:
        return english
    return row[f"{prefix}_lv"]


def _decision(row: dict) -> dict:
    """Status and the dates of the attainment that decides it."""
    status = row["status"]
    attained_on = expires_on = None
    if status in ("held", "expiring"):
        attained_on = _date(row["valid_att"])
        expires_on = None if row["forever"] == 1 else _date(row["valid_exp"])
    elif status == "expired":
        attained_on = _date(row["lapsed_att"])
        expires_on = _date(row["lapsed_exp"])
    return {
        "status": status,
        "attained_on": attained_on,
        "expires_on": expires_on,
        "delegated_to": row["delegated_to"] or "" if status == "delegated" else "",
    }
