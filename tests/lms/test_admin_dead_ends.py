"""Issue 7, section 7: no dead ends or misleading messages in the admin."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.models import ImportJob
from people.models import Person
from people.permissions import CONTENT_EDITOR, COORDINATOR
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# One good row, then three rows that fail: a failed check writes nothing.
MIXED = (
    "email;first_name;last_name;organisation_code;job_title;language\n"
    "ieva@example.lv;Ieva;Ūdre;90000000077;;lv\n"
    "bad-email;Ēriks;Ābele;90000000077;;lv\n"
    "zane@example.lv;Zane;Čakste;99999999999;;lv\n"
    "juris@example.lv;;Ķīsis;90000000077;;lv\n"
)


@pytest.fixture
def coordinator(make_member):
    return make_member(OrganisationFactory(code="90000000077"), [COORDINATOR])


def _check(client, user, content):
    client.force_login(user)
    client.post(
        reverse("lms_imports:upload", args=["people"]),
        {"file": SimpleUploadedFile("personas.csv", content.encode())},
    )
    return ImportJob.objects.get()


def test_failed_check_announces_no_new_rows(client, coordinator):
    job = _check(client, coordinator, MIXED)
    assert job.error_count == 3
    assert (job.new_count, job.updated_count, job.skipped_count) == (0, 0, 0)
    page = client.get(
        reverse("lms_imports:job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert "<dt>Jauni</dt>" not in page
    assert "Kļūdas" in page
    assert not Person.objects.filter(email="ieva@example.lv").exists()


def test_import_history_shows_the_importers_name(client, coordinator):
    _check(client, coordinator, MIXED)
    page = client.get(
        reverse("wagtailsnippets_lms_importjob:list"), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert "Personas" in page
    assert ">people<" not in page.replace(" ", "").replace("\n", "")


def test_coordinator_gets_no_page_search_on_the_dashboard(
    client, two_institutions, make_member
):
    client.force_login(two_institutions["coordinator_a"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'role="search"' not in page
    # Editors may explore pages, so they keep the search box and it works.
    editor = make_member(two_institutions["ministry"], [CONTENT_EDITOR])
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'role="search"' in page
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


def _make_run_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("BASE_URL", "HOST")}
    env.update(extra)
    return env


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["PORT=8101"], {}, "export BASE_URL='http://127.0.0.1:8101'"),
        (["HOST=0.0.0.0", "PORT=8102"], {}, "export BASE_URL='http://127.0.0.1:8102'"),
        (
            ["PORT=8101"],
            {"BASE_URL": "https://lms.example.lv"},
            "export BASE_URL='https://lms.example.lv'",
        ),
    ],
)
def test_make_run_links_follow_the_served_port(args, env, expected):
    result = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        env=_make_run_env(**env),
        capture_output=True,
        text=True,
        check=True,
    )
    assert expected in result.stdout


@pytest.mark.parametrize("group", ["manager", "coordinator", "content_editor"])
def test_every_menu_item_a_group_sees_opens(
    client, two_institutions, make_member, group
):
    """A menu item that only leads back to the dashboard ("no permission") is
    a dead end: whoever sees an item may open it."""
    user = {
        "manager": lambda: two_institutions["manager_a"],
        "coordinator": lambda: two_institutions["coordinator_a"],
        "content_editor": lambda: make_member(
            two_institutions["ministry"], [CONTENT_EDITOR]
        ),
    }[group]()
    client.force_login(user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    urls = sorted(set(re.findall(r'"url": "(/admin/[^"]+)"', home)))
    assert urls, "the sidebar's menu was not found"
    dashboard = reverse("wagtailadmin_home")
    dead = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 302 and response["Location"] == dashboard:
            dead.append(url)
        elif response.status_code not in (200, 302):
            dead.append(f"{url} {response.status_code}")
    assert dead == []
