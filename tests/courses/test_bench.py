"""`manage.py bench pages`: what can be checked without loading a server."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses import bench
from lms.bench import registry

HEY_OUTPUT = """
Summary:
  Total:\t5.0155 secs
  Requests/sec:\t346.1897

Latency distribution:
  10% in 0.0005 secs
  90% in 0.0136 secs
  95% in 0.0161 secs
  0% in 0.0000 secs

Status code distribution:
  [200]\t1730 responses
  [302]\t4 responses
"""


def test_pages_benchmark_is_registered():
    assert isinstance(registry.get("pages"), bench.PagesBenchmark)


def test_hey_output_is_read():
    result = bench.parse_hey(HEY_OUTPUT)
    assert result == {
        "rps": 346.1897,
        "p95": 0.0161,
        "status": {"200": 1730, "302": 4},
    }


def test_unreadable_hey_output_is_refused():
    with pytest.raises(CommandError):
        bench.parse_hey("connection refused")


def test_child_processes_run_production_settings_on_their_own_files(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/īsts")
    monkeypatch.setenv("TASKS_BACKEND", "rq")
    environment = bench.child_environment(tmp_path)
    assert environment["DJANGO_SETTINGS_MODULE"] == "lms.settings.production"
    assert environment["LMS_VAR_DIR"] == str(tmp_path / "var")
    assert environment["SECRET_KEY"]
    assert environment["SECURE_SSL_REDIRECT"] == "0"
    assert "DATABASE_URL" not in environment
    assert "TASKS_BACKEND" not in environment


def test_without_hey_the_command_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="apt-get install hey"):
        call_command("bench", "pages")


def test_unknown_page_is_refused(monkeypatch):
    monkeypatch.setattr(bench.shutil, "which", lambda name: "/usr/bin/hey")
    with pytest.raises(CommandError, match="sākumlapa"):
        call_command("bench", "pages", "--pages", "sākumlapa")
