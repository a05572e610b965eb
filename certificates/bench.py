"""`manage.py bench certificates`: rendering cost against same-run baselines.

1. One certificate in a warm process against a minimal one-page WeasyPrint
   document with the same shipped fonts (target: at most 1.5x). The two are
   timed in turns (blocks of runs), so that other load on the machine falls
   on both alike, and each certificate is a different one (holder, code, URL
   and QR code), as in a batch. Wall-clock and CPU time are both printed: on
   a busy machine the wall clock also counts the time other processes held
   the core, and it counts more of it for the longer of the two. Signing is
   measured apart, with a throwaway key, because its cost is the key's.
2. A batch rendered by 2 worker processes against 1 (target: at least 1.7x
   the throughput). Every worker is started, set up and warmed before the
   clock starts; the runs with 1 and 2 workers alternate (--rounds), and the
   best run of each counts, since other load only ever slows a run down. The
   CPU time per certificate shows whether a second process adds work of its
   own, and the cores a run had (its CPU seconds over its wall-clock ones)
   how much of the machine other processes left it.

Nothing is written to the database: the template is an unsaved instance.
"""

import dataclasses
import datetime
import gc
import html
import multiprocessing
import os
import statistics
import time
from html.parser import HTMLParser

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


class _Blocks(HTMLParser):
    """The text of each paragraph and heading of a certificate's body, inline
    markup (bold, links) flattened into it."""

    BLOCKS = {"p", "h1", "h2", "h3", "div"}

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
        elif self._in_body and tag in self.BLOCKS:
            self._close()
            self._current = []

    def handle_endtag(self, tag):
        if tag in self.BLOCKS or tag == "body":
            self._close()

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def _close(self):
        if self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                self.blocks.append(text)
        self._current = None


def _blocks(document: str) -> list[str]:
    parser = _Blocks()
    parser.feed(document)
    parser.close()
    return parser.blocks


def _paragraphs(blocks, extra: str = "") -> str:
    """A document of `blocks` as plain paragraphs on the certificate's page."""
    body = "".join(f"<p>{html.escape(block)}</p>" for block in blocks)
    return (
        '<!DOCTYPE html><html lang="lv"><head><meta charset="utf-8"><style>'
        "@page { size: A4 landscape; margin: 20mm; }"
        'body { font-family: "Cert Sans"; }'
        f"</style></head><body>{body}{extra}</body></html>"
    )


def reference_documents(template, text) -> dict[str, str]:
    """Two documents between the minimal page and the certificate, which say
    where the certificate's cost lies:

    - "words": every paragraph of the certificate as a plain paragraph, with
      no frame, QR code, link, positioning or inline markup: what laying out
      the certificate's text costs at the least;
    - "person": only the paragraphs that differ between two people's
      certificates (holder, body text, dates, address, code) and the QR code:
      the least a renderer could do per certificate if everything else of the
      template were rendered once and reused.
    """
    from certificates.rendering import certificate_html, qr_data_uri

    own = _blocks(certificate_html(template, text))
    later = datetime.timedelta(days=400)
    other = dataclasses.replace(
        text,
        holder_name="Jānis Ozoliņš",
        completed_on=text.completed_on - later,
        issued_on=text.issued_on - later,
        expires_on=text.expires_on and text.expires_on - later,
        short_code="ZZZZ-9999-99",
        verification_url=text.verification_url.rstrip("/") + "x/",
    )
    static = set(_blocks(certificate_html(template, other)))
    qr = (
        f'<img src="{qr_data_uri(text.verification_url)}" alt=""'
        ' style="width: 28mm; height: 28mm">'
    )
    return {
        "words": _paragraphs(own),
        "person": _paragraphs([block for block in own if block not in static], qr),
    }


def _render_one(index: int) -> float:
    """Render certificate `index`; return the CPU seconds it took."""
    from certificates.rendering import certificate_pdf

    started = time.process_time()
    certificate_pdf(_template(), _text(index))
    return time.process_time() - started


def _worker_init(ready) -> None:
    """Set up and warm this worker (fonts, stylesheet, templates), then wait
    until every worker is as far: the clock starts after the barrier."""
    import django

    django.setup()
    _render_one(0)
    ready.wait()


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def _timed_in_turns(functions: dict, repeat: int, block: int = 5) -> dict:
    """Median wall-clock and CPU seconds of `repeat` runs of each function.

    The functions take turns in blocks of `block` runs, so that other load on
    the machine falls on each alike; the first run of a block is dropped,
    since it pays for the other function's use of the CPU caches.
    """
    wall = {name: [] for name in functions}
    cpu = {name: [] for name in functions}
    while any(len(times) < repeat for times in wall.values()):
        for name, function in functions.items():
            for run in range(block):
                started, started_cpu = time.perf_counter(), time.process_time()
                function()
                if run and len(wall[name]) < repeat:
                    wall[name].append(time.perf_counter() - started)
                    cpu[name].append(time.process_time() - started_cpu)
    return {
        name: (statistics.median(wall[name]), statistics.median(cpu[name]))
        for name in functions
    }


def _batch_seconds(workers: int, batch: int) -> tuple[float, float]:
    """Wall-clock seconds of the batch, and CPU seconds per certificate."""
    context = multiprocessing.get_context("fork")
    ready = context.Barrier(workers + 1)
    # Objects made so far stay out of the collector, so that the forked
    # workers do not copy the pages it would touch.
    gc.freeze()
    try:
        with context.Pool(workers, initializer=_worker_init, initargs=(ready,)) as pool:
            ready.wait(timeout=300)
            started = time.perf_counter()
            cpu = pool.map(_render_one, range(1, batch + 1), chunksize=4)
            return time.perf_counter() - started, sum(cpu) / batch
    finally:
        gc.unfreeze()


class CertificatesBenchmark(Benchmark):
    name = "certificates"
    help = _("Benchmark certificate rendering against a minimal WeasyPrint page.")

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--rounds", type=int, default=2)

    def run(self, *, stdout, repeat, batch, rounds, **options):
        from certificates.rendering import certificate_pdf, html_to_pdfa
        from certificates.signing import pdf_sign

        template = _template()
        minimal = MINIMAL
        counter = iter(range(1, 10**9))

        def baseline():
            html_to_pdfa(minimal)

        def one():
            certificate_pdf(template, _text(next(counter)))

        references = reference_documents(template, _text(0))

        def words():
            html_to_pdfa(references["words"])

        def person():
            html_to_pdfa(references["person"])

        functions = {"baseline": baseline, "words": words, "person": person}
        functions["one"] = one
        for function in functions.values():
            function()  # warm: fonts parsed, templates compiled
        stdout.write(f"median of {repeat}, warm process, timed in turns ({_load()})")
        times = _timed_in_turns(functions, repeat)
        base, base_cpu = times["baseline"]
        stdout.write("                                      wall ms   CPU ms   ratio")
        for label, name in (
            ("minimal page (same fonts, PDF/A-3b):", "baseline"),
            ("  the certificate's words alone:     ", "words"),
            ("  only what differs per person + QR: ", "person"),
            ("certificate:                         ", "one"),
        ):
            wall, cpu = times[name]
            stdout.write(
                f"{label} {wall * 1000:8.1f} {cpu * 1000:8.1f} {cpu / base_cpu:7.2f}"
            )
        cert, cert_cpu = times["one"]
        stdout.write(
            f"ratio (target <= 1.5):                {cert / base:8.2f} "
            f"{cert_cpu / base_cpu:8.2f}  ({_load()})"
        )
        signing = _signing_time(pdf_sign, certificate_pdf(template, _text(1)), repeat)
        stdout.write(f"signing, apart (RSA-2048, no TSA):    {signing * 1000:7.1f} ms")

        best = {1: 0.0, 2: 0.0}
        for _round in range(rounds):
            for workers in (1, 2):
                elapsed, cpu = _batch_seconds(workers, batch)
                best[workers] = max(best[workers], batch / elapsed)
                # Cores the run had: its CPU seconds over its wall-clock ones.
                cores = cpu * batch / elapsed
                stdout.write(
                    f"batch of {batch}, {workers} worker(s): {elapsed:6.1f} s"
                    f"  {batch / elapsed:5.1f} certificates/s"
                    f"  {cpu * 1000:5.1f} CPU ms each  {cores:4.2f} cores  ({_load()})"
                )
        stdout.write(
            f"2 workers / 1 worker, best runs: {best[2] / best[1]:.2f}x"
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
            signing = _timed_in_turns(
                {"sign": lambda: pdf_sign(pdf, organisation=organisation)}, repeat
            )
            return signing["sign"][0]
