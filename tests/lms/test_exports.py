"""Every registered admin list export, in CSV and XLSX, with empty relations.

Each viewset's export is downloaded and opened (csv module, openpyxl) with a
record whose every nullable relation is empty (`service.code` on a resource
involvement, `parent.code` on a top-level organisation): the file must be
complete, its headings the translated column names, and that row's cells empty
where the relation is.
"""

import csv
import io

import openpyxl
import pytest
from django.db import models
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from lms import spreadsheets
from lms.models import ImportJob
from lms.spreadsheets import escape_formula, lookup_path
from people.models import Organisation
from people.permissions import COORDINATOR, MANAGER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INCOMPLETE = "EKSPORTS NAV PABEIGTS"


def _nullable_relations(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey | models.OneToOneField)
        and field.null
        and field.concrete
    ]


def _export(client, model, export_format):
    url = reverse(model.snippet_viewset.get_url_name("list"))
    return client.get(url, {"export": export_format})


def _csv_rows(response):
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))


def _xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response)), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.fixture
def admin_client(client, world):
    # An import whose starter was deleted: its `created_by` is empty too.
    ImportJob.objects.create(importer="organisations", file_name="bez-autora.csv")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "model", get_snippet_models(), ids=lambda model: model._meta.label_lower
)
def test_export_with_every_nullable_relation_empty(admin_client, model):
    viewset = model.snippet_viewset
    fields = list(viewset.list_export)
    assert fields, f"{model._meta.label} has no list export"
    # The record with the most empty nullable relations (an involvement needs
    # a service or a resource, so one of the two stays filled).
    nullable = _nullable_relations(model)
    empty = max(
        model.objects.all(),
        key=lambda obj: sum(getattr(obj, f"{name}_id") is None for name in nullable),
    )
    assert not nullable or any(
        getattr(empty, f"{name}_id") is None for name in nullable
    ), f"no {model._meta.label} with an empty relation"
    values = [lookup_path(empty, field) for field in fields]

    rows = _csv_rows(_export(admin_client, model, "csv"))
    headings = rows[0]
    for field, heading in zip(fields, headings, strict=True):
        assert heading and heading != field and "." not in heading, heading
        assert heading[0].isupper(), heading
    assert len(rows) - 1 == model.objects.count()
    expected = ["" if v is None else escape_formula(str(v)) for v in values]
    assert expected in rows[1:]

    sheet = _xlsx_rows(_export(admin_client, model, "xlsx"))
    assert sheet[0] == headings
    assert len(sheet) - 1 == model.objects.count()
    # openpyxl reads an empty string back as an empty cell.
    empties = [value in (None, "") for value in values]
    # Both files list the same rows in the same order.
    row = sheet[rows.index(expected)]
    # openpyxl's read-only rows stop at the last filled cell.
    row += [None] * (len(fields) - len(row))
    assert [cell is None for cell in row] == empties, row
    for cell, value in zip(row, values, strict=True):
        if isinstance(value, str) and value:
            assert cell == escape_formula(value), row


@pytest.mark.parametrize("group", [MANAGER, COORDINATOR])
def test_scoped_users_get_complete_exports(client, world, group):
    client.force_login(world["north"]["users"][group])
    exported = 0
    for model in get_snippet_models():
        response = _export(client, model, "csv")
        if response.status_code != 200:
            assert response.status_code in (302, 403), model
            continue
        exported += 1
        rows = _csv_rows(response)
        assert INCOMPLETE not in str(rows), model
        assert _xlsx_rows(_export(client, model, "xlsx"))[0] == rows[0]
    assert exported


def test_export_headings_are_translated(admin_client):
    from catalogue.models import Involvement, RoleAssignment

    rows = _csv_rows(_export(admin_client, Involvement, "csv"))
    assert rows[0][:3] == [
        "Persona (e-pasts)",
        "Pakalpojums (reģistra kods)",
        "Resurss (reģistra kods)",
    ]
    rows = _csv_rows(_export(admin_client, RoleAssignment, "csv"))
    assert rows[0] == ["Persona (e-pasts)", "Loma", "Darbības joma"]
    rows = _csv_rows(_export(admin_client, Organisation, "csv"))
    assert rows[0][-1] == "Augstāk stāvošās organizācijas kods"


def test_a_csv_export_failing_part_way_says_so(admin_client, monkeypatch):
    real = spreadsheets.lookup_path
    seen = []

    def fail_on_second_row(item, path):
        if item.pk not in seen:
            seen.append(item.pk)
        if len(seen) > 1:
            raise RuntimeError("disk on fire")
        return real(item, path)

    monkeypatch.setattr(spreadsheets, "lookup_path", fail_on_second_row)
    rows = [row for row in _csv_rows(_export(admin_client, Organisation, "csv")) if row]
    assert len(rows) == 3  # heading, the first row, the error line
    assert rows[-1][0].startswith(INCOMPLETE)


def test_a_csv_export_failing_on_the_first_row_fails_before_any_byte(
    admin_client, monkeypatch
):
    def fail(item, path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(spreadsheets, "lookup_path", fail)
    with pytest.raises(RuntimeError):
        _export(admin_client, Organisation, "csv")
