import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra=None, timeout=120):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTEST") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.django_db
def test_migrations_match_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_deploy_checks(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "lms.example.lv",
            "LMS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(
        "check",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": "",
            "LMS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _redis_available() -> bool:
    import redis

    try:
        return redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.exceptions.ConnectionError:
        return False


def test_rq_backend_is_switched_by_settings_alone(tmp_path):
    """TASKS_BACKEND=rq: the same task goes through Redis and an RQ worker runs it."""
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    env = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "TASKS_BACKEND": "rq",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "LMS_VAR_DIR": str(tmp_path),
    }
    script = (
        "import django; django.setup();"
        "from django_tasks import task_backends;"
        "b = task_backends['default'];"
        "from lms.tasks import tasks_ping;"
        "r = tasks_ping.enqueue();"
        "print(type(b).__name__, r.id)"
    )
    env_all = {**os.environ, **env}
    enqueued = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env_all,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert enqueued.returncode == 0, enqueued.stderr
    backend, result_id = enqueued.stdout.split()
    assert backend == "RQBackend"

    worker = _manage(
        "rqworker",
        "--burst",
        "--job-class",
        "django_tasks_rq.Job",
        "default",
        env_extra=env,
    )
    assert worker.returncode == 0, worker.stderr

    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from django_tasks import task_backends;"
            "b = task_backends['default'];"
            f"print(b.get_result('{result_id}').status)",
        ],
        cwd=ROOT,
        env=env_all,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.stdout.strip() == "SUCCESSFUL", check.stderr


def test_database_backend_is_the_default():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from django.conf import settings;"
            "print(settings.TASKS['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "TASKS_BACKEND"},
            "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend", result.stderr


@pytest.mark.django_db
def test_check_tasks_reports_a_worker_run(capsys):
    # The test settings run tasks immediately, which stands in for a worker.
    call_command("check_tasks", "--timeout", "5")
    assert "ImmediateBackend" in capsys.readouterr().out
