"""Needs (own, or a manager's for the team), the aggregate report, feedback."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from support.models import Feedback, SupportForm, SupportNeed
from support.permissions import needs_visible_to
from support.selectors import need_summary, rating_summary
from support.services import (
    consultation_answer,
    consultation_ask,
    feedback_give,
    support_need_record,
)

pytestmark = pytest.mark.django_db


def need(desk, who="asker_partner", person=None, **kwargs):
    fields = {
        "topic": desk["topic_service"],
        "form": SupportForm.TRAINING,
        "text": "Apmācība par pielikumu pārbaudi",
        "service": desk["service_a"],
    }
    fields.update(kwargs)
    return support_need_record(
        actor=desk[who].user, person=person or desk[who], **fields
    )


def test_anyone_records_their_own_need(desk):
    recorded = need(desk, resource=None)
    assert recorded.person == desk["asker_partner"]
    assert recorded.recorded_by == desk["asker_partner"].user


def test_a_manager_records_a_need_for_their_team_but_not_for_others(desk):
    manager = "service_manager_a"
    need(desk, who=manager, person=desk["staff_a"])
    # A partner delivering A's service is in A's manager's team as well.
    need(desk, who=manager, person=desk["partner_person"])
    with pytest.raises(PermissionDenied):
        need(desk, who=manager, person=desk["staff_b"])
    # A learner may not record for anyone else.
    with pytest.raises(PermissionDenied):
        need(desk, who="asker_partner", person=desk["staff_a"])
    assert SupportNeed.objects.count() == 2


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"text": "  "}, "text"),
        ({"form": "telepathy"}, "form"),
        ({"resource": "resource_a"}, "resource"),
    ],
)
def test_bad_needs_are_refused(desk, english, kwargs, field):
    if kwargs.get("resource"):
        kwargs["resource"] = desk[kwargs["resource"]]
    with pytest.raises(ValidationError) as error:
        need(desk, **kwargs)
    assert field in error.value.message_dict
    assert not SupportNeed.objects.exists()


def test_needs_are_scoped(desk):
    need(desk)  # a partner's need about A's service
    need(desk, who="asker_b", service=desk["service_b"], text="B vajadzība")
    a_sees = needs_visible_to(desk["coordinator_a"])
    assert [n.text for n in a_sees] == ["Apmācība par pielikumu pārbaudi"]
    b_sees = needs_visible_to(desk["portfolio_b"].user)
    assert [n.text for n in b_sees] == ["B vajadzība"]
    # A learner sees their own only.
    assert needs_visible_to(desk["asker_a"].user).count() == 0


def test_the_summary_counts_by_topic_service_form_and_month(desk):
    today = timezone.localdate()
    for months_ago, form in (
        (0, "training"),
        (0, "training"),
        (4, "training"),
        (0, "information"),
    ):
        recorded = need(desk, form=form)
        when = timezone.now() - datetime.timedelta(days=31 * months_ago)
        SupportNeed.objects.filter(pk=recorded.pk).update(recorded_at=when)
    rows = need_summary(needs=SupportNeed.objects.all(), months=6, today=today)
    by_form = {row["form"]: row for row in rows}
    training = by_form["training"]
    assert training["total"] == 3
    assert training["service__code"] == desk["service_a"].code
    assert training["months"][-1] == 2 and sum(training["months"]) == 3
    assert training["trend"] == 1  # more in the later three months
    assert by_form["information"]["total"] == 1
    # The most requested first.
    assert rows[0]["form"] == "training"


def test_the_needs_report_and_its_export_are_scoped(client, desk):
    need(desk)
    need(desk, who="asker_b", service=desk["service_b"])
    client.force_login(desk["coordinator_a"])
    page = client.get(reverse("support_reports:needs")).content.decode()
    assert desk["service_a"].code in page and desk["service_b"].code not in page
    export = client.get(reverse("support_reports:needs"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert desk["service_a"].code in body and desk["service_b"].code not in body
    # A learner may not open it.
    client.force_login(desk["asker_a"].user)
    assert client.get(reverse("support_reports:needs")).status_code in (302, 403)


def test_recording_a_need_on_the_site(client, desk):
    client.force_login(desk["asker_partner"].user)
    url = reverse("support_need_create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "topic": desk["topic_service"].pk,
            "service": desk["service_a"].pk,
            "form": "consultation",
            "text": "Vajag konsultāciju par termiņiem",
        },
    )
    assert response.status_code == 302
    assert SupportNeed.objects.get().form == "consultation"
    assert (
        client.post(
            url, {"topic": desk["topic_service"].pk, "form": "training"}
        ).status_code
        == 400
    )


# Feedback --------------------------------------------------------------------------


def answered(desk):
    consultation = consultation_ask(
        asker=desk["asker_partner"],
        topic=desk["topic_service"],
        service=desk["service_a"],
        question="Jautājums",
    )
    consultation_answer(
        consultation=consultation,
        actor=desk["service_manager_a"].user,
        answer="Atbilde",
        outcome="answered",
    )
    consultation.refresh_from_db()
    return consultation


def test_feedback_once_per_person_per_thing(desk, english):
    consultation = answered(desk)
    feedback_give(person=desk["asker_partner"], consultation=consultation, rating=5)
    with pytest.raises(ValidationError):
        feedback_give(person=desk["asker_partner"], consultation=consultation, rating=2)
    assert Feedback.objects.get().rating == 5


@pytest.mark.parametrize("rating", [0, 6, "x", None])
def test_a_rating_outside_1_to_5_is_refused(desk, rating):
    with pytest.raises(ValidationError):
        feedback_give(
            person=desk["asker_partner"], consultation=answered(desk), rating=rating
        )
    assert not Feedback.objects.exists()


def test_only_the_asker_rates_an_answer_and_only_once_answered(desk):
    consultation = consultation_ask(
        asker=desk["asker_partner"],
        topic=desk["topic_service"],
        service=desk["service_a"],
        question="Vēl nav atbildes",
    )
    with pytest.raises(ValidationError):
        feedback_give(person=desk["asker_partner"], consultation=consultation, rating=3)
    with pytest.raises(PermissionDenied):
        feedback_give(person=desk["asker_a"], consultation=answered(desk), rating=3)


def test_material_feedback_goes_to_the_original_and_counts_once(desk, site_pages):
    from courses.models import MaterialPage

    latvian = MaterialPage.objects.get(locale__language_code="lv")
    english_page = MaterialPage.objects.get(locale__language_code="en")
    feedback_give(person=desk["asker_partner"], material=english_page, rating=4)
    with pytest.raises(ValidationError):
        feedback_give(person=desk["asker_partner"], material=latvian, rating=1)
    assert Feedback.objects.get().material_id == latvian.pk


def test_ratings_per_material_and_manager(desk, site_pages, client):
    from courses.models import MaterialPage

    material = MaterialPage.objects.get(locale__language_code="lv")
    feedback_give(person=desk["asker_partner"], material=material, rating=4)
    feedback_give(person=desk["asker_a"], material=material, rating=5)
    feedback_give(person=desk["asker_partner"], consultation=answered(desk), rating=3)
    rows = {
        (r["kind"], r["name"]): r
        for r in rating_summary(feedback=Feedback.objects.all())
    }
    assert rows[("material", material.title)]["average"] == 4.5
    assert rows[("material", material.title)]["count"] == 2
    assert rows[("manager", "Inese Balode")]["average"] == 3
    # B's portfolio manager sees none of A's feedback.
    client.force_login(desk["portfolio_b"].user)
    page = client.get(reverse("support_reports:ratings")).content.decode()
    assert "Inese Balode" not in page and material.title not in page
    client.force_login(desk["coordinator_a"])
    page = client.get(reverse("support_reports:ratings")).content.decode()
    assert "Inese Balode" in page and material.title in page


def test_rating_a_material_on_the_site(client, desk, site_pages):
    from courses.models import MaterialPage

    material = MaterialPage.objects.get(locale__language_code="lv")
    client.force_login(desk["asker_partner"].user)
    page = client.get(material.url).content.decode()
    url = reverse("support_material_feedback", args=[material.pk])
    assert url in page
    assert client.post(url, {"rating": 5, "comment": "Skaidri"}).status_code == 302
    # Once rated, the page shows the rating instead of the link.
    assert url not in client.get(material.url).content.decode()
    assert Feedback.objects.get().rating == 5


def _complete(person, course):
    from courses.services import completion_record, enrolment_create

    enrolment = enrolment_create(actor=None, person=person, course=course)
    return completion_record(enrolment=enrolment)


def test_a_course_is_rated_only_after_completing_it_and_once(desk, site_pages, english):
    course = site_pages["course"]
    person = desk["asker_partner"]
    with pytest.raises(ValidationError, match="completed"):
        feedback_give(person=person, course=course, rating=5)
    _complete(person, course)
    # Rated on the English page, recorded against the Latvian original.
    english_course = course.get_translation(
        course.locale.__class__.objects.get(language_code="en")
    )
    feedback = feedback_give(person=person, course=english_course, rating=4)
    assert feedback.course_id == course.pk
    with pytest.raises(ValidationError, match="already"):
        feedback_give(person=person, course=course, rating=1)
    rows = rating_summary(feedback=Feedback.objects.all())
    assert [(r["kind"], r["count"], r["average"]) for r in rows] == [("course", 1, 4)]


def test_the_dashboard_offers_completed_courses_to_rate(client, desk, site_pages):
    course = site_pages["course"]
    _complete(desk["asker_partner"], course)
    client.force_login(desk["asker_partner"].user)
    url = reverse("support_course_feedback", args=[course.pk])
    assert url in client.get(reverse("dashboard")).content.decode()
    assert client.post(url, {"rating": 5}).status_code == 302
    assert url not in client.get(reverse("dashboard")).content.decode()
    # Someone who has not completed it is refused with the form's message.
    client.force_login(desk["asker_a"].user)
    assert client.post(url, {"rating": 5}).status_code == 400
    assert Feedback.objects.count() == 1


def test_an_english_reader_rates_the_course_under_its_english_title(
    client, desk, site_pages
):
    course = site_pages["course"]
    english = course.get_translation(
        course.locale.__class__.objects.get(language_code="en")
    )
    _complete(desk["asker_partner"], course)
    client.force_login(desk["asker_partner"].user)
    html = client.get("/en/dashboard/").content.decode()
    panel = html[html.index('id="courses-to-rate-heading"') :]
    assert english.title != course.title
    assert f">{english.title}</a>" in panel
    assert course.title not in panel
