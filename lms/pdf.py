"""HTML to PDF with WeasyPrint, never fetching anything from outside.

Reports and certificates render their own templates; a URL in their data (a
name that happens to be a link) must not make the server fetch it.
"""

import weasyprint
from django.utils.translation import gettext as _


def _no_fetch(url, *args, **kwargs):
    # Only inline data is allowed; everything a PDF needs is in its template.
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    raise ValueError(_("External resources are not loaded into PDFs."))


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()
