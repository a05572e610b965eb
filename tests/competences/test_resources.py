import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from competences.models import Competence
from competences.reference_data import FRAMEWORK_CODE
from lms.imports import registry
from lms.imports.readers import read_table
from lms.imports.runs import import_run
from lms.models import ImportJob
from lms.spreadsheets import dataset_bytes
from people.permissions import CONTENT_EDITOR, LEARNER, MANAGER
from tests.competences.moodle_files import MOODLE_CSV, _counts, _snapshot
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(text):
    with translation.override("en"):
        return import_run(
            importer_name="competences",
            table=read_table(text.encode(), "competences.csv"),
            dry_run=False,
        )


def test_new_competence_is_added_to_the_card_framework_at_the_end():
    report = run(
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K17;Datu analīzes kompetences;Data analysis;deleģējama;36;\n"
    )
    assert report.ok and report.new == 1, report.errors
    k17 = Competence.objects.get(code="K17")
    assert k17.framework.code == "PU2-12"
    assert k17.obligation == "delegable"
    assert k17.validity_months == 36
    assert k17.sort_order > Competence.objects.get(code="K16").sort_order


def test_obligation_of_an_existing_competence_can_be_changed():
    report = run(
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K07;Attīstības plānošanas dokumentu izveides kompetences;"
        "Drafting development-planning documents;mandatory;;\n"
    )
    assert report.ok and report.updated == 1, report.errors
    assert Competence.objects.get(code="K07").obligation == "mandatory"


def test_bad_values_are_reported():
    report = run(
        "code;name_lv;name_en;obligation;validity_months;description\n"
        "K18;Nosaukums;;sometimes;-3;\n"
    )
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "obligation"),
        (2, "validity_months"),
    }
    assert not Competence.objects.filter(code="K18").exists()


def test_export_of_the_card_framework_imports_back_unchanged():
    data = dataset_bytes(registry.get("competences").export(), "csv")
    report = import_run(
        importer_name="competences", table=read_table(data, "x.csv"), dry_run=False
    )
    assert report.ok, report.errors
    assert (report.new, report.updated, report.skipped) == (0, 0, 16)


# Moodle framework export: command line and admin ------------------------------------
@pytest.fixture
def moodle_file(tmp_path):
    path = tmp_path / "digitalas-prasmes.csv"
    path.write_text(MOODLE_CSV, encoding="utf-8")
    return path


def test_any_framework_round_trips_through_the_export_command(tmp_path, moodle_file):
    call_command("import", "moodle-framework", str(moodle_file), "--no-progress")
    before = _snapshot("DIG-2024")
    counts = _counts()
    out = tmp_path / "export.csv"
    call_command(
        "export", "moodle-framework", "--framework", "DIG-2024", "-o", str(out)
    )
    exported = read_table(out.read_bytes(), "export.csv")
    assert exported.rows == read_table(moodle_file.read_bytes(), "x.csv").rows
    call_command("import", "moodle-framework", str(out), "--no-progress")
    job = ImportJob.objects.order_by("-pk").first()
    assert (job.new_count, job.updated_count, job.skipped_count) == (0, 0, 6)
    assert _snapshot("DIG-2024") == before
    assert _counts() == counts


def test_export_command_defaults_to_the_cards_framework(tmp_path):
    out = tmp_path / "export.csv"
    call_command("export", "moodle-framework", "-o", str(out))
    table = read_table(out.read_bytes(), "export.csv")
    assert table.rows[0][1] == FRAMEWORK_CODE
    assert len(table.rows) == 17


def test_export_command_refuses_an_unknown_framework_and_a_stray_option():
    with translation.override("en"), pytest.raises(CommandError, match="NAV"):
        call_command("export", "moodle-framework", "--framework", "NAV")
    with translation.override("en"), pytest.raises(CommandError, match="people"):
        call_command("export", "people", "--framework", FRAMEWORK_CODE)


@pytest.fixture
def editor(make_member):
    # Whoever may import a framework (it needs the change permission on
    # competences: content editors, not training coordinators) may export it.
    return make_member(OrganisationFactory(), [CONTENT_EDITOR])


def test_admin_offers_every_framework_and_exports_the_chosen_one(
    client, editor, moodle_file
):
    call_command("import", "moodle-framework", str(moodle_file), "--no-progress")
    client.force_login(editor)
    page = client.get(reverse("lms_imports:upload", args=["moodle-framework"]))
    html = page.content.decode()
    assert 'name="framework"' in html
    assert html.index(f'value="{FRAMEWORK_CODE}"') < html.index('value="DIG-2024"')

    url = reverse("lms_imports:export", args=["moodle-framework"])
    response = client.get(url, {"framework": "DIG-2024"})
    assert response.status_code == 200
    assert 'filename="moodle-framework-dig-2024.csv"' in response["Content-Disposition"]
    exported = read_table(response.content, "x.csv")
    assert exported.rows == read_table(moodle_file.read_bytes(), "x.csv").rows
    # No choice: the card's framework.
    default = read_table(client.get(url).content, "x.csv")
    assert default.rows[0][1] == FRAMEWORK_CODE


def test_admin_export_refuses_unknown_frameworks_and_other_data(client, editor):
    client.force_login(editor)
    url = reverse("lms_imports:export", args=["moodle-framework"])
    assert client.get(url, {"framework": "NAV"}).status_code == 404
    # Other data is exported from its scoped listing, not here: not even for
    # an administrator, who may import people.
    client.force_login(UserFactory(is_superuser=True))
    people = reverse("lms_imports:export", args=["people"])
    assert client.get(people).status_code == 404
    page = client.get(reverse("lms_imports:upload", args=["people"]))
    assert 'name="framework"' not in page.content.decode()


@pytest.mark.parametrize("group", [MANAGER, LEARNER])
def test_admin_export_is_only_for_those_who_import(client, make_member, group):
    client.force_login(make_member(OrganisationFactory(), [group]))
    url = reverse("lms_imports:export", args=["moodle-framework"])
    response = client.get(url, {"framework": FRAMEWORK_CODE})
    # Wagtail turns a refusal into a redirect (dashboard, or login without
    # admin access); either way no file.
    assert response.status_code == 302
    assert not response.get("Content-Disposition")
