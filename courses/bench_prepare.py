"""The database of `manage.py bench pages`, prepared in its child process.

Runs only under the benchmark's own environment (production settings, a
temporary LMS_VAR_DIR): migrate, the demo data, a bare Wagtail page, a
logged-in learner, and each page's query count. Writes `plan.json` for the
parent, which then starts gunicorn on the same database.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from wagtail.models import Locale, Page

from courses import demo
from courses.models import CourseIndexPage, CoursePage, HomePage

# The baseline: a plain wagtailcore.Page at this slug under the home page.
BARE = "bare"
BARE_SLUG = "bench-bare-page"


def _learner_email() -> str:
    return next(
        row["email"] for row in demo.table_rows("accounts") if row["group"] == "Learner"
    )


def _bare_page(home: HomePage) -> Page:
    """A plain wagtailcore.Page under the home page: Wagtail's own template."""
    existing = Page.objects.filter(slug=BARE_SLUG).first()
    if existing is not None:
        return existing
    page = Page(title="Bare Wagtail page", slug=BARE_SLUG, locale=home.locale)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _lesson_url(latvian: Locale) -> tuple[str | None, str]:
    """The first live lesson's URL, or None and why there is none."""
    try:
        model = apps.get_model("courses", "LessonPage")
    except LookupError:
        return None, "no lesson page model yet"
    lesson = model.objects.live().filter(locale=latvian).order_by("path").first()
    if lesson is None:
        return None, "no lesson in the demo data yet"
    return lesson.url, ""


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return len(queries)


def prepare_database(directory: Path) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    latvian = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.get(locale=latvian)
    course_index = CourseIndexPage.objects.live().get(locale=latvian)
    course = CoursePage.objects.live().filter(locale=latvian).order_by("path").first()
    urls = {
        BARE: _bare_page(home).url,
        "home": home.url,
        "catalogue": course_index.url,
        "course": course.url,
    }
    urls["lesson"], lesson_missing = _lesson_url(latvian)
    # The test client renders templates as the server does; the test
    # environment only lets it record them.
    setup_test_environment()
    anonymous = Client(HTTP_HOST="127.0.0.1")
    learner = Client(HTTP_HOST="127.0.0.1")
    learner.force_login(get_user_model().objects.get(email=_learner_email()))
    urls["dashboard"] = "/dashboard/"
    cookie_name = settings.SESSION_COOKIE_NAME
    cookie = f"{cookie_name}={learner.cookies[cookie_name].value}"
    pages = {}
    for name, url in urls.items():
        if url is None:
            pages[name] = None
            continue
        client = learner if name == "dashboard" else anonymous
        cold = _count(client, url)
        pages[name] = {
            "url": url,
            "cookie": cookie if name == "dashboard" else "",
            "queries_cold": cold,
            "queries_warm": _count(client, url),
        }
    plan = {"pages": pages, "missing": {"lesson": lesson_missing}}
    (directory / "plan.json").write_text(json.dumps(plan, indent=2))
