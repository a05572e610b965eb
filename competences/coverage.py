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
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from catalogue.models import ResponsibleRole, Service
from competences.coverage_rows import (
    _DECISION_COLUMNS,
    _competence_names,
    _Dates,
    _english,
    _names,
    building_many_rows,
)
from competences.coverage_sql import (
    ATTAINMENTS,
    DELEGATIONS,
    GENERAL_REQUIREMENTS,
    INSTITUTIONS,
    PEOPLE_CELLS,
    PEOPLE_DELEGATIONS,
    SERVICE_CELLS,
    SERVICE_DELEGATIONS,
    STATUS,
    VALID,
    VALID_T,
    Fragment,
    compile_sql,
)
from competences.models import Obligation
from people.models import OrganisationKind

WINDOW_DAYS = 30
STATUSES = ("held", "expiring", "delegated", "expired", "missing")


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
    competence_id: int = 0


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
        "valid": Fragment(VALID),
        "valid_t": Fragment(VALID_T),
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


def _service_sql(
    as_of: datetime.date, window_days: int, filters: CoverageFilters, outer: str
) -> tuple[str, list]:
    """The service-coverage cells as the CTE `cov`, then `outer` (a SELECT
    reading `cov`). Narrow rows, names looked up by the caller: PostgreSQL
    guesses the join of the cells to their figures (three columns) at one
    row, and every table joined after it is read once per cell; a service
    table there cost 5.5 s at 20,000 people."""
    conditions = _competence_conditions(filters, "r.competence_id")
    if filters.services is not None:
        sql, params = _subquery(filters.services)
        conditions.append((f"d.service_id IN {sql}", params))
    if filters.people is not None:
        sql, params = _subquery(filters.people)
        conditions.append((f"d.person_id IN {sql}", params))
    template = f"""WITH RECURSIVE {INSTITUTIONS}, {GENERAL_REQUIREMENTS},
    {DELEGATIONS}, {SERVICE_CELLS}, {ATTAINMENTS},
    cov AS (
    SELECT y.*, {STATUS} AS status FROM (
        SELECT c.service_id, c.owner_id, c.person_id, c.competence_id,
            p.email AS person_email, p.first_name, p.last_name,
            CASE WHEN c.person_inst_id = c.owner_id THEN 'internal'
                ELSE 'external' END AS provider,
            t.valid_n, t.forever, t.valid_exp, t.lapsed_exp,
            t.valid_att, t.lapsed_att, c.delegated_to
        FROM cells c
        JOIN people_person p ON p.id = c.person_id
        JOIN decided t ON t.person_id = c.person_id
            AND t.competence_id = c.competence_id AND t.lvl = c.lvl
    ) y
    WHERE $provider_filter
    )
    {outer}"""
    values = _common_values(as_of, window_days)
    values["cell_filter"] = _filter_sql(conditions)
    values["covering"] = Fragment(SERVICE_DELEGATIONS)
    values["provider_filter"] = (
        ("y.provider = %s", (filters.provider,)) if filters.provider else ("1 = 1", ())
    )
    return compile_sql(template, values)


@building_many_rows()
def coverage_by_service(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
) -> list[ServiceCell]:
    """(a) For each service, everyone delivering it on `as_of` × each competence
    the service requires (mandatory, unscoped and the service's own
    requirements), with its status. One row per (service, person, competence).

    Three queries: the cells (narrow rows), and the names of the services and
    competences they point at; ordered here by service, e-mail and competence.
    """
    filters = filters or CoverageFilters()
    sql, params = _service_sql(
        as_of,
        window_days,
        filters,
        "SELECT service_id, person_id, competence_id, person_email, first_name, "
        f"last_name, provider, {_DECISION_COLUMNS} FROM cov",
    )
    english = _english()
    services = _names(
        (Service.objects.all() if filters.services is None else filters.services)
        .order_by()
        .values_list("pk", "code", "name_lv", "name_en"),
        english,
    )
    competences = _competence_names(english)
    dates = _Dates()
    keyed = []
    append = keyed.append
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Positional arguments, no slicing: this loop runs once per cell.
    for (
        service_id,
        person_id,
        competence_id,
        email,
        first,
        last,
        provider,
        status,
        attained_on,
        expires_on,
        delegated_to,
    ) in rows:
        service_code, service_name = services[service_id]
        competence_code, competence_name, order = competences[competence_id]
        append(
            (
                (service_code, email, order, competence_code),
                ServiceCell(
                    service_id,
                    service_code,
                    service_name,
                    person_id,
                    email,
                    f"{first} {last}".strip(),
                    provider,
                    competence_code,
                    competence_name,
                    status,
                    dates[attained_on],
                    dates[expires_on],
                    delegated_to,
                ),
            )
        )
    keyed.sort(key=lambda pair: pair[0])
    return [cell for _key, cell in keyed]


@dataclass
class SinglePoint:
    service_code: str
    service_name: str
    competence_code: str
    competence_name: str
    holder_count: int
    holders: list[str]


# Covered cells: held or expiring. Per (service, competence) with no covering
# delegation and fewer than two such holders: the holders' rows, or one row
# standing for "nobody". The window runs over narrow rows, and the names are
# looked up apart: joined here, PostgreSQL took the window's few rows for one
# and recomputed the window once per service (1.6 s instead of 0.15 s at
# 4,000 people); carrying the names through the window's sort made the query
# 40 % slower on SQLite.
_SINGLE_POINTS = """SELECT z.service_id, z.competence_id, z.person_email, z.status,
    z.holder_count
FROM (
    SELECT service_id, competence_id, person_email, status,
        SUM(CASE WHEN status IN ('held', 'expiring') THEN 1 ELSE 0 END)
            OVER (PARTITION BY service_id, competence_id) AS holder_count,
        MAX(CASE WHEN delegated_to IS NOT NULL THEN 1 ELSE 0 END)
            OVER (PARTITION BY service_id, competence_id) AS any_delegation,
        ROW_NUMBER() OVER (
            PARTITION BY service_id, competence_id ORDER BY person_email
        ) AS rn
    FROM cov
) z
WHERE z.any_delegation = 0 AND z.holder_count < 2
    AND (z.status IN ('held', 'expiring') OR (z.holder_count = 0 AND z.rn = 1))"""


@building_many_rows()
def single_points_of_failure(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
) -> list[SinglePoint]:
    """(f) For each service, the required competences that no delegation covers
    and that fewer than two of the people delivering it hold (held or
    expiring), naming who holds them. Three queries: the points, and the
    names of their services and competences; ordered here by service,
    competence and holder."""
    filters = filters or CoverageFilters()
    sql, params = _service_sql(as_of, window_days, filters, _SINGLE_POINTS)
    english = _english()
    services = _names(
        (Service.objects.all() if filters.services is None else filters.services)
        .order_by()
        .values_list("pk", "code", "name_lv", "name_en"),
        english,
    )
    competences = _competence_names(english)
    points: dict[tuple, tuple] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall(), key=lambda row: row[2])
    for service_id, competence_id, email, status, holder_count in rows:
        key = (service_id, competence_id)
        if key not in points:
            service_code, service_name = services[service_id]
            competence_code, competence_name, order = competences[competence_id]
            points[key] = (
                (service_code, order, competence_code),
                SinglePoint(
                    service_code=service_code,
                    service_name=service_name,
                    competence_code=competence_code,
                    competence_name=competence_name,
                    holder_count=int(holder_count),
                    holders=[],
                ),
            )
        if status in ("held", "expiring"):
            points[key][1].holders.append(email)
    return [point for _key, point in sorted(points.values(), key=lambda p: p[0])]


def _person_sql(
    as_of: datetime.date,
    window_days: int,
    filters: CoverageFilters,
    outer: str,
    extra_ctes: str = "",
    extra_values: dict | None = None,
    materialised: bool = False,
) -> tuple[str, list]:
    """The people-competences cells as the CTE `pcov`, then `outer` (a SELECT
    reading `pcov` and, if given, `extra_ctes`, which follow the cells).

    `materialised` for an outer query that filters or joins the cells:
    PostgreSQL guesses a filter on the status at a few rows and, with `pcov`
    inlined, reads the institutions once per cell after it (1.2 s of the
    gaps' 2.9 s at 20,000 people). Only there: SQLite plans the inlined cells
    well and would only pay for the copy."""
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
    # `decided` has one row per cell here (cells are grouped by person and
    # competence): read it alone rather than joined back to `cells` on three
    # columns, a join whose size PostgreSQL guesses at one row.
    template = f"""WITH RECURSIVE {INSTITUTIONS}, {GENERAL_REQUIREMENTS},
    {PEOPLE_CELLS}, {ATTAINMENTS}, {DELEGATIONS}{extra_ctes},
    pcov AS $materialised (
    SELECT y.*, {STATUS} AS status FROM (
        SELECT t.person_id, t.competence_id,
            p.email AS person_email, p.first_name, p.last_name,
            p.organisation_id,
            o.code AS organisation_code, pi.inst_id AS person_inst_id,
            k.code AS competence_code, k.name_lv AS competence_name_lv,
            k.name_en AS competence_name_en, k.obligation, k.sort_order,
            t.valid_n, t.forever, t.valid_exp, t.lapsed_exp,
            t.valid_att, t.lapsed_att, dz.centre_code AS delegated_to
        FROM decided t
        JOIN people_person p ON p.id = t.person_id
        JOIN people_organisation o ON o.id = p.organisation_id
        LEFT JOIN inst pi ON pi.org_id = p.organisation_id
        JOIN competences_competence k ON k.id = t.competence_id
        LEFT JOIN delegated dz ON dz.key_id = t.person_id
            AND dz.competence_id = t.competence_id
    ) y
    )
    {outer}"""
    values = _common_values(as_of, window_days)
    values["cell_filter"] = _filter_sql(conditions)
    values["covering"] = Fragment(PEOPLE_DELEGATIONS)
    hint = materialised and connection.vendor == "postgresql"
    values["materialised"] = Fragment("MATERIALIZED" if hint else "")
    values.update(extra_values or {})
    return compile_sql(template, values)


@building_many_rows()
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
    sql, params = _person_sql(
        as_of,
        window_days,
        filters or CoverageFilters(),
        "SELECT person_id, competence_id, person_email, first_name, last_name, "
        f"organisation_code, {_DECISION_COLUMNS} FROM pcov",
    )
    competences = _competence_names(_english())
    dates = _Dates()
    keyed = []
    append = keyed.append
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Positional arguments and one local call per row: this loop runs once
    # per cell, and on 100,000 cells its cost is of the order of the query's.
    for row in rows:
        competence_code, competence_name, order = competences[row[1]]
        append(
            (
                (row[2], order, competence_code),
                PersonCell(
                    row[0],
                    row[2],
                    f"{row[3]} {row[4]}".strip(),
                    row[5],
                    competence_code,
                    competence_name,
                    row[6],
                    dates[row[7]],
                    dates[row[8]],
                    row[9],
                    row[1],
                ),
            )
        )
    keyed.sort(key=lambda pair: pair[0])
    return [cell for _key, cell in keyed]
