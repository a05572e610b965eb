"""The support app's part of `manage.py load_demo`: consultations (open and
answered, some rated) and recorded needs, from courses/demo/support.toml.

Registered with `courses.demo.loader_register` in SupportConfig.ready(), so the
demo command (in courses/, below support/) runs it without importing support.
Everything is written through the services, as the system would on behalf of
the people named; running it again adds nothing (a question is known by its
asker and text, a need by its person and text).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalogue.models import Resource, Service
from competences.models import SupportTopic
from courses import demo
from people.models import Person
from support.models import Consultation, Feedback, SupportNeed
from support.services import (
    consultation_answer,
    consultation_ask,
    feedback_give,
    support_need_record,
)


def _ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


class _Lookup:
    def __init__(self, data: dict):
        emails = {
            entry[key]
            for key in ("asker", "person", "recorded_by")
            for kind in ("consultation", "need")
            for entry in data.get(kind, [])
            if key in entry
        }
        self.people = {
            person.email: person
            for person in Person.objects.filter(email__in=emails).select_related("user")
        }
        self.topics = SupportTopic.objects.in_bulk(field_name="code")
        self.services = Service.objects.in_bulk(field_name="code")
        self.resources = Resource.objects.in_bulk(field_name="code")
        self.admin = get_user_model().objects.get(email=demo.ADMIN_EMAIL)

    def subject(self, entry: dict) -> dict:
        return {
            "service": self.services.get(entry.get("service", "")),
            "resource": self.resources.get(entry.get("resource", "")),
        }


def _consultation(entry: dict, look: _Lookup) -> None:
    asker = look.people[entry["asker"]]
    consultation = Consultation.objects.filter(
        asker=asker, question=entry["question"].strip()
    ).first()
    if consultation is None:
        consultation = consultation_ask(
            asker=asker,
            topic=look.topics[entry["topic"]],
            question=entry["question"],
            asked_at=_ago(entry["asked_days_ago"]),
            notify=False,
            **look.subject(entry),
        )
    if "answer" in entry and not consultation.is_answered:
        manager_user = consultation.routed_to.user
        consultation = consultation_answer(
            consultation=consultation,
            # The demo managers mostly have no login: the administrator
            # answers on their behalf.
            actor=manager_user or look.admin,
            answer=entry["answer"],
            outcome=entry["outcome"],
            answered_at=_ago(entry["answered_days_ago"]),
            notify=False,
        )
    if (
        "rating" in entry
        and not Feedback.objects.filter(
            person=asker, consultation=consultation
        ).exists()
    ):
        feedback_give(
            person=asker,
            consultation=consultation,
            rating=entry["rating"],
            comment=entry.get("comment", ""),
        )


def _need(entry: dict, look: _Lookup) -> None:
    person = look.people[entry["person"]]
    if SupportNeed.objects.filter(person=person, text=entry["text"]).exists():
        return
    recorder = look.people[entry.get("recorded_by", entry["person"])]
    support_need_record(
        # A need recorded by a manager for their team is the system's record
        # of what they said; the demo writes it as the administrator.
        actor=recorder.user or look.admin,
        person=person,
        topic=look.topics[entry["topic"]],
        form=entry["form"],
        text=entry["text"],
        recorded_at=_ago(entry["recorded_days_ago"]),
        **look.subject(entry),
    )


def load() -> None:
    """Load the demo's consultations and needs (idempotent)."""
    data = demo.support_data()
    look = _Lookup(data)
    for entry in data.get("consultation", []):
        _consultation(entry, look)
    for entry in data.get("need", []):
        _need(entry, look)
