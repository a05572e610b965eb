"""Real-browser tests: Playwright drives the system Chromium, axe-core audits.

Skipped with a reason where Chromium is absent; LMS_REQUIRE_BROWSER=1 (set by
.ci/run) turns that skip into a failure so CI can never silently skip them.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
# As root Chromium needs --no-sandbox; the rest keep it off the network, which
# this machine does not have anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SERIOUS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM or not os.access(CHROMIUM, os.X_OK):
        message = "Chromium not found (install Debian's 'chromium' package)"
        if os.environ.get("LMS_REQUIRE_BROWSER"):
            pytest.fail(message + "; LMS_REQUIRE_BROWSER is set")
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves an event loop running in this thread, and
    # Django then hands out connection objects from another (async-context)
    # store. Carry the serialized migration data over so serialized_rollback
    # still restores groups, reference data and the root page between tests.
    stash = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    # The loop also trips Django's async-safety check, although the test body's
    # ORM calls are plain synchronous code; allow them for the browser tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        for alias, contents in stash.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        # A fading message is half-transparent mid-animation and would be
        # measured for contrast in passing: audit the settled page.
        page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')"
        )
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]
        assert not bad, f"{page.url}\n" + "\n".join(bad)
        return results

    return check


@pytest.fixture
def login(page):
    def do(email, password="correct-horse-battery", admin=False):
        page.goto("/admin/login/" if admin else "/login/")
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", password)
        # The login form's button, not the header's search button.
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_load_state()

    return do
