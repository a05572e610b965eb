"""Reports (c) organisation-coverage, (d) gaps and (e) expiring.

Each is one selector computing in one SQL query (plus, for the gaps, one
fixed set of queries for the courses), built on the people-competences cells
of competences/coverage.py: the statuses are defined once, there.

- (c) For each organisation × each mandatory competence, the share of its
  required people who hold it (held or expiring), internal and external counted
  apart. An organisation's people (`MEMBERS` in coverage_sql.py): its own staff,
  its units' included, involved in service management anywhere (internal), and
  everyone else delivering its services, using its resources or holding a
  portfolio role at it (external).
- (d) Who lacks what: each person × required competence that is expired or
  missing, with the published courses that develop it, ordered by risk
  (mandatory first, then expired before missing, then the oldest gap). A gap
  dates from the expiry of the attainment that lapsed; a missing competence
  from the start of the person's earliest active involvement (unknown for
  someone who only holds a role: those come last).
- (e) Attainments that expire within the window or expired in the last 90
  days, with the person's manager (`MANAGERS` in coverage_sql.py).
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from catalogue.models import ResponsibleRole
from competences.coverage import (
    WINDOW_DAYS,
    CoverageFilters,
    _common_values,
    _competence_conditions,
    _filter_sql,
    _person_sql,
    _subquery,
)
from competences.coverage_rows import (
    _DECISION_COLUMNS,
    _bilingual,
    _Dates,
    _decision,
    _english,
    _run,
    building_many_rows,
)
from competences.coverage_sql import (
    INSTITUTIONS,
    MANAGERS,
    MEMBERS,
    PERSON_LINKS,
    Fragment,
    compile_sql,
)
from competences.models import Competence, Obligation

LAPSED_DAYS = 90


@dataclass
class OrganisationCoverage:
    organisation_id: int
    organisation_code: str
    organisation_name: str
    competence_id: int
    competence_code: str
    competence_name: str
    internal_held: int
    internal_required: int
    external_held: int
    external_required: int

    @staticmethod
    def _share(held: int, required: int) -> int | None:
        # Whole per cent, half up; no share without required people.
        return (200 * held + required) // (2 * required) if required else None

    @property
    def internal_share(self) -> int | None:
        return self._share(self.internal_held, self.internal_required)

    @property
    def external_share(self) -> int | None:
        return self._share(self.external_held, self.external_required)

    @property
    def share(self) -> int | None:
        return self._share(
            self.internal_held + self.external_held,
            self.internal_required + self.external_required,
        )


_ORGANISATION_ROWS = """,
    {members}
SELECT m.org_id, o.code AS organisation_code, o.name_lv AS organisation_name_lv,
    o.name_en AS organisation_name_en, v.competence_id, v.competence_code,
    v.competence_name_lv, v.competence_name_en, v.sort_order,
    SUM(CASE WHEN v.person_inst_id = m.org_id THEN 1 ELSE 0 END) AS internal_required,
    SUM(CASE WHEN v.person_inst_id = m.org_id
        AND v.status IN ('held', 'expiring') THEN 1 ELSE 0 END) AS internal_held,
    SUM(CASE WHEN v.person_inst_id = m.org_id THEN 0 ELSE 1 END) AS external_required,
    SUM(CASE WHEN v.person_inst_id <> m.org_id OR v.person_inst_id IS NULL THEN
        CASE WHEN v.status IN ('held', 'expiring') THEN 1 ELSE 0 END
        ELSE 0 END) AS external_held
FROM members m
JOIN pcov v ON v.person_id = m.person_id
JOIN people_organisation o ON o.id = m.org_id
WHERE v.obligation = $mandatory AND $org_filter AND $member_provider
GROUP BY m.org_id, o.code, o.name_lv, o.name_en, v.competence_id, v.competence_code,
    v.competence_name_lv, v.competence_name_en, v.sort_order
ORDER BY o.code, v.sort_order, v.competence_code"""


def _member_provider(provider: str) -> tuple[str, tuple]:
    if provider == "internal":
        return "v.person_inst_id = m.org_id", ()
    if provider == "external":
        return "(v.person_inst_id <> m.org_id OR v.person_inst_id IS NULL)", ()
    return "1 = 1", ()


@building_many_rows()
def coverage_by_organisation(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
    organisations: QuerySet | None = None,
) -> list[OrganisationCoverage]:
    """(c) For each organisation (limited to `organisations`, if given) × each
    mandatory competence: how many of its required people hold it (held or
    expiring) out of how many, internal and external counted apart."""
    filters = filters or CoverageFilters()
    org_filter = ("1 = 1", ())
    if organisations is not None:
        sql, params = _subquery(organisations)
        org_filter = (f"m.org_id IN {sql}", params)
    outer = _ORGANISATION_ROWS.replace("{members}", MEMBERS)
    # The outer SELECT follows `pcov`, so `members` is declared after it.
    sql, params = _person_sql(
        as_of,
        window_days,
        filters,
        outer,
        extra_values={
            "org_filter": org_filter,
            "member_provider": _member_provider(filters.provider),
        },
        materialised=True,
    )
    english = _english()
    return [
        OrganisationCoverage(
            organisation_id=row["org_id"],
            organisation_code=row["organisation_code"],
            organisation_name=_bilingual(row, "organisation_name", english),
            competence_id=row["competence_id"],
            competence_code=row["competence_code"],
            competence_name=_bilingual(row, "competence_name", english),
            internal_held=int(row["internal_held"]),
            internal_required=int(row["internal_required"]),
            external_held=int(row["external_held"]),
            external_required=int(row["external_required"]),
        )
        for row in _run(sql, params)
    ]


@dataclass(frozen=True)
class CourseLink:
    code: str
    title: str
    url: str


@dataclass
class Gap:
    person_id: int
    person_email: str
    person_name: str
    organisation_code: str
    competence_id: int
    competence_code: str
    competence_name: str
    obligation: str
    status: str
    attained_on: datetime.date | None
    expires_on: datetime.date | None
    gap_since: datetime.date | None
    courses: list[CourseLink] = field(default_factory=list)

    @property
    def course_codes(self) -> list[str]:
        return [course.code for course in self.courses]


# Ordered in Python (`_risk`): sorting these wide rows in the database spilled
# to disk on PostgreSQL at 20,000 people.
_GAP_ROWS = f"""
SELECT z.person_id, z.person_email, z.first_name, z.last_name,
    z.organisation_code, z.competence_id, z.competence_code,
    z.competence_name_lv, z.competence_name_en, z.obligation, z.sort_order,
    z.gap_since, {_DECISION_COLUMNS}
FROM (
    SELECT g.*, CASE WHEN g.status = 'expired' THEN g.lapsed_exp ELSE (
        SELECT MIN(i.start_date) FROM catalogue_involvement i
        WHERE i.person_id = g.person_id AND i.start_date <= $d
        AND (i.end_date IS NULL OR i.end_date >= $d)
    ) END AS gap_since
    FROM pcov g
    WHERE g.status IN ('expired', 'missing') AND $gap_filter
) z"""


@building_many_rows()
def coverage_gaps(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
    organisation_id: int | None = None,
) -> list[Gap]:
    """(d) Who lacks what on `as_of`: the expired and missing cells of
    people-competences, each with the published courses that develop the
    competence, riskiest first. `organisation_id` keeps the people counted in
    that organisation's row of organisation-coverage."""
    filters = filters or CoverageFilters()
    extra_ctes, gap_filter = "", ("1 = 1", ())
    if organisation_id is not None:
        extra_ctes = "," + MEMBERS
        gap_filter = (
            "g.person_id IN (SELECT person_id FROM members WHERE org_id = %s)",
            (organisation_id,),
        )
    sql, params = _person_sql(
        as_of,
        window_days,
        filters,
        _GAP_ROWS,
        extra_ctes=extra_ctes,
        extra_values={"gap_filter": gap_filter},
        materialised=True,
    )
    keyed = []
    english = _english()
    dates = _Dates()
    for row in _run(sql, params):
        decision = _decision(row, dates)
        gap_since = dates[row["gap_since"]]
        risk = (
            row["obligation"] != Obligation.MANDATORY,
            decision["status"] != "expired",
            gap_since is None,
            gap_since or datetime.date.min,
            row["person_email"],
            row["sort_order"],
            row["competence_code"],
        )
        keyed.append(
            (
                risk,
                Gap(
                    person_id=row["person_id"],
                    person_email=row["person_email"],
                    person_name=f"{row['first_name']} {row['last_name']}".strip(),
                    organisation_code=row["organisation_code"],
                    competence_id=row["competence_id"],
                    competence_code=row["competence_code"],
                    competence_name=_bilingual(row, "competence_name", english),
                    obligation=row["obligation"],
                    status=decision["status"],
                    attained_on=decision["attained_on"],
                    expires_on=decision["expires_on"],
                    gap_since=gap_since,
                ),
            )
        )
    # Riskiest first: mandatory, then expired before missing, then the oldest
    # gap (undated ones last).
    keyed.sort(key=lambda pair: pair[0])
    gaps = [gap for _risk, gap in keyed]
    courses = courses_developing(competence_ids={gap.competence_id for gap in gaps})
    for gap in gaps:
        gap.courses = courses.get(gap.competence_id, [])
    return gaps


def courses_developing(*, competence_ids) -> dict[int, list[CourseLink]]:
    """The live, public courses of the active language that develop each
    competence, by code. competences/ never imports courses/: the course
    model is reached through the reverse relation `Competence.courses`."""
    if not competence_ids:
        return {}
    from wagtail.models import Locale

    course_model = Competence._meta.get_field("courses").related_model
    through = course_model._meta.get_field("competences").remote_field.through
    pages = {
        page.pk: page
        for page in course_model.objects.live()
        .public()
        .filter(
            locale=Locale.get_active(),
            pk__in=through.objects.filter(competence_id__in=competence_ids).values(
                f"{course_model._meta.model_name}_id"
            ),
        )
        .order_by("code", "title")
    }
    result: dict[int, list[CourseLink]] = {}
    page_column = f"{course_model._meta.model_name}_id"
    links = through.objects.filter(
        competence_id__in=competence_ids, **{f"{page_column}__in": list(pages)}
    ).values_list("competence_id", page_column)
    for competence_id, page_id in sorted(
        links, key=lambda link: (pages[link[1]].code, pages[link[1]].title)
    ):
        page = pages[page_id]
        result.setdefault(competence_id, []).append(
            CourseLink(code=page.code, title=page.title, url=page.get_url() or "")
        )
    return result


@dataclass
class ExpiringAttainment:
    attainment_id: int
    person_id: int
    person_email: str
    person_name: str
    organisation_code: str
    competence_code: str
    competence_name: str
    attained_on: datetime.date
    expires_on: datetime.date
    status: str
    renewed_on: datetime.date | None
    managers: list[str] = field(default_factory=list)
    manager_names: list[str] = field(default_factory=list)


_EXPIRING = f"""WITH RECURSIVE {INSTITUTIONS}, {PERSON_LINKS},
exp(id, person_id, competence_id, attained_on, expires_on, renewed_on) AS (
    SELECT a.id, a.person_id, a.competence_id, a.attained_on, a.expires_on, (
        SELECT MAX(b.attained_on) FROM competences_attainment b
        WHERE b.person_id = a.person_id AND b.competence_id = a.competence_id
        AND b.id <> a.id AND b.revoked_at IS NULL
        AND b.attained_on >= a.attained_on AND b.attained_on <= $d
        AND (b.expires_on IS NULL
            OR (b.expires_on > a.expires_on AND b.expires_on > $d))
    )
    FROM competences_attainment a
    WHERE a.revoked_at IS NULL AND a.attained_on <= $d
    AND a.expires_on IS NOT NULL
    AND a.expires_on >= $lapsed_start AND a.expires_on <= $window_end
    AND $attainment_filter
),
{MANAGERS}
SELECT e.id, e.person_id, e.attained_on, e.expires_on, e.renewed_on,
    CASE WHEN e.expires_on > $d THEN 'expiring' ELSE 'expired' END AS status,
    p.email AS person_email, p.first_name, p.last_name,
    o.code AS organisation_code, k.code AS competence_code,
    k.name_lv AS competence_name_lv, k.name_en AS competence_name_en,
    mp.email AS manager_email, mp.first_name AS manager_first_name,
    mp.last_name AS manager_last_name
FROM exp e
JOIN people_person p ON p.id = e.person_id
JOIN people_organisation o ON o.id = p.organisation_id
JOIN competences_competence k ON k.id = e.competence_id
LEFT JOIN managers mg ON mg.person_id = e.person_id
LEFT JOIN people_person mp ON mp.id = mg.manager_id
ORDER BY e.expires_on, p.email, k.sort_order, k.code, e.id, mp.email"""


@building_many_rows()
def attainments_expiring(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
    lapsed_days: int = LAPSED_DAYS,
) -> list[ExpiringAttainment]:
    """(e) Attainments (not revoked, attained by `as_of`) that expire within
    the window or expired in the last `lapsed_days` days, soonest first, each
    with the person's managers and the date of a renewal that already covers
    it, if any."""
    filters = filters or CoverageFilters()
    conditions = _competence_conditions(filters, "a.competence_id")
    if filters.people is not None:
        sql, params = _subquery(filters.people)
        conditions.append((f"a.person_id IN {sql}", params))
    if filters.services is not None:
        sql, params = _subquery(filters.services)
        conditions.append(
            (
                "a.person_id IN (SELECT person_id FROM person_services "
                f"WHERE service_id IN {sql})",
                params,
            )
        )
    values = _common_values(as_of, window_days)
    values.update(
        lapsed_start=connection.ops.adapt_datefield_value(
            as_of - datetime.timedelta(days=lapsed_days)
        ),
        attainment_filter=_filter_sql(conditions),
        people=Fragment("(SELECT person_id FROM exp)"),
        portfolio_manager=ResponsibleRole.SERVICE_PORTFOLIO_MANAGER.value,
    )
    sql, params = compile_sql(_EXPIRING, values)
    rows: dict[int, ExpiringAttainment] = {}
    english = _english()
    dates = _Dates()
    for row in _run(sql, params):
        item = rows.get(row["id"])
        if item is None:
            item = rows[row["id"]] = ExpiringAttainment(
                attainment_id=row["id"],
                person_id=row["person_id"],
                person_email=row["person_email"],
                person_name=f"{row['first_name']} {row['last_name']}".strip(),
                organisation_code=row["organisation_code"],
                competence_code=row["competence_code"],
                competence_name=_bilingual(row, "competence_name", english),
                attained_on=dates[row["attained_on"]],
                expires_on=dates[row["expires_on"]],
                status=row["status"],
                renewed_on=dates[row["renewed_on"]],
            )
        if row["manager_email"]:
            item.managers.append(row["manager_email"])
            item.manager_names.append(
                f"{row['manager_first_name']} {row['manager_last_name']}".strip()
            )
    return list(rows.values())
