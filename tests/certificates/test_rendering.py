"""The PDF: Latvian text, PDF/A, a QR code that decodes to the verification URL."""

import io
import logging

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from certificates import rendering
from certificates.rendering import (
    CertificateText,
    certificate_pdf,
    html_to_pdfa,
    sample_text,
)
from certificates.services import certificate_issue
from courses.services import completion_record, enrolment_create


@pytest.fixture
def latvian_certificate(certificate_template, site_pages, latvian_holder):
    enrolment = enrolment_create(
        actor=None, person=latvian_holder, course=site_pages["course"]
    )
    return certificate_issue(completion=completion_record(enrolment=enrolment))


def _pdf(certificate) -> bytes:
    certificate.pdf.open("rb")
    try:
        return certificate.pdf.read()
    finally:
        certificate.pdf.close()


def test_text_has_the_latvian_name_and_the_pdf_declares_pdfa(latvian_certificate):
    data = _pdf(latvian_certificate)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Ģirts Ābeļkalns-Čakste" in text
    assert latvian_certificate.short_code in text
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in metadata and b"3" in metadata
    assert b"pdfaid:conformance" in metadata
    # The fonts embedded are the template's own @font-face families, loaded
    # from certificates/fonts (shipped Liberation 2), not the system's.
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("+Cert-" in name for name in fonts), fonts


def test_qr_code_decodes_to_the_verification_url(latvian_certificate):
    data = _pdf(latvian_certificate)
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=3).to_pil()
    decoded = {result.text for result in zxingcpp.read_barcodes(image)}
    assert decoded, "no QR code found on the certificate"
    url = decoded.pop()
    assert url.endswith(f"/v/{latvian_certificate.code}/")
    # The same URL is printed and clickable.
    reader = PdfReader(io.BytesIO(data))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in reader.pages[0].get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert url in links


def test_template_text_is_text_not_markup(certificate_template):
    certificate_template.body_en = '{person} <img src="http://example.com/x.png">'
    text: CertificateText = sample_text(certificate_template, "en")
    pdf = certificate_pdf(certificate_template, text)
    extracted = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert '<img src="http://example.com/x.png">' in extracted


def test_fill_substitutes_by_name_alone():
    # Defence behind CertificateTemplate.clean: a text that got past it (an
    # old row, a script) gets no padding, conversion or lookup on the value.
    values = {"person": "Anna", "course": "ITIL"}
    filled = rendering._fill(
        "{person:>40}|{person!r}|{person:{course}}|{course!s:^9}", values
    )
    assert filled == "Anna|Anna|Anna|ITIL"
    assert (
        rendering._fill("{person.__class__}|{person[0]}|{nav:>9}|{{person}}", values)
        == "{person.__class__}|{person[0]}|{nav:>9}|{person}"
    )


def test_local_and_remote_urls_render_without_them_and_warn(caplog):
    html = (
        "<p>Ābele</p>"
        '<img src="file:///etc/passwd">'
        '<img src="http://example.com/logo.png">'
        '<p style="background: url(https://example.com/bg.png)">x</p>'
    )
    with caplog.at_level(logging.WARNING, logger="certificates.rendering"):
        pdf = html_to_pdfa(html)
    assert "Ābele" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    refused = " ".join(record.getMessage() for record in caplog.records)
    assert "file:///etc/passwd" in refused
    assert "http://example.com/logo.png" in refused


def _png(colour) -> bytes:
    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new("RGB", (120, 60), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _wagtail_image(title, colour):
    from django.core.files.base import ContentFile
    from wagtail.images.models import Image

    return Image.objects.create(
        title=title, file=ContentFile(_png(colour), name=f"{title}.png")
    )


def _images_on_page(pdf: bytes) -> int:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return len(page["/Resources"].get("/XObject", {}))


def test_logo_and_signature_are_read_once_per_process(
    certificate_template, monkeypatch
):
    """A batch renders the same logo hundreds of times: its rendition is made
    and read for the first certificate only, and every certificate still
    carries it (logo, signature and QR code)."""
    from wagtail.images.models import Image

    monkeypatch.setattr(rendering, "_template_images", {})
    certificate_template.logo = _wagtail_image("Ģerbonis", "#7a1f2b")
    certificate_template.signature = _wagtail_image("Paraksts", "#1f4e79")
    certificate_template.save()
    renditions = []
    get_rendition = Image.get_rendition

    def counting(image, spec):
        renditions.append(image.title)
        return get_rendition(image, spec)

    monkeypatch.setattr(Image, "get_rendition", counting)
    first = certificate_pdf(
        certificate_template, sample_text(certificate_template, "lv")
    )
    second = certificate_pdf(
        certificate_template, sample_text(certificate_template, "en")
    )
    assert sorted(renditions) == ["Paraksts", "Ģerbonis"]
    assert _images_on_page(first) == _images_on_page(second) == 3
    assert (
        "Anna Bērziņa-Ozoliņa" in PdfReader(io.BytesIO(second)).pages[0].extract_text()
    )
