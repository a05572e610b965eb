"""`manage.py bench certificates` runs end to end on a tiny batch, and its
reference documents hold what they say they hold."""

import io

from django.core.management import call_command

from certificates.bench import _template, _text, reference_documents


def test_bench_certificates_prints_both_ratios():
    out = io.StringIO()
    call_command(
        "bench",
        "certificates",
        "--repeat",
        "1",
        "--batch",
        "4",
        "--rounds",
        "1",
        stdout=out,
    )
    text = out.getvalue()
    assert "ratio (target <= 1.5)" in text
    assert "the certificate's words alone:" in text
    assert "only what differs per person + QR:" in text
    assert "batch of 4, 1 worker(s)" in text
    assert "batch of 4, 2 worker(s)" in text
    assert "2 workers / 1 worker, best runs:" in text


def test_words_document_has_every_paragraph_of_the_certificate_and_no_markup():
    words = reference_documents(_template(), _text(7))["words"]
    body = words.split("<body>", 1)[1]
    for paragraph in (
        "Valsts iestāde",
        "Apliecība",
        "Anna Bērziņa-Ozoliņa 7",
        "Ilze Kalniņa",
        "Mācību koordinatore",
        "https://lms.example.lv/v/bench00000007/",
        "Kods: BNCH-0007-00",
    ):
        assert f"<p>{paragraph}</p>" in body
    # The dates' bold values are flattened into their paragraph.
    assert "<b>" not in body and "<a " not in body and "<img" not in body


def test_person_document_leaves_out_what_every_certificate_of_the_template_shares():
    text = _text(7)
    person = reference_documents(_template(), text)["person"]
    body = person.split("<body>", 1)[1]
    assert "<p>Anna Bērziņa-Ozoliņa 7</p>" in body
    assert "Kods: BNCH-0007-00" in body
    assert "bench00000007" in body
    assert '<img src="data:image/png;base64,' in body
    # The issuer, title and signatory are the template's, not the person's.
    for shared in ("Valsts iestāde</p>", "<p>Apliecība</p>", "Ilze Kalniņa"):
        assert shared not in body
    # Dates are the person's: the paragraph that carries them is kept.
    assert "Pabeigts: 2026. gada 27. novembris" in body
