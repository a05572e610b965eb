"""`manage.py bench certificates`: rendering cost against same-run baselines.

1. One certificate in a warm process against a minimal one-page WeasyPrint
   document with the same shipped fonts (target: at most 1.5x). Signing is
   measured apart, with a throwaway key, because its cost is the key's.
2. A batch rendered by 2 worker processes against 1 (target: at least 1.7x
   the throughput).

Nothing is written to the database: the template is an unsaved instance.
"""

import datetime
import multiprocessing
import statistics
import time

from django.utils.translation import gettext_lazy as _

from lms.bench import Benchmark

# The same shipped fonts (html_to_pdfa adds their @font-face rules).
MINIMAL = """<!DOCTYPE html><html lang="lv"><head><meta charset="utf-8"><style>
@page { size: A4 landscape; margin: 20mm; }
body { font-family: "Cert Sans"; } h1 { font-family: "Cert Serif"; }
</style></head><body><h1>Apliecība</h1><p>Anna Bērziņa-Ozoliņa</p></body></html>"""


def _template():
    from certificates.models import CertificateTemplate
    from people.models import Organisation

    return CertificateTemplate(
        name="bench",
        issuer=Organisation(code="BENCH", name_lv="Valsts iestāde"),
        validity_months=24,
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv="Apliecina, ka {person} ir pabeidzis kursu “{course}” ({competences}).",
        body_en="{person} has completed the course “{course}”.",
        signatory_name="Ilze Kalniņa",
        signatory_title_lv="Mācību koordinatore",
        signatory_title_en="Training coordinator",
    )


def _text(index: int):
    from certificates.rendering import CertificateText

    today = datetime.date(2026, 11, 27)
    return CertificateText(
        language="lv",
        holder_name=f"Anna Bērziņa-Ozoliņa {index}",
        title="ITIL pamati",
        competences="K01, K06",
        completed_on=today,
        issued_on=today,
        expires_on=today.replace(year=2028),
        short_code=f"BNCH-{index:04d}-00",
        verification_url=f"https://lms.example.lv/v/bench{index:08d}/",
        issuer="Valsts iestāde",
    )


def _render_one(index: int) -> int:
    from certificates.rendering import certificate_pdf

    return len(certificate_pdf(_template(), _text(index)))


def _worker_init():
    import django

    django.setup()


def _median(function, repeat: int) -> float:
    times = []
    for _attempt in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class CertificatesBenchmark(Benchmark):
    name = "certificates"
    help = _("Benchmark certificate rendering against a minimal WeasyPrint page.")

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--batch", type=int, default=500)

    def run(self, *, stdout, repeat, batch, **options):
        from certificates.rendering import certificate_pdf, html_to_pdfa
        from certificates.signing import pdf_sign

        template = _template()
        minimal = MINIMAL

        def baseline():
            html_to_pdfa(minimal)

        def one():
            certificate_pdf(template, _text(1))

        baseline()
        one()  # warm: fonts parsed, templates compiled
        base = _median(baseline, repeat)
        cert = _median(one, repeat)
        stdout.write(f"median of {repeat}, warm process")
        stdout.write(f"minimal page (same fonts, PDF/A-3b): {base * 1000:7.1f} ms")
        stdout.write(
            f"certificate:                          {cert * 1000:7.1f} ms"
            f"  ratio {cert / base:.2f}  (target <= 1.5)"
        )
        signing = _signing_time(pdf_sign, certificate_pdf(template, _text(1)), repeat)
        stdout.write(f"signing, apart (RSA-2048, no TSA):    {signing * 1000:7.1f} ms")

        throughput = {}
        for workers in (1, 2):
            context = multiprocessing.get_context("fork")
            with context.Pool(workers, initializer=_worker_init) as pool:
                pool.map(_render_one, range(workers))  # warm every worker
                started = time.perf_counter()
                pool.map(_render_one, range(batch), chunksize=4)
                elapsed = time.perf_counter() - started
            throughput[workers] = batch / elapsed
            stdout.write(
                f"batch of {batch}, {workers} worker(s): {elapsed:6.1f} s"
                f"  {throughput[workers]:5.1f} certificates/s"
            )
        stdout.write(
            f"2 workers / 1 worker: {throughput[2] / throughput[1]:.2f}x"
            "  (target >= 1.7)"
        )


def _throwaway_key(directory, code: str) -> None:
    """A self-signed RSA-2048 key in `<code>.p12`, made for this run only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (directory / f"{code}.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"bench", key, cert, None, serialization.NoEncryption()
        )
    )


def _signing_time(pdf_sign, pdf: bytes, repeat: int) -> float:
    """Time a PAdES signature (no timestamp) with a key made for the run."""
    import tempfile
    from pathlib import Path

    from django.test import override_settings

    from people.models import Organisation

    organisation = Organisation(code="BENCH", name_lv="Valsts iestāde")
    with tempfile.TemporaryDirectory() as directory:
        _throwaway_key(Path(directory), organisation.code)
        with override_settings(
            CERTIFICATE_SIGNING_DIR=directory, CERTIFICATE_TSA_URL=""
        ):
            pdf_sign(pdf, organisation=organisation)
            return _median(lambda: pdf_sign(pdf, organisation=organisation), repeat)
