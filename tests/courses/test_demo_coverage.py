"""The demo's competence coverage (courses/demo/coverage_attainments.csv,
requirements.csv, delegations.csv): consistent files, and every status in
every report once loaded (the register tables and these only, not the pages)."""

import collections
import csv
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from competences import reference_data
from competences.coverage import (
    STATUSES,
    coverage_by_person,
    coverage_by_service,
    single_points_of_failure,
)
from competences.models import Attainment, Delegation, Requirement
from courses import demo, demo_coverage
from courses.management.commands.load_demo import import_demo_table

MANDATORY = {row[0] for row in reference_data.COMPETENCES if row[3] == "mandatory"}
COMPETENCES = {row[0] for row in reference_data.COMPETENCES}
SCALE = ["Nav apgūta", "Apgūta"]  # the card's framework scale, lowest first


@pytest.fixture(scope="module")
def files():
    return {
        name: demo.table_rows(name)
        for name in (
            *demo.TABLES,
            "coverage_attainments",
            "requirements",
            "delegations",
        )
    }


def test_attainment_rows_are_consistent(files):
    people = {p["email"]: p for p in files["people"]}
    keys = [
        (r["person_email"], r["competence_code"], r["note"])
        for r in files["coverage_attainments"]
    ]
    # The loader finds a row again by person, competence and note.
    assert len(set(keys)) == len(keys)
    for row in files["coverage_attainments"]:
        assert row["person_email"] in people, row
        assert row["competence_code"] in COMPETENCES, row
        assert row["level"] in ("", *SCALE), row
        assert int(row["attained_days_ago"]) > 0, row  # never in the future
        assert not row["valid_days"] or int(row["valid_days"]) > 0, row


def test_expired_then_renewed_histories_of_external_partners(files):
    organisations = {o["code"]: o for o in files["organisations"]}
    people = {p["email"]: p for p in files["people"]}
    by_pair = collections.defaultdict(list)
    for row in files["coverage_attainments"]:
        by_pair[row["person_email"], row["competence_code"]].append(row)
    renewed = []
    for (email, _code), rows in by_pair.items():
        lapsed = [
            r
            for r in rows
            if r["valid_days"] and int(r["valid_days"]) < int(r["attained_days_ago"])
        ]
        current = [
            r
            for r in rows
            if not r["valid_days"]
            or int(r["valid_days"]) > int(r["attained_days_ago"]) + 30
        ]
        if lapsed and current:
            renewed.append(organisations[people[email]["organisation_code"]]["kind"])
    assert "competence_centre" in renewed and "enterprise" in renewed


def test_requirements_and_delegations_are_consistent(files):
    services = {s["code"]: s for s in files["services"]}
    resources = {r["code"] for r in files["resources"]}
    organisations = {o["code"]: o for o in files["organisations"]}
    for row in files["requirements"]:
        scopes = [row["service_code"], row["resource_code"], row["role"]]
        assert sum(bool(s) for s in scopes) <= 1, row
        assert not row["service_code"] or row["service_code"] in services
        assert not row["resource_code"] or row["resource_code"] in resources
        assert row["min_level"] in ("", *SCALE)
    for row in files["delegations"]:
        assert row["competence_code"] not in MANDATORY, row
        assert organisations[row["centre_code"]]["kind"] == "competence_centre"
        assert bool(row["service_code"]) != bool(row["institution_code"]), row
        datetime.date.fromisoformat(row["start_date"])
        # The delegated competence is required where the delegation covers.
        assert any(
            r["competence_code"] == row["competence_code"]
            for r in files["requirements"]
        )


def test_loader_columns_match_the_files():
    for name in ("coverage_attainments", "requirements", "delegations"):
        with demo.table_path(name).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert (
            header
            == {
                "coverage_attainments": [
                    "person_email",
                    "competence_code",
                    "level",
                    "attained_days_ago",
                    "valid_days",
                    "note",
                ],
                # The columns of the importers (issue 10, section 6).
                "requirements": [
                    "competence_code",
                    "service_code",
                    "resource_code",
                    "role",
                    "min_level",
                ],
                "delegations": [
                    "competence_code",
                    "centre_code",
                    "service_code",
                    "institution_code",
                    "start_date",
                    "end_date",
                ],
            }[name]
        )


@pytest.mark.django_db
def test_every_report_shows_every_status_and_a_second_load_changes_nothing():
    for name in demo.TABLES:
        assert import_demo_table(name).ok
    admin = get_user_model().objects.create_superuser(
        email=demo.ADMIN_EMAIL, password="x-Parole-2026"
    )
    demo_coverage.load(actor=admin)
    counts = (
        Attainment.objects.count(),
        Requirement.objects.count(),
        Delegation.objects.count(),
    )
    assert counts == (171, 4, 2)
    today = timezone.localdate()
    service_cells = coverage_by_service(as_of=today)
    people_cells = coverage_by_person(as_of=today)
    assert {c.status for c in service_cells} == set(STATUSES)
    assert {c.status for c in people_cells} == set(STATUSES)
    # Internal staff and external partners both appear with gaps and holdings.
    for provider in ("internal", "external"):
        statuses = {c.status for c in service_cells if c.provider == provider}
        assert {"held", "expiring", "expired", "missing"} <= statuses, provider
    delegated = {c.delegated_to for c in service_cells if c.status == "delegated"}
    assert delegated == {"90000000030"}
    points = single_points_of_failure(as_of=today)
    assert ("PAK-1003", "K10") in {(p.service_code, p.competence_code) for p in points}
    demo_coverage.load(actor=admin)
    assert (
        Attainment.objects.count(),
        Requirement.objects.count(),
        Delegation.objects.count(),
    ) == counts
