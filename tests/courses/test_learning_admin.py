"""Editors' and coordinators' side of the learning path: workflow and preview of
lessons and quizzes, enrolment from the admin, re-completion of a new version."""

import pytest
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from competences.models import Competence
from courses.models import (
    Completion,
    CourseCompetenceLevel,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
)
from courses.services import (
    attempt_submit,
    completion_record,
    course_recompletion_request,
    enrolment_create,
)
from people.permissions import CONTENT_EDITOR
from tests.courses.conftest import right_answers
from tests.factories import OrganisationFactory


@pytest.fixture
def editor(make_member):
    return make_member(OrganisationFactory(), [CONTENT_EDITOR])


def test_lesson_and_quiz_go_through_preview_and_moderation(
    client, course, lessons, quiz, editor
):
    client.force_login(editor)
    lesson = lessons[0]
    data = nested_form_data(
        {
            "title": "Nodarbība ar izmaiņām",
            "slug": lesson.slug,
            "summary": "Jauns kopsavilkums",
            "estimated_minutes": "12",
            "body": streamfield(
                [("paragraph", rich_text("<p>Priekšskatījuma teksts</p>"))]
            ),
            "comments": inline_formset([]),
        }
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    preview = client.post(preview_url, data)
    assert preview.status_code == 200, preview.content[:300]
    assert preview.json()["is_valid"]
    assert "Priekšskatījuma teksts" in client.get(preview_url).content.decode()
    # Submitting to moderation starts the default workflow; the live page stays.
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    assert response.status_code == 302
    assert WorkflowState.objects.filter(
        object_id=str(lesson.pk), status="in_progress"
    ).exists()
    assert LessonPage.objects.get(pk=lesson.pk).title == "Nodarbība 1"
    assert Workflow.objects.filter(active=True).exists()
    # The quiz: a draft with a new question keeps the live questions served.
    draft = quiz.get_latest_revision_as_object()
    draft.pass_mark = 50
    draft.save_revision(user=editor)
    assert type(quiz).objects.get(pk=quiz.pk).pass_mark == 100
    assert (
        client.get(reverse("wagtailadmin_pages:view_draft", args=[quiz.pk])).status_code
        == 200
    )


def test_course_competence_level(course):
    competence = Competence.objects.get(code="K06")
    assert course.competence_level(competence) is None
    CourseCompetenceLevel.objects.create(course=course, competence=competence, level=2)
    course.refresh_from_db()
    assert course.competence_level(competence) == 2
    assert course in competence.courses.all()


def test_coordinator_enrols_from_the_admin_listing_and_form(
    client, course, two_institutions
):
    coordinator = two_institutions["coordinator_a"]
    client.force_login(coordinator)
    staff, partner = two_institutions["staff_a"], two_institutions["partner_person"]
    outsider = two_institutions["staff_b"]
    url = reverse("wagtail_bulk_action", args=["people", "person", "enrol"])
    ids = f"id={staff.pk}&id={partner.pk}&id={outsider.pk}"
    page = client.get(f"{url}?{ids}")
    assert page.status_code == 200
    assert outsider.full_name not in page.content.decode()
    response = client.post(
        f"{url}?{ids}", {"course": course.pk, "due_on": "2027-02-01"}
    )
    assert response.status_code == 302
    enrolled = set(Enrolment.objects.values_list("person_id", flat=True))
    assert enrolled == {staff.pk, partner.pk}
    assert Enrolment.objects.get(person=staff).source == "coordinator"
    listing = client.get(reverse("wagtailsnippets_courses_enrolment:list"))
    assert staff.last_name in listing.content.decode()
    add = client.post(
        reverse("wagtailsnippets_courses_enrolment:add"),
        {"person": outsider.pk, "course": course.pk, "due_on": ""},
    )
    assert add.status_code == 200  # not a choice: out of scope
    assert not Enrolment.objects.filter(person=outsider).exists()
    # Another institution's manager sees none of these enrolments.
    client.force_login(two_institutions["manager_b"])
    enrolment = Enrolment.objects.get(person=staff)
    inspect = reverse("wagtailsnippets_courses_enrolment:inspect", args=[enrolment.pk])
    assert client.get(inspect).status_code == 404
    listing = client.get(reverse("wagtailsnippets_courses_enrolment:list"))
    assert staff.last_name not in listing.content.decode()


def test_republishing_never_undoes_a_completion(course, lessons, quiz, learner):
    enrolment = enrolment_create(actor=None, person=learner, course=course)
    completion = completion_record(enrolment=enrolment, score=90)
    course.refresh_from_db()
    course.title = "ITIL pamati (labots)"
    course.save_revision().publish()
    course.major_version = 2  # a new version that does not ask for it
    course.save_revision().publish()
    assert Completion.objects.get(pk=completion.pk).enrolment_id == enrolment.pk
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.COMPLETED
    assert course_recompletion_request(course=course) == 0


def test_a_new_major_version_asks_for_recompletion(
    course, lessons, quiz, learner, two_institutions, django_capture_on_commit_callbacks
):
    user = two_institutions["learner"]
    enrolment = enrolment_create(actor=user, person=learner, course=course)
    completion = completion_record(enrolment=enrolment, score=100)
    course.refresh_from_db()
    course.major_version = 2
    course.requires_recompletion = True
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    # The receiver enqueued the task on commit (the immediate backend in tests).
    old = Enrolment.objects.get(pk=enrolment.pk)
    assert old.status == EnrolmentStatus.SUPERSEDED and not old.is_current
    new = Enrolment.objects.get(person=learner, course=course, is_current=True)
    assert new.round == 2 and new.status == EnrolmentStatus.ACTIVE
    assert Completion.objects.get(pk=completion.pk).course_version == 1
    # Running it again changes nothing.
    assert course_recompletion_request(course=course) == 0
    # The new round takes the quiz afresh.
    attempt = attempt_submit(
        enrolment=new, quiz=quiz, answers=right_answers(quiz), actor=user
    )
    assert attempt.number == 1


def test_quiz_preview_shows_the_questions_without_the_answers(client, quiz, editor):
    client.force_login(editor)
    html = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[quiz.pk])
    ).content.decode()
    assert "Kas ir pakalpojums?" in html and "Serveris" in html
    assert "correct" not in html.replace("Choose every correct answer", "")
