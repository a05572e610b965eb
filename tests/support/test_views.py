"""The site pages (own records only) and the admin (scoped; others 404)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from support.models import Consultation, ConsultationOutcome
from support.services import consultation_answer, consultation_ask
from tests.support.test_consultations import PDF

pytestmark = pytest.mark.django_db


def ask(desk, asker="asker_partner", service="service_a", **kwargs):
    return consultation_ask(
        asker=desk[asker],
        topic=desk["topic_service"],
        service=desk[service],
        question=kwargs.pop("question", "Kā rīkoties ar pieteikumu?"),
        **kwargs,
    )


def answer(desk, consultation, who="service_manager_a"):
    return consultation_answer(
        consultation=consultation,
        actor=desk[who].user,
        answer="Rīkojieties pēc instrukcijas.",
        outcome=ConsultationOutcome.ANSWERED,
    )


def login(client, person):
    client.force_login(person.user)
    return client


# The site --------------------------------------------------------------------------


def test_asking_on_the_site_routes_and_shows_the_question(client, desk):
    login(client, desk["asker_partner"])
    url = reverse("support_consultation_create")
    page = client.get(url)
    assert page.status_code == 200
    # Only the services the asker takes part in are offered.
    html = page.content.decode()
    assert desk["service_a"].code in html and desk["service_b"].code not in html
    response = client.post(
        url,
        {
            "topic": desk["topic_service"].pk,
            "service": desk["service_a"].pk,
            "question": "Vai drīkst pieņemt skenētu parakstu?",
            "attachments": [SimpleUploadedFile("skenējums.pdf", PDF)],
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "support_consultation", args=[consultation.pk]
    )
    detail = client.get(response["Location"]).content.decode()
    assert "Vai drīkst pieņemt skenētu parakstu?" in detail
    assert "skenējums.pdf" in detail


def test_a_refused_question_shows_the_message_and_saves_nothing(client, desk):
    login(client, desk["asker_partner"])
    response = client.post(
        reverse("support_consultation_create"),
        {
            "topic": desk["topic_service"].pk,
            "service": desk["service_a"].pk,
            "question": "",
            "attachments": [SimpleUploadedFile("x.pdf", b"nav pdf")],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    # Latvian by default: the messages come from the service, translated.
    assert "errorlist" in html
    assert not Consultation.objects.exists()


def test_my_consultations_shows_only_my_own_and_the_answer(client, desk):
    mine = ask(desk)
    answer(desk, mine)
    other = ask(desk, asker="asker_a", question="Cita persona jautā")
    login(client, desk["asker_partner"])
    listing = client.get(reverse("support_consultations")).content.decode()
    assert "Kā rīkoties ar pieteikumu?" in listing
    assert "Cita persona jautā" not in listing
    detail = client.get(reverse("support_consultation", args=[mine.pk]))
    assert "Rīkojieties pēc instrukcijas." in detail.content.decode()
    assert (
        client.get(reverse("support_consultation", args=[other.pk])).status_code == 404
    )


def test_the_answer_is_on_the_dashboard(client, desk):
    answer(desk, ask(desk))
    login(client, desk["asker_partner"])
    html = client.get(reverse("dashboard")).content.decode()
    assert "Kā rīkoties ar pieteikumu?" in html
    assert reverse("support_consultation", args=[Consultation.objects.get().pk]) in html


def test_attachments_are_for_the_asker_and_the_overseers_only(client, desk):
    consultation = ask(desk, attachments=[SimpleUploadedFile("pārskats.pdf", PDF)])
    url = reverse("support_attachment", args=[consultation.attachments.get().pk])
    for who, status in (
        ("asker_partner", 200),
        ("service_manager_a", 200),
        ("asker_a", 404),
        ("portfolio_b", 404),
        ("coordinator_b", 404),
    ):
        client.force_login(desk[who].user)
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert b"".join(response.streaming_content) == PDF
            assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(url).status_code == 302


def test_feedback_on_an_answer_once(client, desk):
    consultation = ask(desk)
    login(client, desk["asker_partner"])
    url = reverse("support_consultation", args=[consultation.pk])
    # Not before the answer.
    client.post(url, {"rating": 5})
    assert not consultation.feedback.exists()
    answer(desk, consultation)
    assert client.post(url, {"rating": 4, "comment": "Noderīgi"}).status_code == 302
    response = client.post(url, {"rating": 1})
    assert response.status_code == 400
    assert [f.rating for f in consultation.feedback.all()] == [4]


# The admin -------------------------------------------------------------------------


def test_the_manager_sees_and_answers_in_the_admin(
    client, desk, django_capture_on_commit_callbacks
):
    from django.core import mail

    consultation = ask(desk)
    login(client, desk["service_manager_a"])
    listing = client.get(
        reverse("wagtailsnippets_support_consultation:list"), {"status": "open"}
    )
    assert listing.status_code == 200
    assert "Kā rīkoties ar pieteikumu?" in listing.content.decode()
    url = reverse("wagtailsnippets_support_consultation:edit", args=[consultation.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"answer": "Lūdzu, skatiet instrukciju.", "outcome": "answered"}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation.refresh_from_db()
    assert consultation.answer == "Lūdzu, skatiet instrukciju."
    assert [m.to for m in mail.outbox] == [[desk["asker_partner"].email]]


def test_an_empty_answer_in_the_admin_is_an_error_on_the_form(client, desk):
    consultation = ask(desk)
    login(client, desk["service_manager_a"])
    url = reverse("wagtailsnippets_support_consultation:edit", args=[consultation.pk])
    response = client.post(url, {"answer": "", "outcome": ""})
    assert response.status_code == 200
    consultation.refresh_from_db()
    assert not consultation.is_answered


@pytest.mark.parametrize("who", ["portfolio_b", "coordinator_b", "resource_manager_a"])
def test_others_get_404_in_the_admin(client, desk, who):
    consultation = ask(desk)
    answer(desk, consultation)
    login(client, desk[who])
    listing = client.get(reverse("wagtailsnippets_support_consultation:list"))
    assert "Kā rīkoties ar pieteikumu?" not in listing.content.decode()
    for name in ("edit", "inspect", "material"):
        url = reverse(
            f"wagtailsnippets_support_consultation:{name}", args=[consultation.pk]
        )
        assert client.get(url).status_code in (403, 404), (name, who)
        assert client.post(url, {"answer": "x", "outcome": "answered"}).status_code in (
            403,
            404,
        )
    consultation.refresh_from_db()
    assert consultation.material_id is None


def test_the_draft_material_action_in_the_admin(client, desk, site_pages):
    consultation = ask(desk)
    answer(desk, consultation)
    login(client, desk["service_manager_a"])
    edit = client.get(
        reverse("wagtailsnippets_support_consultation:edit", args=[consultation.pk])
    ).content.decode()
    url = reverse(
        "wagtailsnippets_support_consultation:material", args=[consultation.pk]
    )
    assert url in edit
    assert client.get(url).status_code == 200
    response = client.post(url)
    consultation.refresh_from_db()
    assert consultation.material_id
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[consultation.material_id]
    )


def test_open_consultations_are_listed_oldest_first_with_their_age(client, desk):
    first = ask(desk, question="Pirmais jautājums")
    second = ask(desk, question="Otrais jautājums")
    Consultation.objects.filter(pk=first.pk).update(
        asked_at=second.asked_at.replace(year=second.asked_at.year - 1)
    )
    login(client, desk["service_manager_a"])
    html = client.get(
        reverse("wagtailsnippets_support_consultation:list"), {"status": "open"}
    ).content.decode()
    assert html.index("Pirmais jautājums") < html.index("Otrais jautājums")
    # Latvian by default: "1 gada" (Django's timesince)
    assert re.search(r"1\sgad", html)


def test_the_dashboard_panel_says_how_long_ago_a_question_was_asked(client, desk):
    # Django's Latvian timesince is declined to follow "pirms" ("1 gada"), so
    # the panel says "pirms 1 gada", never a bare "1 gada" under "Gaida".
    first = ask(desk, question="Pirmais jautājums")
    Consultation.objects.filter(pk=first.pk).update(
        asked_at=first.asked_at.replace(year=first.asked_at.year - 1)
    )
    login(client, desk["service_manager_a"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index('id="open-consultations-heading"') :]
    assert re.search(r"<td>pirms 1\sgada</td>", panel)
    assert "Gaida" not in panel
