"""How the coverage reports turn their SQL rows into Python rows: narrow
rows, names looked up once per report, dates parsed once per distinct value,
decisions made in the database, and no garbage collection in between.
Shared by competences/coverage.py, coverage_reports.py and coverage_shares.py.
"""

import datetime
import gc
from contextlib import contextmanager

from django.db import connection
from django.db.models import QuerySet

from competences.models import Competence
from lms.languages import is_english_active


def _date(value) -> datetime.date | None:
    if value is None or value.__class__ is datetime.date:
        return value
    return datetime.date.fromisoformat(str(value)[:10])


@contextmanager
def building_many_rows():
    """Hold off Python's cyclic garbage collector while a report builds its
    rows. A report of 100,000 cells allocates several objects per cell, and
    each few hundred allocations set off a collection that walks every
    object alive, so the collector took a quarter of the report's time
    (0.8 s of 3.2 s for service-coverage at 20,000 people). The rows form no
    cycles; whatever else is pending is collected after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# A cell's status and the dates of the attainment that decides it (for held
# and expiring the last-expiring valid one, for expired the one that lapsed
# last), and the centre only when delegated: decided in the database, since
# a Python call per cell costs as much as the query on 100,000 cells.
_DECISION_COLUMNS = """status,
    CASE WHEN status IN ('held', 'expiring') THEN valid_att
        WHEN status = 'expired' THEN lapsed_att END AS decided_att,
    CASE WHEN status IN ('held', 'expiring') AND forever = 0 THEN valid_exp
        WHEN status = 'expired' THEN lapsed_exp END AS decided_exp,
    CASE WHEN status = 'delegated' THEN delegated_to ELSE '' END AS decided_centre"""


class _Dates(dict):
    """A date column's values as dates: SQLite returns text, PostgreSQL dates.
    A report's cells share a few thousand distinct dates, so each text is
    parsed once (`dates[value]`)."""

    def __missing__(self, value):
        date = self[value] = _date(value)
        return date


def _names(queryset: QuerySet, english: bool) -> dict[int, tuple]:
    """id -> (code, name in the current language, *the rest) of a small
    table; one query, so that the report's rows stay narrow."""
    names = {}
    for pk, code, name_lv, name_en, *rest in queryset:
        names[pk] = (code, name_en if english and name_en else name_lv, *rest)
    return names


def _competence_names(english: bool) -> dict[int, tuple]:
    return _names(
        Competence.objects.values_list(
            "pk", "code", "name_lv", "name_en", "sort_order"
        ),
        english,
    )


def _english() -> bool:
    """Whether names are shown in English: asked once per report, since
    get_language() costs more than building a cell."""
    return is_english_active()


def _bilingual(row: dict, prefix: str, english: bool | None = None) -> str:
    if english is None:
        english = _english()
    name = row[f"{prefix}_en"]
    if english and name:
        return name
    return row[f"{prefix}_lv"]


def _decision(row: dict, dates: dict | None = None) -> dict:
    """Status and the dates of the attainment that decides it, from a row
    holding `_DECISION_COLUMNS`."""
    dates = _Dates() if dates is None else dates
    return {
        "status": row["status"],
        "attained_on": dates[row["decided_att"]],
        "expires_on": dates[row["decided_exp"]],
        "delegated_to": row["decided_centre"],
    }
