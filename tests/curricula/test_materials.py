"""Materials to acknowledge in a curriculum: the assignment rules, their
compliance rows, the learner's panel and the curriculum completion."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from courses.models import Enrolment, MaterialAudience, MaterialPage
from courses.services import completion_record
from curricula.models import (
    Assignment,
    AssignmentMember,
    AudienceKind,
    CurriculumCompletion,
    CurriculumMaterial,
    MemberStatus,
    Provider,
)
from curricula.selectors import (
    learner_curricula,
    material_compliance_rows,
    members_all_items_done,
)
from curricula.services import curriculum_save
from support.selectors import material_audience, material_current_version
from support.services import acknowledgement_record
from tests.factories import PersonFactory
from tests.support.fixtures import link_user, publish


def _today():
    # Material versions are published and acknowledged now, so the rows are
    # read as of today rather than the frozen TODAY of the other tests.
    return timezone.localdate()


@pytest.fixture
def guideline(site_pages, two_institutions):
    """A guideline asking service A's people (and, through the curriculum,
    its assignees) to acknowledge it: "Vadlīnijas"."""
    return publish(
        site_pages["material"],
        services=[two_institutions["service_a"]],
        audience=MaterialAudience.LISTED,
        requires_acknowledgement=True,
        body="<p>Ļoti svarīgi: pirmā versija.</p>",
    )


@pytest.fixture
def plan(curriculum, guideline):
    CurriculumMaterial.objects.create(curriculum=curriculum, material=guideline)
    return curriculum


@pytest.fixture
def newcomer(two_institutions):
    """Unit A's new employee: not involved in service A, so outside the
    guideline's own audience, but assigned the curriculum by hand."""
    person = PersonFactory(
        organisation=two_institutions["unit_a"],
        first_name="Līga",
        last_name="Ūdre",
        email="liga.udre@iestade-a.example.lv",
    )
    link_user(person)
    return person


@pytest.fixture
def member(plan, assign, newcomer):
    outcome = assign(
        curriculum=plan,
        audience_kind=AudienceKind.PEOPLE,
        people_ids=[newcomer.pk],
        today=None,
    )
    return AssignmentMember.objects.get(assignment=outcome.assignment)


def _acknowledge(person, material):
    return acknowledgement_record(
        person=person,
        material=material,
        version=material_current_version(material),
        actor=person.user,
    )


def _complete_courses(person):
    for enrolment in Enrolment.objects.filter(person=person, is_current=True):
        completion_record(enrolment=enrolment)


# Assignment rules ------------------------------------------------------------------


def _assign_to_service(assign, plan, w):
    return assign(
        curriculum=plan,
        audience_kind=AudienceKind.SERVICE,
        service=w["service_a"],
        provider=Provider.ANY,
        today=None,
    )


def test_a_material_not_asking_for_acknowledgement_cannot_be_assigned(
    plan, guideline, assign, two_institutions
):
    publish(guideline, requires_acknowledgement=False)
    with pytest.raises(ValidationError) as error:
        _assign_to_service(assign, plan, two_institutions)
    message = str(error.value.message_dict["curriculum"])
    assert "neprasa apstiprināt" in message and "Vadlīnijas" in message
    assert not Assignment.objects.exists()


def test_an_unpublished_or_deleted_material_cannot_be_assigned(
    plan, guideline, assign, two_institutions
):
    MaterialPage.objects.get(pk=guideline.pk).unpublish()
    with pytest.raises(ValidationError) as error:
        _assign_to_service(assign, plan, two_institutions)
    message = str(error.value.message_dict["curriculum"])
    assert "nav publicēti" in message and "Vadlīnijas" in message
    CurriculumMaterial.objects.filter(curriculum=plan).update(material=None)
    with pytest.raises(ValidationError, match="dzēsts"):
        _assign_to_service(assign, plan, two_institutions)
    assert not Assignment.objects.exists()


def test_a_material_appears_once_per_curriculum(plan, guideline):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CurriculumMaterial.objects.create(curriculum=plan, material=guideline)


def test_the_plan_keeps_the_materials_latvian_page(plan, guideline, two_institutions):
    english = guideline.get_translation(Locale.objects.get(language_code="en"))
    item = plan.materials.get()
    item.material = english
    plan.materials = [item]
    curriculum_save(curriculum=plan, actor=two_institutions["coordinator_a"])
    assert list(plan.materials.values_list("material_id", flat=True)) == [guideline.pk]


def test_the_curriculum_form_has_the_materials_beside_the_courses(
    plan, two_institutions
):
    client = Client()
    client.force_login(two_institutions["coordinator_a"])
    page = client.get(
        reverse("wagtailsnippets_curricula_curriculum:edit", args=[plan.pk])
    ).content.decode()
    assert "Materiāli, ar kuriem jāiepazīstas" in page
    assert "materials-TOTAL_FORMS" in page


# Acknowledging and compliance ----------------------------------------------------


def test_an_assignee_outside_the_materials_audience_is_asked_and_may_acknowledge(
    member, guideline, newcomer
):
    assert newcomer in set(material_audience(guideline))
    from support.selectors import materials_asking

    assert materials_asking(person=newcomer).filter(pk=guideline.pk).exists()
    _acknowledge(newcomer, guideline)
    # Leaving the audience ends the question (history kept).
    AssignmentMember.objects.filter(pk=member.pk).update(left_on=_today())
    assert newcomer not in set(material_audience(guideline))


def test_material_rows_not_started_completed_overdue_and_left(
    member, guideline, newcomer
):
    today = _today()

    def status(as_of):
        rows = material_compliance_rows(
            members=AssignmentMember.objects.filter(pk=member.pk), as_of=as_of
        )
        return [(row.material_id, row.status, row.completed_on) for row in rows]

    assert status(today) == [(guideline.pk, MemberStatus.NOT_STARTED, None)]
    late = member.due_on + datetime.timedelta(days=1)
    assert status(late) == [(guideline.pk, MemberStatus.OVERDUE, None)]
    _acknowledge(newcomer, guideline)
    assert status(today) == [(guideline.pk, MemberStatus.COMPLETED, today)]
    # A new version is a new question: the earlier acknowledgement no longer
    # completes it (it stays in the history, and in a report as of before).
    publish(guideline, version="2", change_note="Ņemts vērā jaunais likums.")
    assert status(today)[0][1] == MemberStatus.NOT_STARTED
    AssignmentMember.objects.filter(pk=member.pk).update(left_on=today)
    assert status(today)[0][1] == MemberStatus.LEFT


def test_the_curriculum_completion_waits_for_the_acknowledgement(
    member, guideline, newcomer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _complete_courses(newcomer)
    assert not CurriculumCompletion.objects.exists()
    assert (
        members_all_items_done(members=AssignmentMember.objects.all(), as_of=_today())
        == {}
    )
    with django_capture_on_commit_callbacks(execute=True):
        _acknowledge(newcomer, guideline)
    # The receiver of the saved acknowledgement recorded it.
    completion = CurriculumCompletion.objects.get()
    assert completion.member == member
    assert completion.completed_on == _today()


def test_material_rows_stay_out_of_the_compliance_csv(
    member, newcomer, courses, tmp_path
):
    out = tmp_path / "atbilstība.csv"
    call_command("report", "compliance", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0] == [
        "person_email",
        "curriculum_code",
        "course_code",
        "status",
        "assigned_on",
        "due_on",
        "completed_on",
    ]
    mine = [row for row in rows[1:] if row[0] == newcomer.email]
    assert sorted(row[2] for row in mine) == sorted(c.code for c in courses)


def test_an_overdue_material_makes_the_member_overdue_and_reminded(
    member, newcomer, two_institutions
):
    from curricula.models import Notification, NotificationKind
    from curricula.selectors import overdue_members
    from curricula.services import reminders_send

    _complete_courses(newcomer)
    late = member.due_on + datetime.timedelta(days=1)
    assert list(
        overdue_members(members=AssignmentMember.objects.all(), as_of=late)
    ) == [member]
    reminders_send(today=late)
    assert Notification.objects.filter(
        person=newcomer, kind=NotificationKind.OVERDUE
    ).exists()


def test_the_overview_counts_each_material_by_status(
    member, guideline, newcomer, two_institutions
):
    client = Client()
    client.force_login(two_institutions["coordinator_a"])
    url = reverse("curricula_admin:overview", args=[member.assignment_id])
    section = (
        client.get(url)
        .content.decode()
        .split('id="materials-heading"')[1]
        .split("</section>")[0]
    )
    assert "Vadlīnijas" in section
    assert "<td>1</td>" in section  # one not started
    other = Client()
    other.force_login(two_institutions["manager_b"])
    assert other.get(url).status_code == 404


# The learner's dashboard -----------------------------------------------------------


def test_the_dashboard_lists_the_materials_still_to_acknowledge(
    member, guideline, newcomer
):
    client = Client()
    client.force_login(newcomer.user)
    page = client.get(reverse("dashboard")).content.decode()
    panel = page.split('id="my-curricula-heading"')[1].split("</section>")[0]
    assert "Materiāli, ar kuriem vēl jāiepazīstas:" in panel
    assert f'href="{guideline.url}"' in panel and "Vadlīnijas" in panel
    _acknowledge(newcomer, guideline)
    page = client.get(reverse("dashboard")).content.decode()
    panel = page.split('id="my-curricula-heading"')[1].split("</section>")[0]
    assert "Materiāli, ar kuriem vēl jāiepazīstas:" not in panel


@pytest.mark.parametrize("extra", [0, 4])
def test_the_learners_curricula_cost_the_same_queries(
    extra,
    plan,
    assign,
    newcomer,
    site_pages,
    two_institutions,
    django_assert_max_num_queries,
):
    from courses.services import Taxonomy, Translated, material_page_ensure

    for number in range(extra):
        material = material_page_ensure(
            index=site_pages["pages"].materials,
            slug=f"kartiba-{number}",
            kind="instruction",
            text=Translated(
                f"Kārtība {number}",
                f"Procedure {number}",
                summary_lv="Īsumā",
                summary_en="In short",
            ),
            taxonomy=Taxonomy(),
            requires_acknowledgement=True,
        )
        CurriculumMaterial.objects.create(
            curriculum=plan, material=material, sort_order=number + 1
        )
    assign(
        curriculum=plan,
        audience_kind=AudienceKind.PEOPLE,
        people_ids=[newcomer.pk],
        today=None,
    )
    with django_assert_max_num_queries(6):
        entries = learner_curricula(person=newcomer, as_of=_today())
    assert len(entries[0]["to_acknowledge"]) == 1 + extra


@pytest.mark.parametrize("extra", [0, 12])
def test_the_material_rows_cost_one_query(
    extra, plan, assign, two_institutions, django_assert_num_queries
):
    w = two_institutions
    for number in range(extra):
        PersonFactory(organisation=w["unit_a"], last_name=f"Ķirsis{number}")
    assign(
        curriculum=plan,
        audience_kind=AudienceKind.ORGANISATION,
        organisation=w["unit_a"],
        today=None,
    )
    with django_assert_num_queries(1):
        rows = list(
            material_compliance_rows(
                members=AssignmentMember.objects.all(), as_of=_today()
            )
        )
    assert len(rows) == AssignmentMember.objects.count()


def test_a_coordinator_adds_a_material_in_the_curriculum_form(
    courses, guideline, two_institutions
):
    english = guideline.get_translation(Locale.objects.get(language_code="en"))
    client = Client()
    client.force_login(two_institutions["coordinator_a"])

    def formset(prefix, field, values):
        data = {
            f"{prefix}-TOTAL_FORMS": str(len(values)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for number, value in enumerate(values):
            data[f"{prefix}-{number}-{field}"] = str(value)
            data[f"{prefix}-{number}-ORDER"] = str(number + 1)
            data[f"{prefix}-{number}-id"] = ""
        return data

    response = client.post(
        reverse("wagtailsnippets_curricula_curriculum:add"),
        {
            "code": "DROŠĪBA-Ž",
            "name_lv": "Drošības plāns",
            "name_en": "Security plan",
            **formset("items", "course", [courses[0].pk]),
            **formset("materials", "material", [english.pk]),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from curricula.models import Curriculum

    plan = Curriculum.objects.get(code="DROŠĪBA-Ž")
    # Picked in English, kept as the Latvian page that acknowledgements name.
    assert [item.material_id for item in plan.materials.all()] == [guideline.pk]
