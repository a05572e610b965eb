"""`manage.py bench certificates` runs end to end on a tiny batch."""

import io

from django.core.management import call_command


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
    assert "batch of 4, 1 worker(s)" in text
    assert "batch of 4, 2 worker(s)" in text
    assert "2 workers / 1 worker, best runs:" in text
