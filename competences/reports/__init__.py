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
]
