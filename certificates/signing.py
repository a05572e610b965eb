"""PAdES-B signatures of certificate PDFs (pyHanko), per issuing institution.

Keys never pass through the web: each institution's PKCS#12 file lies in
CERTIFICATE_SIGNING_DIR as `<ORGANISATION CODE>.p12`, its passphrase in the
environment variable CERTIFICATE_SIGNING_PASSPHRASE_<CODE>, and an RFC 3161
timestamp authority at CERTIFICATE_TSA_URL_<CODE> (or CERTIFICATE_TSA_URL for
all). An institution without a key issues unsigned certificates.
"""

import asyncio
import io
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps


def _env_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "_", code.upper())


def key_path(organisation) -> Path | None:
    directory = settings.CERTIFICATE_SIGNING_DIR
    if not directory or organisation is None or not organisation.code:
        return None
    name = f"{organisation.code}.p12"
    # A code names a file in the directory, never a path: coordinators edit
    # their organisations' codes, and "./<another institution's code>" or
    # "/tmp/x" would reach another institution's key or a file of their own.
    if Path(name).name != name:
        return None
    path = Path(directory) / name
    return path if path.is_file() else None


def signer_for(organisation) -> signers.SimpleSigner | None:
    """The institution's signer, or None when it has no key configured."""
    path = key_path(organisation)
    if path is None:
        return None
    passphrase = os.environ.get(
        f"CERTIFICATE_SIGNING_PASSPHRASE_{_env_code(organisation.code)}", ""
    )
    return signers.SimpleSigner.load_pkcs12(
        str(path), passphrase=passphrase.encode() or None
    )


def timestamper_for(organisation) -> timestamps.TimeStamper | None:
    url = os.environ.get(
        f"CERTIFICATE_TSA_URL_{_env_code(organisation.code)}"
    ) or getattr(settings, "CERTIFICATE_TSA_URL", "")
    return timestamps.HTTPTimeStamper(url, timeout=10) if url else None


def pdf_sign(pdf: bytes, *, organisation) -> tuple[bytes, bool]:
    """(the PDF signed by the organisation's key, True), or (pdf, False)."""
    signer = signer_for(organisation)
    if signer is None:
        return pdf, False
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Certificate of completion",
        name=organisation.code,
    )
    timestamper = timestamper_for(organisation)

    def sign() -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        return signers.sign_pdf(
            writer, metadata, signer=signer, timestamper=timestamper
        ).getvalue()

    return _outside_event_loop(sign), True


def _outside_event_loop(function):
    """`function()`, in a thread of its own if this thread runs an event loop:
    pyHanko's synchronous API calls `asyncio.run`, which refuses to run inside
    a running loop (an ASGI worker, or Playwright's in the test session)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()
