"""Hand-written SQL baselines of the coverage reports, for `bench reports`.

Written apart from competences/coverage_sql.py on purpose, in another shape
(window functions and grouped joins instead of correlated subqueries), so that
the benchmark's cell-for-cell check compares two independent computations of
the rules. Each is SQL run with `params(as_of, window_days)`; each row's
columns are the report file's columns, in order (or rows that bench.py's
`assemble` puts together).

A baseline is a straightforward good query, neither tuned to lose nor
pathological. Where PostgreSQL planned one of them quadratically, it was
rewritten as plainly as the selectors were, and says so where it happens:
delegations joined per branch (`UNION ALL`) instead of `service = … OR
institution = …`; figures keyed by the whole cell, never joined back to the
cells on three columns (a join PostgreSQL guesses at one row, then nests
loops over everything after it); single points' holder taken in the same
grouping; the gaps' cells materialised before they are filtered.
"""

import datetime

from django.db import connection

_UP = """
up(org_id, cur_id, kind, parent_id, depth) AS (
    SELECT id, id, kind, parent_id, 0 FROM people_organisation
    UNION ALL
    SELECT up.org_id, o.id, o.kind, o.parent_id, up.depth + 1
    FROM up JOIN people_organisation o ON o.id = up.parent_id
    WHERE up.kind = 'unit' AND up.depth < 64
),
pinst(org_id, inst_id) AS (
    SELECT org_id, cur_id FROM up WHERE kind <> 'unit' OR parent_id IS NULL
)"""

_GENERAL = """
gen(competence_id, lvl) AS (
    SELECT id, 0 FROM competences_competence WHERE obligation = 'mandatory'
    UNION ALL
    SELECT competence_id, COALESCE(min_level, 0) FROM competences_requirement
    WHERE service_id IS NULL AND resource_id IS NULL AND role = ''
)"""

# Attainment figures per row of `need` ({key}: the columns besides person,
# competence and level that make a row, so that `fig2` has one row per cell
# and is never joined back to the cells on three columns: PostgreSQL guesses
# such a join at one row and then nests loops over everything after it).
_FIGURES = """
fig AS (
    SELECT {key}n.person_id, n.competence_id, n.lvl,
        MAX(CASE WHEN a.expires_on > %(d)s OR (a.id IS NOT NULL
            AND a.expires_on IS NULL) THEN CASE WHEN n.lvl = 0
            OR a.level >= n.lvl THEN 1 END END) AS anyvalid,
        MAX(CASE WHEN a.id IS NOT NULL AND a.expires_on IS NULL
            AND (n.lvl = 0 OR a.level >= n.lvl) THEN 1 ELSE 0 END) AS forever,
        MAX(CASE WHEN a.expires_on > %(d)s AND (n.lvl = 0 OR a.level >= n.lvl)
            THEN a.expires_on END) AS vexp,
        MAX(CASE WHEN a.expires_on <= %(d)s THEN a.expires_on END) AS lexp
    FROM need n LEFT JOIN competences_attainment a
        ON a.person_id = n.person_id AND a.competence_id = n.competence_id
        AND a.revoked_at IS NULL AND a.attained_on <= %(d)s
    GROUP BY {key}n.person_id, n.competence_id, n.lvl
),
fig2 AS (
    SELECT {key}f.person_id, f.competence_id, f.lvl, f.anyvalid, f.forever, f.vexp,
        f.lexp,
        MAX(CASE WHEN (a.expires_on IS NULL OR a.expires_on > %(d)s)
            AND (f.lvl = 0 OR a.level >= f.lvl)
            AND ((f.forever = 1 AND a.expires_on IS NULL)
                OR (f.forever = 0 AND a.expires_on = f.vexp))
            THEN a.attained_on END) AS vatt,
        MAX(CASE WHEN a.expires_on = f.lexp THEN a.attained_on END) AS latt
    FROM fig f LEFT JOIN competences_attainment a
        ON a.person_id = f.person_id AND a.competence_id = f.competence_id
        AND a.revoked_at IS NULL AND a.attained_on <= %(d)s
    GROUP BY {key}f.person_id, f.competence_id, f.lvl, f.anyvalid, f.forever, f.vexp,
        f.lexp
)"""


def _figures(key: str = "") -> str:
    """The figures' CTEs, without the leading newline, keyed by `key` too."""
    sql = _FIGURES
    for alias in ("n", "f"):
        column = f"{alias}.{key}, " if key else ""
        sql = sql.replace("{key}" + alias + ".", column + alias + ".")
    return sql[1:]


_STATUS = """CASE
    WHEN f.anyvalid = 1 AND (f.forever = 1 OR f.vexp > %(w)s) THEN 'held'
    WHEN f.anyvalid = 1 THEN 'expiring'
    WHEN dz.code IS NOT NULL THEN 'delegated'
    WHEN f.lexp IS NOT NULL THEN 'expired'
    ELSE 'missing' END"""

# Active delegations of delegable competences, with the centre's code.
_ACTIVE = """
act AS (
    SELECT dl.competence_id, dl.service_id, dl.institution_id, dl.start_date,
        o.code
    FROM competences_delegation dl
    JOIN competences_competence k ON k.id = dl.competence_id
        AND k.obligation = 'delegable'
    JOIN people_organisation o ON o.id = dl.centre_id
    WHERE dl.start_date <= %(d)s AND (dl.end_date IS NULL OR dl.end_date >= %(d)s)
)"""

_ACTIVE_INVOLVEMENT = (
    "i.start_date <= %(d)s AND (i.end_date IS NULL OR i.end_date >= %(d)s)"
)

_SERVICE_CTES = f"""{_UP}, {_GENERAL}, {_ACTIVE},
deliv AS (
    SELECT i.service_id, i.person_id FROM catalogue_involvement i
    WHERE i.service_id IS NOT NULL AND {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT service_id, person_id FROM catalogue_roleassignment
    WHERE role = 'service_manager' AND service_id IS NOT NULL
),
sreq AS (
    SELECT service_id, competence_id, MAX(lvl) AS lvl FROM (
        SELECT s.id AS service_id, g.competence_id, g.lvl
        FROM catalogue_service s, gen g
        UNION ALL
        SELECT service_id, competence_id, COALESCE(min_level, 0)
        FROM competences_requirement WHERE service_id IS NOT NULL
    ) u GROUP BY service_id, competence_id
),
cell AS (
    SELECT d.service_id, d.person_id, r.competence_id, r.lvl
    FROM deliv d JOIN sreq r ON r.service_id = d.service_id
),
need AS (SELECT service_id, person_id, competence_id, lvl FROM cell),
{_figures("service_id")},
sdel AS (
    SELECT service_id, competence_id, code FROM (
        SELECT service_id, competence_id, code, ROW_NUMBER() OVER (
            PARTITION BY service_id, competence_id ORDER BY start_date DESC, code
        ) AS rn FROM (
            SELECT s.id AS service_id, a.competence_id, a.code, a.start_date
            FROM act a JOIN catalogue_service s ON s.id = a.service_id
            UNION ALL
            SELECT s.id, a.competence_id, a.code, a.start_date
            FROM act a JOIN catalogue_service s ON s.owner_id = a.institution_id
        ) u
    ) z WHERE rn = 1
)"""

_SERVICE_SELECT = f"""SELECT s.code AS s_code, p.email AS email,
    CASE WHEN pi.inst_id = s.owner_id THEN 'internal' ELSE 'external' END
        AS provider,
    k.code AS k_code, {_STATUS} AS status,
    CASE WHEN f.anyvalid = 1 AND f.forever = 0 THEN f.vexp
        WHEN f.anyvalid = 1 THEN NULL
        WHEN dz.code IS NULL THEN f.lexp END AS expires_on,
    CASE WHEN f.anyvalid IS NULL THEN dz.code END AS delegated_to,
    f.service_id, f.competence_id, dz.code AS any_delegation
FROM fig2 f
JOIN catalogue_service s ON s.id = f.service_id
JOIN people_person p ON p.id = f.person_id
LEFT JOIN pinst pi ON pi.org_id = p.organisation_id
JOIN competences_competence k ON k.id = f.competence_id
LEFT JOIN sdel dz ON dz.service_id = f.service_id
    AND dz.competence_id = f.competence_id"""

SERVICE_COVERAGE = f"WITH RECURSIVE {_SERVICE_CTES} {_SERVICE_SELECT}"

_PEOPLE_CTES = f"""{_UP}, {_GENERAL}, {_ACTIVE},
psvc AS (
    SELECT i.person_id, i.service_id, s.owner_id FROM catalogue_involvement i
    JOIN catalogue_service s ON s.id = i.service_id WHERE {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT r.person_id, r.service_id, s.owner_id FROM catalogue_roleassignment r
    JOIN catalogue_service s ON s.id = r.service_id
    WHERE r.role = 'service_manager'
),
pres AS (
    SELECT i.person_id, i.resource_id FROM catalogue_involvement i
    WHERE i.resource_id IS NOT NULL AND {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT person_id, resource_id FROM catalogue_roleassignment
    WHERE role = 'resource_manager' AND resource_id IS NOT NULL
),
who AS (
    SELECT person_id FROM psvc UNION SELECT person_id FROM pres
    UNION SELECT person_id FROM catalogue_roleassignment
),
cell AS (
    SELECT person_id, competence_id, MAX(lvl) AS lvl FROM (
        SELECT w.person_id, g.competence_id, g.lvl FROM who w, gen g
        UNION ALL
        SELECT ps.person_id, q.competence_id, COALESCE(q.min_level, 0)
        FROM psvc ps JOIN competences_requirement q ON q.service_id = ps.service_id
        UNION ALL
        SELECT pr.person_id, q.competence_id, COALESCE(q.min_level, 0)
        FROM pres pr JOIN competences_requirement q
            ON q.resource_id = pr.resource_id
        UNION ALL
        SELECT r.person_id, q.competence_id, COALESCE(q.min_level, 0)
        FROM catalogue_roleassignment r JOIN competences_requirement q
            ON q.role = r.role
    ) u GROUP BY person_id, competence_id
),
need AS (SELECT person_id, competence_id, lvl FROM cell),
{_figures()},
cand AS (
    SELECT ps.person_id, a.competence_id, a.start_date, a.code
    FROM psvc ps JOIN act a ON a.service_id = ps.service_id
    UNION ALL
    SELECT ps.person_id, a.competence_id, a.start_date, a.code
    FROM psvc ps JOIN act a ON a.institution_id = ps.owner_id
    UNION ALL
    SELECT p.id, a.competence_id, a.start_date, a.code
    FROM people_person p JOIN pinst pi ON pi.org_id = p.organisation_id
    JOIN act a ON a.institution_id = pi.inst_id
),
pdel AS (
    SELECT person_id, competence_id, code FROM (
        SELECT person_id, competence_id, code, ROW_NUMBER() OVER (
            PARTITION BY person_id, competence_id ORDER BY start_date DESC, code
        ) AS rn FROM cand
    ) z WHERE rn = 1
)"""

PEOPLE_COMPETENCES = f"""WITH RECURSIVE {_PEOPLE_CTES}
SELECT p.email, o.code, k.code, {_STATUS} AS status,
    CASE WHEN f.anyvalid = 1 THEN f.vatt WHEN dz.code IS NULL THEN f.latt END,
    CASE WHEN f.anyvalid = 1 AND f.forever = 0 THEN f.vexp
        WHEN f.anyvalid = 1 THEN NULL
        WHEN dz.code IS NULL THEN f.lexp END
FROM fig2 f
JOIN people_person p ON p.id = f.person_id
JOIN people_organisation o ON o.id = p.organisation_id
JOIN competences_competence k ON k.id = f.competence_id
LEFT JOIN pdel dz ON dz.person_id = f.person_id
    AND dz.competence_id = f.competence_id"""

# Single points of failure: the service cells counted per (service,
# competence); with fewer than two holders, the one holder (if any) is the
# group's only held or expiring e-mail. (An earlier version joined the tally
# back to the cells for the holders' e-mails: PostgreSQL scanned the
# materialised cells once per tally row, 12 s at 4,000 people.)
SINGLE_POINTS = f"""WITH RECURSIVE {_SERVICE_CTES}, sc AS ({_SERVICE_SELECT}),
tally AS (
    SELECT service_id, competence_id, MIN(s_code) AS s_code,
        MIN(k_code) AS k_code,
        SUM(CASE WHEN status IN ('held', 'expiring') THEN 1 ELSE 0 END)
            AS holders,
        MAX(CASE WHEN status IN ('held', 'expiring') THEN email END) AS holder,
        MAX(any_delegation) AS any_delegation
    FROM sc GROUP BY service_id, competence_id
)
SELECT s_code, k_code, holders, holder FROM tally
WHERE any_delegation IS NULL AND holders < 2"""


# The people cells with what the summaries read: status, obligation, the
# person's institution and the lapsed expiry.
_PEOPLE_ROWS = f"""first_involved AS (
    SELECT i.person_id, MIN(i.start_date) AS since FROM catalogue_involvement i
    WHERE {_ACTIVE_INVOLVEMENT} GROUP BY i.person_id
),
pc AS (
    SELECT f.person_id, p.email, o.code AS o_code, pi.inst_id, k.id AS k_id,
        k.code AS k_code, k.obligation, {_STATUS} AS status, f.lexp, fi.since
    FROM fig2 f
    JOIN people_person p ON p.id = f.person_id
    JOIN people_organisation o ON o.id = p.organisation_id
    LEFT JOIN pinst pi ON pi.org_id = p.organisation_id
    JOIN competences_competence k ON k.id = f.competence_id
    LEFT JOIN pdel dz ON dz.person_id = f.person_id
        AND dz.competence_id = f.competence_id
    LEFT JOIN first_involved fi ON fi.person_id = f.person_id
)"""

# Organisation coverage: who belongs to an organisation's row (its own staff
# among the people with cells, and whoever delivers its services, uses its
# resources or holds a role at it), counted per mandatory competence, the
# shares rounded half up as the report does.
ORGANISATION_COVERAGE = f"""WITH RECURSIVE {_PEOPLE_CTES}, {_PEOPLE_ROWS},
mem AS (
    SELECT pi.inst_id AS org_id, p.id AS person_id FROM people_person p
    JOIN pinst pi ON pi.org_id = p.organisation_id
    WHERE p.id IN (SELECT person_id FROM cell)
    UNION SELECT owner_id, person_id FROM psvc
    UNION SELECT rs.owner_id, pr.person_id FROM pres pr
        JOIN catalogue_resource rs ON rs.id = pr.resource_id
    UNION SELECT organisation_id, person_id FROM catalogue_roleassignment
        WHERE organisation_id IS NOT NULL
),
tally AS (
    SELECT m.org_id, pc.k_id,
        SUM(CASE WHEN pc.inst_id = m.org_id AND pc.status IN ('held', 'expiring')
            THEN 1 ELSE 0 END) AS ih,
        SUM(CASE WHEN pc.inst_id = m.org_id THEN 1 ELSE 0 END) AS ir,
        SUM(CASE WHEN (pc.inst_id IS NULL OR pc.inst_id <> m.org_id)
            AND pc.status IN ('held', 'expiring') THEN 1 ELSE 0 END) AS eh,
        SUM(CASE WHEN pc.inst_id IS NULL OR pc.inst_id <> m.org_id
            THEN 1 ELSE 0 END) AS er
    FROM mem m JOIN pc ON pc.person_id = m.person_id
    WHERE pc.obligation = 'mandatory'
    GROUP BY m.org_id, pc.k_id
)
SELECT o.code, k.code, t.ih, t.ir,
    CASE WHEN t.ir > 0 THEN (200 * t.ih + t.ir) / (2 * t.ir) END,
    t.eh, t.er,
    CASE WHEN t.er > 0 THEN (200 * t.eh + t.er) / (2 * t.er) END
FROM tally t
JOIN people_organisation o ON o.id = t.org_id
JOIN competences_competence k ON k.id = t.k_id"""


def gaps() -> str:
    """Gaps: the expired and missing people cells, dated by the lapsed expiry
    or the person's first active involvement, one row per course that develops
    the competence (live, not behind a view restriction, in the active
    language), or one row with none. The course tables are read through the
    reverse relation's metadata: competences/ never imports courses/."""
    from competences.models import Competence

    course = Competence._meta.get_field("courses").related_model
    through = course._meta.get_field("competences").remote_field.through
    page_column = through._meta.get_field(course._meta.model_name).column
    # The cells materialised before the gaps are picked from them: PostgreSQL
    # guesses the status filter at one row and, with the cells inlined, read
    # the institutions and first involvements once per gap (3 s instead of
    # 0.3 s at 4,000 people).
    people_rows = _PEOPLE_ROWS.replace("pc AS (", "pc AS MATERIALIZED (", 1)
    return f"""WITH RECURSIVE {_PEOPLE_CTES}, {people_rows},
crs AS (
    SELECT t.competence_id, c.code FROM {through._meta.db_table} t
    JOIN {course._meta.db_table} c ON c.{course._meta.pk.column} = t.{page_column}
    JOIN wagtailcore_page pg ON pg.id = c.{course._meta.pk.column}
    JOIN wagtailcore_locale l ON l.id = pg.locale_id
    WHERE pg.live AND l.language_code = %(lang)s AND NOT EXISTS (
        SELECT 1 FROM wagtailcore_pageviewrestriction r
        JOIN wagtailcore_page rp ON rp.id = r.page_id
        WHERE pg.path LIKE rp.path || '%%'
    )
)
SELECT g.email, g.o_code, g.k_code, g.obligation, g.status,
    CASE WHEN g.status = 'expired' THEN g.lexp END,
    CASE WHEN g.status = 'expired' THEN g.lexp ELSE g.since END,
    cr.code
FROM pc g
LEFT JOIN crs cr ON cr.competence_id = g.k_id
WHERE g.status IN ('expired', 'missing')"""


# Expiring attainments: the renewal as a grouped join, the managers ranked
# by a window over the three kinds of candidates; one row per manager (or
# one row with none), joined in Python.
EXPIRING = f"""WITH RECURSIVE {_UP},
psvc AS (
    SELECT i.person_id, i.service_id FROM catalogue_involvement i
    WHERE i.service_id IS NOT NULL AND {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT person_id, service_id FROM catalogue_roleassignment
    WHERE role = 'service_manager' AND service_id IS NOT NULL
),
pres AS (
    SELECT i.person_id, i.resource_id FROM catalogue_involvement i
    WHERE i.resource_id IS NOT NULL AND {_ACTIVE_INVOLVEMENT}
    UNION
    SELECT person_id, resource_id FROM catalogue_roleassignment
    WHERE role = 'resource_manager' AND resource_id IS NOT NULL
),
ex AS (
    SELECT a.id, a.person_id, a.competence_id, a.attained_on, a.expires_on
    FROM competences_attainment a
    WHERE a.revoked_at IS NULL AND a.attained_on <= %(d)s
    AND a.expires_on BETWEEN %(l)s AND %(w)s
),
ren AS (
    SELECT e.id, MAX(b.attained_on) AS renewed FROM ex e
    JOIN competences_attainment b ON b.person_id = e.person_id
        AND b.competence_id = e.competence_id AND b.id <> e.id
        AND b.revoked_at IS NULL AND b.attained_on >= e.attained_on
        AND b.attained_on <= %(d)s
        AND (b.expires_on IS NULL
            OR (b.expires_on > e.expires_on AND b.expires_on > %(d)s))
    GROUP BY e.id
),
cand AS (
    SELECT ps.person_id, r.person_id AS manager_id, 1 AS rank_
    FROM psvc ps JOIN catalogue_roleassignment r
        ON r.service_id = ps.service_id AND r.role = 'service_manager'
    WHERE r.person_id <> ps.person_id
    UNION ALL
    SELECT pr.person_id, r.person_id, 2 FROM pres pr
    JOIN catalogue_roleassignment r
        ON r.resource_id = pr.resource_id AND r.role = 'resource_manager'
    WHERE r.person_id <> pr.person_id
    UNION ALL
    SELECT p.id, r.person_id, 3 FROM people_person p
    JOIN pinst pi ON pi.org_id = p.organisation_id
    JOIN catalogue_roleassignment r ON r.organisation_id = pi.inst_id
        AND r.role = 'service_portfolio_manager'
    WHERE r.person_id <> p.id AND p.id IN (SELECT person_id FROM ex)
),
mgr AS (
    SELECT DISTINCT person_id, manager_id FROM (
        SELECT person_id, manager_id, rank_,
            MIN(rank_) OVER (PARTITION BY person_id) AS best
        FROM cand
    ) z WHERE rank_ = best
)
SELECT e.id, p.email, o.code, k.code, e.attained_on, e.expires_on,
    CASE WHEN e.expires_on > %(d)s THEN 'expiring' ELSE 'expired' END,
    rn.renewed, mp.email
FROM ex e
JOIN people_person p ON p.id = e.person_id
JOIN people_organisation o ON o.id = p.organisation_id
JOIN competences_competence k ON k.id = e.competence_id
LEFT JOIN ren rn ON rn.id = e.id
LEFT JOIN mgr m ON m.person_id = e.person_id
LEFT JOIN people_person mp ON mp.id = m.manager_id"""


def params(as_of: datetime.date, window_days: int) -> dict:
    """The baselines' parameters: the as-of date `d`, the window's last day
    `w`, the start of the lapsed period `l` of expiring, and the active
    language `lang` (the courses of gaps)."""
    from wagtail.models import Locale

    from competences.coverage_reports import LAPSED_DAYS

    adapt = connection.ops.adapt_datefield_value
    return {
        "d": adapt(as_of),
        "w": adapt(as_of + datetime.timedelta(days=window_days)),
        "l": adapt(as_of - datetime.timedelta(days=LAPSED_DAYS)),
        "lang": Locale.get_active().language_code,
    }
