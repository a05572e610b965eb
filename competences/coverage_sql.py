"""The SQL of the coverage rules (see competences/coverage.py for the rules).

Plain SQL that SQLite and PostgreSQL both run: common table expressions, one
recursive (the organisation tree), window-free aggregates and correlated
subqueries. `$name` tokens are filled in by `compile_sql`.
"""

import re

TOKEN = re.compile(r"\$(\w+)")


class Fragment(str):
    """SQL text to splice into a query (never user input)."""


# Organisation -> its institution (walk up through units; a loop of units
# stored before the rule existed stops at the depth limit and counts as no
# institution, so its staff are never internal).
INSTITUTIONS = """
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

ACTIVE_INVOLVEMENT = "i.start_date <= $d AND (i.end_date IS NULL OR i.end_date >= $d)"

# The competences required everywhere: mandatory, and unscoped requirements.
GENERAL_REQUIREMENTS = """
general(competence_id, lvl) AS (
    SELECT c.id, 0 FROM competences_competence c WHERE c.obligation = $mandatory
    UNION ALL
    SELECT q.competence_id, COALESCE(q.min_level, 0) FROM competences_requirement q
    WHERE q.service_id IS NULL AND q.resource_id IS NULL AND q.role = ''
)"""

# The cells carry the person's institution and the covering centre (read
# after DELEGATIONS): joined here, before the cells meet their attainment
# figures, because PostgreSQL guesses that later three-column join at one row
# and would then look up the institution and the centre once per cell.
SERVICE_CELLS = f"""
deliverers(service_id, person_id) AS (
    SELECT i.service_id, i.person_id FROM catalogue_involvement i
    WHERE i.service_id IS NOT NULL AND {ACTIVE_INVOLVEMENT}
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
cells(service_id, owner_id, person_id, competence_id, lvl, person_inst_id,
        delegated_to) AS (
    SELECT d.service_id, s.owner_id, d.person_id, r.competence_id, r.lvl,
        pi.inst_id, dz.centre_code
    FROM deliverers d
    JOIN catalogue_service s ON s.id = d.service_id
    JOIN service_req r ON r.service_id = d.service_id
    JOIN people_person p ON p.id = d.person_id
    LEFT JOIN inst pi ON pi.org_id = p.organisation_id
    LEFT JOIN delegated dz ON dz.key_id = d.service_id
        AND dz.competence_id = r.competence_id
    WHERE $cell_filter
)"""

# The centre covering each (service, competence): see DELEGATIONS.
SERVICE_DELEGATIONS = """
covering(key_id, competence_id, start_date, centre_code) AS (
    SELECT s.id, a.competence_id, a.start_date, a.centre_code
    FROM active_delegations a JOIN catalogue_service s ON s.id = a.service_id
    UNION ALL
    SELECT s.id, a.competence_id, a.start_date, a.centre_code
    FROM active_delegations a JOIN catalogue_service s
        ON s.owner_id = a.institution_id
)"""

# A person's services and resources on D (involvement or the manager role).
PERSON_LINKS = f"""
person_services(person_id, service_id, owner_id) AS (
    SELECT i.person_id, i.service_id, s.owner_id FROM catalogue_involvement i
    JOIN catalogue_service s ON s.id = i.service_id
    WHERE {ACTIVE_INVOLVEMENT}
    UNION
    SELECT r.person_id, r.service_id, s.owner_id FROM catalogue_roleassignment r
    JOIN catalogue_service s ON s.id = r.service_id
    WHERE r.role = $service_manager
),
person_resources(person_id, resource_id) AS (
    SELECT i.person_id, i.resource_id FROM catalogue_involvement i
    WHERE i.resource_id IS NOT NULL AND {ACTIVE_INVOLVEMENT}
    UNION
    SELECT r.person_id, r.resource_id FROM catalogue_roleassignment r
    WHERE r.role = $resource_manager AND r.resource_id IS NOT NULL
)"""

PEOPLE_CELLS = f"""{PERSON_LINKS},
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

# The centre covering each (person, competence): a delegation for one of
# their services, for its owner, or for their own institution.
PEOPLE_DELEGATIONS = """
covering(key_id, competence_id, start_date, centre_code) AS (
    SELECT ps.person_id, a.competence_id, a.start_date, a.centre_code
    FROM active_delegations a JOIN person_services ps
        ON ps.service_id = a.service_id
    UNION ALL
    SELECT ps.person_id, a.competence_id, a.start_date, a.centre_code
    FROM active_delegations a JOIN person_services ps
        ON ps.owner_id = a.institution_id
    UNION ALL
    SELECT p.id, a.competence_id, a.start_date, a.centre_code
    FROM active_delegations a JOIN inst pi ON pi.inst_id = a.institution_id
    JOIN people_person p ON p.organisation_id = pi.org_id
)"""

# Attainment figures of each distinct (person, competence, level) asked for.
ATTAINMENTS = """
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
        MAX(CASE WHEN $valid_t
            AND ((t.forever = 1 AND a.expires_on IS NULL)
                OR (t.forever = 0 AND a.expires_on = t.valid_exp))
            THEN a.attained_on END),
        MAX(CASE WHEN a.expires_on = t.lapsed_exp THEN a.attained_on END)
    FROM att t LEFT JOIN competences_attainment a
        ON a.person_id = t.person_id AND a.competence_id = t.competence_id
        AND a.revoked_at IS NULL AND a.attained_on <= $d
    GROUP BY t.person_id, t.competence_id, t.lvl, t.valid_n, t.forever,
        t.valid_exp, t.lapsed_exp
)"""

VALID = (
    "((a.expires_on IS NULL OR a.expires_on > $d) AND (n.lvl = 0 OR a.level >= n.lvl))"
)
VALID_T = VALID.replace("n.lvl", "t.lvl")

# Delegations of delegable competences active on D, and of those covering a
# key (a service or a person, `$covering`: SERVICE_DELEGATIONS or
# PEOPLE_DELEGATIONS) the one that started last, ties to the lower centre
# code. Equality joins and grouping, each branch of the cover its own join:
# a subquery per cell with `service = … OR institution = …` was planned by
# PostgreSQL as a scan of the person's services for every cell and
# delegation, which grew with the square of the data.
DELEGATIONS = """
active_delegations(competence_id, service_id, institution_id, start_date,
        centre_code) AS (
    SELECT dl.competence_id, dl.service_id, dl.institution_id, dl.start_date, o.code
    FROM competences_delegation dl
    JOIN competences_competence k ON k.id = dl.competence_id
    JOIN people_organisation o ON o.id = dl.centre_id
    WHERE k.obligation = $delegable
    AND dl.start_date <= $d AND (dl.end_date IS NULL OR dl.end_date >= $d)
),
$covering,
latest_delegation(key_id, competence_id, start_date) AS (
    SELECT key_id, competence_id, MAX(start_date) FROM covering
    GROUP BY key_id, competence_id
),
delegated(key_id, competence_id, centre_code) AS (
    SELECT c.key_id, c.competence_id, MIN(c.centre_code) FROM covering c
    JOIN latest_delegation l ON l.key_id = c.key_id
        AND l.competence_id = c.competence_id AND l.start_date = c.start_date
    GROUP BY c.key_id, c.competence_id
)"""

STATUS = """CASE
    WHEN y.valid_n > 0 AND (y.forever = 1 OR y.valid_exp > $window_end) THEN 'held'
    WHEN y.valid_n > 0 THEN 'expiring'
    WHEN y.delegated_to IS NOT NULL THEN 'delegated'
    WHEN y.lapsed_exp IS NOT NULL THEN 'expired'
    ELSE 'missing' END"""


def compile_sql(template: str, values: dict) -> tuple[str, list]:
    """Replace each $name: a `Fragment` by its SQL (which may hold tokens of its
    own), a (sql, params) pair by that SQL and its parameters, anything else by
    a placeholder with the value collected in order."""
    while True:
        expanded = TOKEN.sub(
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

    return TOKEN.sub(replace, template), params


# Who counts in an organisation's row (organisation-coverage, and the gaps
# behind one of its cells): its own staff (its units' included) who are
# involved in service management anywhere, and everyone delivering its
# services, using its resources or holding a portfolio role at it. Reads the
# `cells` and `inst` CTEs of PEOPLE_CELLS.
MEMBERS = """
members(org_id, person_id) AS (
    SELECT pi.inst_id, c.person_id FROM (SELECT DISTINCT person_id FROM cells) c
    JOIN people_person p ON p.id = c.person_id
    JOIN inst pi ON pi.org_id = p.organisation_id
    UNION
    SELECT owner_id, person_id FROM person_services
    UNION
    SELECT rs.owner_id, pr.person_id FROM person_resources pr
    JOIN catalogue_resource rs ON rs.id = pr.resource_id
    UNION
    SELECT r.organisation_id, r.person_id FROM catalogue_roleassignment r
    WHERE r.organisation_id IS NOT NULL
)"""

# A person's manager on D: the service managers of the services they deliver;
# failing those, the resource managers of the resources they use; failing
# those, the service portfolio managers of their institution. Never
# themselves. Reads PERSON_LINKS and INSTITUTIONS; `$people` limits the third
# branch to the people the report shows. The best priority is a grouped join,
# not a subquery per candidate: that one read the candidates once for each of
# them (quadratic, 1.5 s at 2,000 people on PostgreSQL).
MANAGERS = """
manager_candidates(person_id, manager_id, priority) AS (
    SELECT ps.person_id, r.person_id, 1 FROM person_services ps
    JOIN catalogue_roleassignment r
        ON r.service_id = ps.service_id AND r.role = $service_manager
    WHERE r.person_id <> ps.person_id
    UNION
    SELECT pr.person_id, r.person_id, 2 FROM person_resources pr
    JOIN catalogue_roleassignment r
        ON r.resource_id = pr.resource_id AND r.role = $resource_manager
    WHERE r.person_id <> pr.person_id
    UNION
    SELECT p.id, r.person_id, 3 FROM people_person p
    JOIN inst pi ON pi.org_id = p.organisation_id
    JOIN catalogue_roleassignment r
        ON r.organisation_id = pi.inst_id AND r.role = $portfolio_manager
    WHERE r.person_id <> p.id AND p.id IN $people
),
best_priority(person_id, priority) AS (
    SELECT person_id, MIN(priority) FROM manager_candidates GROUP BY person_id
),
managers(person_id, manager_id) AS (
    SELECT m.person_id, m.manager_id FROM manager_candidates m
    JOIN best_priority b ON b.person_id = m.person_id AND b.priority = m.priority
)"""
