"""A certificate as a PDF/A-3b document, rendered by WeasyPrint.

The renderer fetches nothing: fonts come from this app's `fonts/` directory
(Liberation 2, OFL), images are inlined as data URIs before rendering, and any
other URL in a template (file://, http://) is refused with a warning, so the
certificate renders without it. Rendering runs under a time limit.
"""

import base64
import contextlib
import datetime
import logging
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_SCHEME = "certificate-font:"


class RenderTimeout(Exception):
    """The PDF took longer than CERTIFICATE_RENDER_SECONDS."""


class ClosedFetcher(URLFetcher):
    """Serves the shipped fonts and data: URIs; refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(FONT_SCHEME):
            name = Path(url[len(FONT_SCHEME) :]).name
            path = FONTS_DIR / name
            if path.suffix == ".ttf" and path.is_file():
                return URLFetcherResponse(url, path.read_bytes())
        logger.warning("Certificate rendering refused to fetch %s", url[:200])
        raise ValueError(f"Certificates load no external resources: {url[:200]}")


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise RenderTimeout after `seconds` (an interval timer: main thread only).

    Tasks and commands render in the main thread of their process; a render
    started from another thread runs without the limit rather than not at all.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise RenderTimeout(_("The certificate took too long to render."))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def image_data_uri(image) -> str:
    """A Wagtail image as a data: URI (a rendition fit for print)."""
    if image is None:
        return ""
    rendition = image.get_rendition("max-800x400|format-png")
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return "data:image/png;base64," + base64.b64encode(data).decode()


def qr_data_uri(url: str) -> str:
    # A PNG: drawn as one image, where an SVG QR code is hundreds of paths.
    return segno.make(url, error="m").png_data_uri(scale=10, border=0)


@dataclass
class CertificateText:
    """Everything one certificate says, in its language."""

    language: str
    holder_name: str
    title: str
    competences: str
    completed_on: datetime.date
    issued_on: datetime.date
    expires_on: datetime.date | None
    short_code: str
    verification_url: str
    issuer: str

    def placeholders(self) -> dict:
        with translation.override(self.language):
            return {
                "person": self.holder_name,
                "course": self.title,
                # An alias, so that a curriculum's template may say what it means.
                "curriculum": self.title,
                "competences": self.competences,
                "completed_on": formats.date_format(self.completed_on),
                "issued_on": formats.date_format(self.issued_on),
                "valid_until": (
                    formats.date_format(self.expires_on)
                    if self.expires_on
                    else _("no expiry")
                ),
                "code": self.short_code,
                "verification_url": self.verification_url,
                "issuer": self.issuer,
            }


def _fill(text: str, values: dict) -> str:
    # Templates are checked at save time (CertificateTemplate.clean); an
    # unknown name here is left as written rather than failing an issue.
    class Default(dict):
        def __missing__(self, key):
            return "{" + key + "}"

    return text.format_map(Default(values))


def certificate_html(template, text: CertificateText) -> str:
    values = text.placeholders()
    suffix = "lv" if text.language == "lv" else "en"
    with translation.override(text.language):
        return render_to_string(
            "certificates/certificate.html",
            {
                "template": template,
                "language": text.language,
                "title": _fill(getattr(template, f"title_{suffix}"), values),
                "paragraphs": [
                    _fill(paragraph, values)
                    for paragraph in getattr(template, f"body_{suffix}").split("\n\n")
                    if paragraph.strip()
                ],
                "signatory_title": getattr(template, f"signatory_title_{suffix}"),
                "text": text,
                "values": values,
                "logo": image_data_uri(template.logo),
                "signature": image_data_uri(template.signature),
                "qr": qr_data_uri(text.verification_url),
            },
        )


FONT_FACES = """
@font-face { font-family: "Cert Sans";
             src: url("certificate-font:LiberationSans-Regular.ttf"); }
@font-face { font-family: "Cert Sans"; font-weight: bold;
             src: url("certificate-font:LiberationSans-Bold.ttf"); }
@font-face { font-family: "Cert Sans"; font-style: italic;
             src: url("certificate-font:LiberationSans-Italic.ttf"); }
@font-face { font-family: "Cert Serif";
             src: url("certificate-font:LiberationSerif-Regular.ttf"); }
@font-face { font-family: "Cert Serif"; font-weight: bold;
             src: url("certificate-font:LiberationSerif-Bold.ttf"); }
"""
_styles: tuple[FontConfiguration, list[CSS]] | None = None


def shipped_styles() -> tuple[FontConfiguration, list[CSS]]:
    """The shipped fonts and the certificate's stylesheet, loaded once per
    process: registering @font-face files and parsing the stylesheet on every
    render cost more than laying out the certificate."""
    global _styles
    if _styles is None:
        config = FontConfiguration()
        options = {
            "base_url": FONT_SCHEME,
            "url_fetcher": ClosedFetcher(),
            "font_config": config,
        }
        _styles = (
            config,
            [
                CSS(string=FONT_FACES, **options),
                CSS(
                    filename=str(Path(__file__).with_name("certificate.css")), **options
                ),
            ],
        )
    return _styles


def html_to_pdfa(html: str) -> bytes:
    """Render HTML to PDF/A-3b with the shipped fonts and stylesheet and the
    closed fetcher, under the time limit."""
    config, stylesheets = shipped_styles()
    with time_limit(settings.CERTIFICATE_RENDER_SECONDS):
        return HTML(
            string=html, url_fetcher=ClosedFetcher(), base_url=FONT_SCHEME
        ).write_pdf(stylesheets=stylesheets, font_config=config, pdf_variant="pdf/a-3b")


def certificate_pdf(template, text: CertificateText) -> bytes:
    return html_to_pdfa(certificate_html(template, text))


def sample_text(template, language: str) -> CertificateText:
    """Sample data for the template's live preview in the admin."""
    today = datetime.date.today()
    return CertificateText(
        language=language,
        holder_name="Anna Bērziņa-Ozoliņa",
        title=_("Service management basics (ITIL)"),
        competences="K01, K06",
        completed_on=today,
        issued_on=today,
        expires_on=(
            today.replace(year=today.year + 2) if template.validity_months else None
        ),
        short_code="K7Q4-9XMP-2D",
        verification_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/v/sample/",
        issuer=str(template.issuer) if template.issuer_id else "—",
    )


def template_preview_response(template, request) -> HttpResponse:
    language = request.GET.get("language") or translation.get_language() or "lv"
    language = "en" if language.startswith("en") else "lv"
    pdf = certificate_pdf(template, sample_text(template, language))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="preview.pdf"'
    return response
