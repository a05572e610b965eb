"""A certificate as a PDF/A-3b document, rendered by WeasyPrint.

The renderer fetches nothing: fonts come from this app's `fonts/` directory
(Liberation 2, OFL), a template's logo and signature from this process's
memory (read once per image), the QR code from a data URI, and any other URL
in a template (file://, http://) is refused with a warning, so the certificate
renders without it. Rendering runs under a time limit.
"""

import base64
import contextlib
import datetime
import hashlib
import io
import logging
import signal
import string
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

import zxingcpp
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from PIL import Image
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lms.languages import site_language

logger = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_SCHEME = "certificate-font:"
IMAGE_SCHEME = "certificate-image:"

# A template's images as PNG, by IMAGE_SCHEME key: read from storage once per
# process rather than once per certificate (a batch renders the same logo
# hundreds of times). Keyed by the image and its file, so a new file is a new key.
_template_images: dict[str, bytes] = {}
TEMPLATE_IMAGES_KEPT = 32


class RenderTimeout(Exception):
    """The PDF took longer than CERTIFICATE_RENDER_SECONDS."""


def _data_response(url: str) -> URLFetcherResponse:
    # Decoded here rather than by urllib's opener, whose request machinery
    # costs more than the small PNG it carries.
    header, separator, payload = url[len("data:") :].partition(",")
    if not separator:
        raise ValueError("A data: URI without data.")
    media_type, *parameters = header.split(";")
    if "base64" in parameters:
        body = base64.b64decode(payload, validate=False)
    else:
        body = unquote_to_bytes(payload)
    return URLFetcherResponse(
        url, body, headers={"Content-Type": media_type or "text/plain"}
    )


class ClosedFetcher(URLFetcher):
    """Serves the shipped fonts, the templates' images and data: URIs;
    refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return _data_response(url)
        if url.startswith(IMAGE_SCHEME):
            data = _template_images.get(url[len(IMAGE_SCHEME) :])
            if data is not None:
                return URLFetcherResponse(
                    url, data, headers={"Content-Type": "image/png"}
                )
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


def template_image_url(image) -> str:
    """A Wagtail image as a certificate-image: URL that ClosedFetcher serves
    from memory (a rendition fit for print, read once per process)."""
    if image is None:
        return ""
    key = hashlib.sha256(f"{image.pk}:{image.file.name}".encode()).hexdigest()[:32]
    if key not in _template_images:
        rendition = image.get_rendition("max-800x400|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
        if len(_template_images) >= TEMPLATE_IMAGES_KEPT:
            _template_images.clear()
        _template_images[key] = data
    return IMAGE_SCHEME + key


def qr_png(url: str) -> bytes:
    """The QR code of `url` (level M), one pixel per module, greyscale.

    The page scales it up without smoothing (image-rendering: pixelated), so
    it prints as sharply as a large image at a fraction of the work; zxing-cpp
    encodes it (choosing the mask by the standard's penalty rules) in C++,
    where a pure-Python encoder spends milliseconds on the masks.
    """
    barcode = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = zxingcpp.write_barcode_to_image(barcode, scale=1, add_quiet_zones=False)
    height, width = modules.shape
    buffer = io.BytesIO()
    Image.frombytes("L", (width, height), bytes(modules)).save(buffer, format="PNG")
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(url)).decode()


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
    # Templates are checked at save time (CertificateTemplate.clean). Should a
    # text get past it, each placeholder is still replaced by its value by
    # name alone: a format spec or a conversion is ignored (str.format would
    # pad `{person:>999999999}` to a gigabyte, in C, where the time limit
    # cannot stop it), nothing is looked up on a value (`{person.__class__}`),
    # and an unknown name is left as written rather than failing an issue.
    filled = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        filled.append(literal)
        if name is None:
            continue
        if name in values:
            filled.append(str(values[name]))
        else:
            filled.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return "".join(filled)


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
                "logo": template_image_url(template.logo),
                "signature": template_image_url(template.signature),
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


class _ImageCache(OrderedDict):
    """WeasyPrint's image cache (`write_pdf(cache=...)`), kept per thread
    across renders so that a template's logo and signature are decoded once,
    and bounded: every certificate adds its own QR code, used once."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


_local = threading.local()


def _image_cache() -> _ImageCache:
    if not hasattr(_local, "images"):
        _local.images = _ImageCache(64)
    return _local.images


def html_to_pdfa(html: str) -> bytes:
    """Render HTML to PDF/A-3b with the shipped fonts and stylesheet and the
    closed fetcher, under the time limit."""
    config, stylesheets = shipped_styles()
    with time_limit(settings.CERTIFICATE_RENDER_SECONDS):
        return HTML(
            string=html, url_fetcher=ClosedFetcher(), base_url=FONT_SCHEME
        ).write_pdf(
            stylesheets=stylesheets,
            font_config=config,
            pdf_variant="pdf/a-3b",
            cache=_image_cache(),
        )


def certificate_pdf(template, text: CertificateText) -> bytes:
    return html_to_pdfa(certificate_html(template, text))


def sample_text(template, language: str) -> CertificateText:
    """Sample data for the template's live preview in the admin, all of it in
    the previewed language (not the editor's)."""
    today = datetime.date.today()
    with translation.override(language):
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


def template_preview_response(template, request, language: str = "") -> HttpResponse:
    language = site_language(
        language or request.GET.get("language") or translation.get_language()
    )
    pdf = certificate_pdf(template, sample_text(template, language))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="preview.pdf"'
    return response
