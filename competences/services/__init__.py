"""State changes of the competences app, split by noun: frameworks.py (whole
frameworks) and coverage.py (requirements, attainments, delegations)."""

from competences.services.coverage import (
    CHANNELS,
    EVIDENCE_TYPES,
    attainment_check,
    attainment_grant,
    attainment_revoke,
    attainments_log,
    delegation_check,
    delegation_save,
    evidence_check,
    recognition_record,
    requirement_check,
    requirement_save,
)
from competences.services.frameworks import (
    BATCH_SIZE,
    FrameworkImportCounts,
    framework_import,
)

__all__ = [
    "BATCH_SIZE",
    "CHANNELS",
    "EVIDENCE_TYPES",
    "FrameworkImportCounts",
    "attainment_check",
    "attainment_grant",
    "attainment_revoke",
    "attainments_log",
    "delegation_check",
    "delegation_save",
    "evidence_check",
    "framework_import",
    "recognition_record",
    "requirement_check",
    "requirement_save",
]
