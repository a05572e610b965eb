import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lms.models import ImportJob
from people.models import Person
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "email;first_name;last_name;organisation_code;job_title;language\n"
    "anna@example.lv;Anna;Bērziņa;90000000010;;lv\n"
)
BAD = GOOD + "broken;;Bērziņa;404;;lv\n"


@pytest.fixture(autouse=True)
def setup():
    OrganisationFactory(code="90000000010")
    with translation.override("en"):
        yield


def test_import_prints_a_summary_and_records_the_job(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    call_command("import", "people", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert "new 1" in out
    assert Person.objects.filter(email="anna@example.lv").exists()
    job = ImportJob.objects.get()
    assert (job.file_name, job.importer, job.new_count, job.status) == (
        "people.csv",
        "people",
        1,
        ImportJob.Status.SUCCEEDED,
    )


def test_dry_run_writes_nothing(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    call_command("import", "people", str(path), "--dry-run", "--no-progress")
    assert "Nothing was written" in capsys.readouterr().out
    assert not Person.objects.exists()


def test_errors_are_listed_by_row_and_column_and_exit_non_zero(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(BAD)
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert "row 3, column email:" in err
    assert "row 3, column first_name:" in err
    assert "row 3, column organisation_code:" in err
    assert not Person.objects.exists()
    assert ImportJob.objects.get().status == ImportJob.Status.FAILED


def test_bad_file_exits_non_zero(tmp_path, capsys):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"plain text pretending")
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--no-progress")
    assert "workbook" in capsys.readouterr().err


def test_export_writes_the_import_columns(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    call_command("import", "people", str(path), "--no-progress")
    out = tmp_path / "export.csv"
    call_command("export", "people", "--format", "csv", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == (
        "email,first_name,last_name,organisation_code,job_title,language"
    )
    call_command("import", "people", str(out), "--no-progress")
    assert ImportJob.objects.order_by("-pk").first().skipped_count == 1


def test_progress_bar_goes_to_stderr(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    call_command("import", "people", str(path))
    assert "rows" in capsys.readouterr().err
