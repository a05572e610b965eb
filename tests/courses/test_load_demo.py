"""load_demo: the demo files through the importers and services, idempotently."""

import shutil

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from catalogue.models import Involvement, RoleAssignment
from catalogue.services import involvement_relation
from courses import demo
from courses.models import CoursePage, MaterialPage
from lms.models import ImportJob
from people.models import Organisation, Person, User

pytestmark = pytest.mark.django_db


def _snapshot():
    counts = {
        model._meta.label: model.objects.count()
        for app in (
            "people",
            "catalogue",
            "competences",
            "courses",
            "support",
            "curricula",
        )
        for model in apps.get_app_config(app).get_models()
    }
    counts["revisions"] = Revision.objects.count()
    counts["pages"] = Page.objects.count()
    passwords = dict(User.objects.values_list("email", "password"))
    return counts, passwords


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == first


def test_demo_content_matches_the_brief():
    # One load for all content checks: loading the demo takes seconds.
    call_command("load_demo", verbosity=0)
    _check_people_and_accounts()
    _check_tables_loaded_through_the_importers()
    _check_relations_agree_with_the_derivation_rule()
    _check_pages_carry_the_files_texts_and_metadata()
    _check_support_content()
    _check_curriculum_content()


def _check_curriculum_content():
    # Registered by curricula/: a plan of two courses and a guideline to
    # acknowledge, assigned to partners; one of them has completed it all.
    from curricula.models import Curriculum, CurriculumCompletion

    plan = Curriculum.objects.get(code="PARTNERI-2026")
    assert plan.items.count() == 2
    material = plan.materials.get().material
    assert material.slug == "arejo-partneru-ievadisana-darba"
    assert material.requires_acknowledgement
    completion = CurriculumCompletion.objects.get(curriculum=plan)
    assert completion.person.email == "aivars.mednis@rakc.example.lv"
    assert completion.round == 1


def _check_support_content():
    # Registered by support/ (courses.demo.loader_register): open and answered
    # consultations, some rated, and needs, as courses/demo/support.toml says.
    from support.models import Consultation, Feedback, SupportNeed

    data = demo.support_data()
    consultations = Consultation.objects.all()
    assert consultations.count() == len(data["consultation"])
    answered = [c for c in data["consultation"] if "answer" in c]
    assert consultations.filter(answered_at__isnull=False).count() == len(answered)
    assert consultations.filter(answered_at__isnull=True).exists()
    assert all(
        c.answered_at is None or c.answered_at > c.asked_at for c in consultations
    )
    assert Feedback.objects.count() == sum("rating" in c for c in data["consultation"])
    assert SupportNeed.objects.count() == len(data["need"])
    # A partner's institution-wide question goes to the agency's portfolio
    # manager, who has the demo's manager login.
    question = consultations.get(asker__email="toms.kronbergs@rakc.example.lv")
    assert question.routed_to.email == "ilze.kalnina@rpa.example.lv"


def _check_people_and_accounts():
    assert Person.objects.count() == len(demo.table_rows("people")) >= 40
    # Four courses and four materials, each in Latvian and English.
    assert CoursePage.objects.count() == 8
    assert MaterialPage.objects.count() == 8
    for row in demo.table_rows("accounts"):
        user = User.objects.get(email=row["email"])
        assert user.groups.filter(name=row["group"]).exists()
        assert user.check_password(demo.DEMO_PASSWORD)
        assert user.person.email == row["email"]
    admin = User.objects.get(email=demo.ADMIN_EMAIL)
    assert admin.is_superuser and admin.check_password(demo.DEMO_PASSWORD)


def _check_tables_loaded_through_the_importers():
    assert Organisation.objects.count() == len(demo.table_rows("organisations"))
    assert Involvement.objects.count() == len(demo.table_rows("involvements"))
    assert RoleAssignment.objects.count() == len(demo.table_rows("roles"))
    unit = Organisation.objects.get(code="90000000011")
    assert unit.parent.code == "90000000010"
    assert unit.name_lv == "Pakalpojumu vadības departaments"
    # Loaded as the system: no import job, no recording institution.
    assert not ImportJob.objects.exists()
    assert not Person.objects.filter(registered_by__isnull=False).exists()


def _check_relations_agree_with_the_derivation_rule():
    involvements = Involvement.objects.select_related(
        "person", "service", "resource"
    ).all()
    assert {i.relation for i in involvements} == {"internal", "external"}
    for involvement in involvements:
        owner_id = (involvement.service or involvement.resource).owner_id
        expected = involvement_relation(person=involvement.person, owner_id=owner_id)
        assert involvement.relation == expected, involvement.person.email


def _check_pages_carry_the_files_texts_and_metadata():
    course = CoursePage.objects.get(code="ITIL-PAM", locale__language_code="lv")
    text = demo.page_text("itil-pam", "lv")
    assert (
        course.title
        == text.title
        == ("ITIL pamati valsts pārvaldes pakalpojumu pārvaldībā")
    )
    assert course.summary == text.summary
    assert course.body == text.body
    assert course.duration_hours == 4
    assert sorted(c.code for c in course.competences.all()) == ["K03", "K06"]
    english = CoursePage.objects.get(code="ITIL-PAM", locale__language_code="en")
    assert english.title == demo.page_text("itil-pam", "en").title
    material = MaterialPage.objects.get(
        slug="arejo-partneru-ievadisana-darba", locale__language_code="lv"
    )
    assert sorted(s.code for s in material.services.all()) == [
        "PAK-1002",
        "PAK-1003",
        "PAK-1005",
    ]


def test_a_bad_demo_file_stops_the_load_and_keeps_nothing(tmp_path, monkeypatch):
    for path in demo.DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    people = (tmp_path / "people.csv").read_text(encoding="utf-8")
    # A person in an organisation that the organisations file does not have.
    (tmp_path / "people.csv").write_text(
        people + "jana.zeltina@example.lv,Jana,Zeltiņa,99999999999,,lv\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(demo, "DATA_DIR", tmp_path)
    with pytest.raises(CommandError) as error:
        call_command("load_demo", verbosity=0)
    assert "people" in str(error.value)
    assert "organisation_code" in str(error.value)
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()
