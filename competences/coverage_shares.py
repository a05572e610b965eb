"""Coverage counted per organisation: the dashboard's heat map.

The people-competences cells of competences/coverage.py (the same rules, the
same SQL), grouped in the database by the person's own organisation.
"""

import datetime
from dataclasses import dataclass

from competences.coverage import (
    WINDOW_DAYS,
    CoverageFilters,
    _person_sql,
)
from competences.coverage_rows import _run


@dataclass(frozen=True)
class OrganisationShare:
    """How many of an organisation's people who require a competence hold it."""

    organisation_id: int
    competence_id: int
    required: int
    covered: int
    percent: int


# Per (person's organisation, competence): the people who require it, and those
# who hold it (held or expiring). The percentage is floored, so that 100 %
# means everyone.
_SHARES = """SELECT organisation_id, competence_id, COUNT(*) AS required,
    SUM(CASE WHEN status IN ('held', 'expiring') THEN 1 ELSE 0 END) AS covered,
    (100 * SUM(CASE WHEN status IN ('held', 'expiring') THEN 1 ELSE 0 END))
        / COUNT(*) AS percent
FROM pcov GROUP BY organisation_id, competence_id"""


def coverage_shares(
    *,
    as_of: datetime.date,
    window_days: int = WINDOW_DAYS,
    filters: CoverageFilters | None = None,
) -> dict[tuple[int, int], OrganisationShare]:
    """The people-competences cells counted per (the person's own organisation,
    competence) in the database: how many require it, how many hold it (held or
    expiring) and the floored percentage. One query. The dashboard's heat map."""
    sql, params = _person_sql(as_of, window_days, filters or CoverageFilters(), _SHARES)
    return {
        (row["organisation_id"], row["competence_id"]): OrganisationShare(
            organisation_id=row["organisation_id"],
            competence_id=row["competence_id"],
            required=int(row["required"]),
            covered=int(row["covered"]),
            percent=int(row["percent"]),
        )
        for row in _run(sql, params)
    }
