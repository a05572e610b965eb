"""The coverage reports: shared parts in base.py, the views in cells.py and
summaries.py; `REPORTS` is what the admin, its exports and `manage.py report`
share."""

from competences.reports.base import (
    REPORT_TITLES,
    REPORTS,
    STATUS_LABELS,
    CoverageReportView,
    report_dataset,
    report_pdf,
)
from competences.reports.cells import (
    PeopleCompetencesView,
    ServiceCoverageView,
    SinglePointsOfFailureView,
)
from competences.reports.summaries import (
    ExpiringView,
    GapsView,
    OrganisationCoverageView,
)
from lms.spreadsheets import dataset_bytes

__all__ = [
    "REPORTS",
    "REPORT_TITLES",
    "STATUS_LABELS",
    "CoverageReportView",
    "ExpiringView",
    "GapsView",
    "OrganisationCoverageView",
    "PeopleCompetencesView",
    "ServiceCoverageView",
    "SinglePointsOfFailureView",
    "report_dataset",
    "report_pdf",
    "report_write",
]


def report_write(name: str, *, as_of, format: str, expiring_days: int, **options):
    """The file of `manage.py report <name>` (registered in lms.reporting by
    CompetencesConfig.ready)."""
    cells = REPORTS[name].selector(as_of=as_of, window_days=expiring_days)
    if format == "pdf":
        return report_pdf(name, cells, as_of=as_of, window_days=expiring_days)
    return dataset_bytes(report_dataset(name, cells), format)
