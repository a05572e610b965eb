"""Same-run page speed against a bare Wagtail page: `manage.py bench pages`.

    python manage.py bench pages [--duration 5] [--rounds 3] [--concurrency 8]

What it does, all on this machine:

1. Makes a temporary directory with a fresh SQLite database, `migrate`s it,
   runs `load_demo`, and adds a plain `wagtailcore.Page` under the Latvian
   home page. That page renders with Wagtail's own `wagtailcore/page.html`,
   so it is the bare Wagtail page the others are compared with: the same
   server, site, routing and middleware, and nothing of ours. A fresh
   database makes runs comparable and never writes to real data.
2. Counts each page's queries (first and second request) with Django's test
   client, and logs the demo learner in for the dashboard.
3. Starts gunicorn (sync workers on loopback) with the production settings,
   `collectstatic`ed static files served by WhiteNoise, and loads each page
   with `hey` in rounds, the bare page in every round, so that each page is
   compared with the baseline measured next to it.
4. Prints requests per second, p95 latency, their ratios to the bare page and
   the targets: at least 0.75x the bare page's requests per second, p95 at
   most 1.5x.

The preparation runs in a child `manage.py bench pages --prepare DIR` with the
production settings, so that the parent's own database is never touched.
`hey` comes from Debian (`apt-get install hey`); nothing else needs it.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.bench_prepare import BARE, prepare_database
from lms.bench import Benchmark

RPS_TARGET = 0.75
P95_TARGET = 1.5
# The pages measured, in order; the bare page is the baseline.
PAGES = (BARE, "home", "catalogue", "course", "lesson", "dashboard")
LABELS = {
    BARE: "bare Wagtail page",
    "home": "home",
    "catalogue": "course catalogue",
    "course": "course page",
    "lesson": "lesson",
    "dashboard": "dashboard (learner)",
}

_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_P95 = re.compile(r"95% in ([\d.]+) secs")
_STATUS = re.compile(r"\[(\d{3})\]\s+(\d+) responses")


def child_environment(directory: Path) -> dict[str, str]:
    """The environment of the prepared database's processes: production settings.

    Everything the production settings read from the environment is set here,
    so that the run never inherits the caller's database, cache or mail.
    """
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TASKS_BACKEND", "REDIS_URL", "CACHE_URL"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LMS_VAR_DIR": str(directory / "var"),
            "STATIC_ROOT": str(directory / "static"),
            # Plain HTTP on loopback: no redirect to https, no HSTS.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return environment


def parse_hey(output: str) -> dict:
    """Requests per second, p95 in seconds and status counts of one hey run."""
    rps = _RPS.search(output)
    p95 = _P95.search(output)
    if rps is None or p95 is None:
        raise CommandError(_("Could not read hey's output:\n%s") % output)
    return {
        "rps": float(rps.group(1)),
        "p95": float(p95.group(1)),
        "status": {code: int(count) for code, count in _STATUS.findall(output)},
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PagesBenchmark(Benchmark):
    name = "pages"
    help = gettext_lazy(
        "Load the public pages and the dashboard under gunicorn and compare "
        "them with a bare Wagtail page."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--duration", type=int, default=5, help="seconds per page and round"
        )
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--pages",
            default=",".join(PAGES[1:]),
            help="comma-separated subset of: " + ", ".join(PAGES[1:]),
        )
        parser.add_argument(
            "--keep", action="store_true", help="keep the temporary directory"
        )
        # Internal: the child that prepares the database (production settings).
        parser.add_argument("--prepare", help=argparse.SUPPRESS)

    def run(self, *, stdout, prepare=None, **options):
        self.stdout = stdout
        if prepare:
            prepare_database(Path(prepare))
            return
        hey = shutil.which("hey")
        if hey is None:
            raise CommandError(
                _(
                    "The load generator hey is not installed. Install it with "
                    "`apt-get install hey` (Debian) and run the benchmark again."
                )
            )
        wanted = [name for name in options["pages"].split(",") if name]
        unknown = set(wanted) - set(PAGES)
        if unknown:
            raise CommandError(_("Unknown pages: %s") % ", ".join(sorted(unknown)))
        directory = Path(tempfile.mkdtemp(prefix="lms-bench-pages-"))
        try:
            self._run(hey, directory, wanted, options)
        finally:
            if options["keep"]:
                self.stdout.write(f"kept: {directory}")
            else:
                shutil.rmtree(directory, ignore_errors=True)

    def _manage(self, environment, *arguments):
        subprocess.run(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
            env=environment,
            cwd=settings.BASE_DIR,
            check=True,
        )

    def _run(self, hey, directory, wanted, options):
        environment = child_environment(directory)
        self.stdout.write(
            _("Preparing a fresh database and static files in %s …") % directory
        )
        self._manage(environment, "collectstatic", "--noinput", "-v0")
        self._manage(environment, "bench", "pages", "--prepare", str(directory))
        plan = json.loads((directory / "plan.json").read_text())
        pages = [BARE, *[name for name in wanted if plan["pages"].get(name)]]
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "lms.wsgi:application",
                "--workers",
                str(options["workers"]),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=environment,
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait_until_up(base + plan["pages"][BARE]["url"], server)
            results = self._measure(hey, base, plan, pages, options)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        self._report(plan, pages, wanted, results, options)

    def _wait_until_up(self, url, server):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(_("gunicorn stopped before it served a page."))
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError(_("gunicorn did not answer within a minute."))

    def _hey(self, hey, url, cookie, arguments):
        command = [hey, *arguments, "-disable-redirects"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(
            [*command, url], capture_output=True, text=True, check=True
        ).stdout
        return parse_hey(output)

    def _measure(self, hey, base, plan, pages, options):
        concurrency = str(options["concurrency"])
        for name in pages:  # warm every worker's caches and templates
            page = plan["pages"][name]
            self._hey(hey, base + page["url"], page["cookie"], ["-n", "200", "-c", "4"])
        results = {name: [] for name in pages}
        for round_number in range(1, options["rounds"] + 1):
            self.stdout.write(_("Round %d …") % round_number)
            for name in pages:
                page = plan["pages"][name]
                result = self._hey(
                    hey,
                    base + page["url"],
                    page["cookie"],
                    ["-z", f"{options['duration']}s", "-c", concurrency],
                )
                bad = {code: n for code, n in result["status"].items() if code != "200"}
                if bad or not result["status"]:
                    raise CommandError(
                        _("%(page)s answered %(status)s, not 200.")
                        % {"page": page["url"], "status": result["status"]}
                    )
                results[name].append(result)
        return results

    def _report(self, plan, pages, wanted, results, options):
        """The table: medians over the rounds, ratios to the same round's bare page."""
        bare = results[BARE]
        self.stdout.write("")
        self.stdout.write(
            f"gunicorn {options['workers']} sync workers, hey -c "
            f"{options['concurrency']}, {options['rounds']} rounds x "
            f"{options['duration']} s per page, SQLite, production settings; "
            f"{os.cpu_count()} CPUs, load average "
            + " ".join(f"{value:.2f}" for value in os.getloadavg())
        )
        header = (
            f"{'page':<22} {'rps':>8} {'p95 ms':>8} {'rps x':>7} {'p95 x':>7} "
            f"{'queries':>8}  target"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        misses = 0
        for name in pages:
            page = plan["pages"][name]
            rounds = results[name]
            rps = statistics.median(r["rps"] for r in rounds)
            p95 = statistics.median(r["p95"] for r in rounds) * 1000
            rps_ratio = statistics.median(
                r["rps"] / b["rps"] for r, b in zip(rounds, bare, strict=True)
            )
            p95_ratio = statistics.median(
                r["p95"] / b["p95"] for r, b in zip(rounds, bare, strict=True)
            )
            queries = f"{page['queries_warm']} ({page['queries_cold']})"
            if name == BARE:
                verdict = "baseline"
            elif rps_ratio >= RPS_TARGET and p95_ratio <= P95_TARGET:
                verdict = "ok"
            else:
                verdict = "MISSED"
                misses += 1
            self.stdout.write(
                f"{LABELS[name]:<22} {rps:>8.1f} {p95:>8.1f} {rps_ratio:>7.2f} "
                f"{p95_ratio:>7.2f} {queries:>8}  {verdict}"
            )
        for name in wanted:
            if not plan["pages"].get(name):
                self.stdout.write(
                    f"{LABELS[name]:<22} {'—':>8} {'—':>8} {'—':>7} {'—':>7} "
                    f"{'—':>8}  " + plan.get("missing", {}).get(name, "")
                )
        self.stdout.write(
            _(
                "Targets: requests/s at least %(rps)s x the bare page's, p95 at "
                "most %(p95)s x. Queries: second request (first request)."
            )
            % {"rps": RPS_TARGET, "p95": P95_TARGET}
        )
        if misses:
            self.stdout.write(_("%d page(s) missed the targets.") % misses)
