"""Checks of an uploaded document, by its content: plumbing with no domain rules.

Used wherever people upload a document that others will open (evidence of a
recognised competence, attachments of a consultation): the file name and the
browser's content type are not trusted, only the file's first bytes.
"""

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A PDF, an image or an office document, recognised by content.
DOCUMENT_TYPES = frozenset(
    {
        "pdf",
        "jpg",
        "png",
        "gif",
        "webp",
        "tif",
        "heic",
        "doc",
        "docx",
        "odt",
        "xls",
        "xlsx",
        "ods",
        "ppt",
        "pptx",
        "odp",
        "rtf",
    }
)


def document_check(
    file, *, field: str, max_bytes: int, allowed: frozenset = DOCUMENT_TYPES
) -> None:
    """Raise `ValidationError({field: …})` if `file` is larger than `max_bytes`
    or its content is not one of the `allowed` types; the file is left at its
    start either way."""
    if file.size > max_bytes:
        raise ValidationError(
            {
                field: _("The file is larger than %(size)s MB.")
                % {"size": max_bytes // (1024 * 1024)}
            }
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in allowed:
        raise ValidationError(
            {field: _("The file is not a PDF, an image or an office document.")}
        )
