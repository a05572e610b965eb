"""certificates/ services; callers import from here."""

from certificates.services.batches import (
    ZIP_INLINE_MAX,
    certificate_batch_run,
    certificate_batch_start,
    zip_bytes,
)
from certificates.services.issue import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    verification_url,
)

__all__ = [
    "ZIP_INLINE_MAX",
    "certificate_batch_run",
    "certificate_batch_start",
    "certificate_issue",
    "certificate_reissue",
    "certificate_revoke",
    "verification_url",
    "zip_bytes",
]
