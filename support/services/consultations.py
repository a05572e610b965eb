"""Consultations: asking (routed by one rule), answering, and turning an answer
into a draft knowledge-base material.

Every channel (the site's form, the admin, the demo loader, tests) calls these;
each validates, writes atomically, and mails after commit.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from catalogue.models import Resource, ResponsibleRole, Service
from catalogue.selectors import active_involvements, role_holders
from competences.models import SupportScale, SupportTopic
from courses.models import MaterialIndexPage, MaterialKind, MaterialPage
from lms.mail import mail_on_commit
from lms.uploads import document_check
from people.models import Organisation, Person
from people.selectors import institution_of
from support.models import Consultation, ConsultationAttachment, ConsultationOutcome
from support.permissions import can_answer_consultation


@dataclass(frozen=True)
class Route:
    """Where a question goes: the manager, the role they answer in, and the
    institution whose coordinators oversee it."""

    manager: Person
    role: str
    institution: Organisation


def _no_manager(field: str) -> ValidationError:
    return ValidationError(
        {
            field: _(
                "Nobody is recorded as responsible for this question yet. "
                "Please tell your training coordinator."
            )
        }
    )


def _first_holder(role: str, scope) -> Person | None:
    holders = role_holders(role=role, scope=scope)
    return holders[0] if holders else None


def consultation_route(
    *,
    asker: Person,
    topic: SupportTopic,
    service: Service | None = None,
    resource: Resource | None = None,
) -> Route:
    """Who answers a question: the one routing rule (the card's four roles).

    - A service topic goes to the service's manager; a service without one to
      the service portfolio manager of the service's owner institution.
    - A resource topic goes to the resource's manager; without one to the
      resource portfolio manager of its owner institution.
    - An institution-wide topic goes to the service portfolio manager of the
      institution concerned: the owner of the service or resource named, else
      the asker's own institution, else (a partner's employee) the owner of
      the first service or resource they are involved in that has one.

    A question naming a service or resource is only accepted from someone
    involved in it now. Raises ValidationError by form field.
    """
    if service is not None and resource is not None:
        raise ValidationError(
            {"resource": _("Choose a service or a resource, not both.")}
        )
    involvements = list(active_involvements(person=asker))
    if service is not None and service.pk not in {i.service_id for i in involvements}:
        raise ValidationError(
            {
                "service": _(
                    "You can ask about a service only while you are involved in it."
                )
            }
        )
    if resource is not None and resource.pk not in {
        i.resource_id for i in involvements
    }:
        raise ValidationError(
            {"resource": _("You can ask about a resource only while you are using it.")}
        )

    if topic.scale == SupportScale.SERVICE:
        if service is None:
            raise ValidationError(
                {"service": _("This topic is about a service: choose the service.")}
            )
        owner = institution_of(organisation=service.owner)
        for role, scope in (
            (ResponsibleRole.SERVICE_MANAGER, service),
            (ResponsibleRole.SERVICE_PORTFOLIO_MANAGER, owner),
        ):
            if manager := _first_holder(role, scope):
                return Route(manager, role, owner)
        raise _no_manager("service")

    if topic.scale == SupportScale.RESOURCE:
        if resource is None:
            raise ValidationError(
                {"resource": _("This topic is about a resource: choose the resource.")}
            )
        owner = institution_of(organisation=resource.owner)
        for role, scope in (
            (ResponsibleRole.RESOURCE_MANAGER, resource),
            (ResponsibleRole.RESOURCE_PORTFOLIO_MANAGER, owner),
        ):
            if manager := _first_holder(role, scope):
                return Route(manager, role, owner)
        raise _no_manager("resource")

    # Institution-wide.
    subject = service or resource
    if subject is not None:
        candidates = [subject.owner]
    else:
        candidates = [asker.organisation] + [
            i.target.owner for i in sorted(involvements, key=lambda i: i.pk)
        ]
    role = ResponsibleRole.SERVICE_PORTFOLIO_MANAGER
    seen = set()
    for organisation in candidates:
        institution = institution_of(organisation=organisation)
        if institution.pk in seen:
            continue
        seen.add(institution.pk)
        if manager := _first_holder(role, institution):
            return Route(manager, role, institution)
    raise _no_manager("topic")


def _attachments_check(attachments) -> None:
    limit = settings.CONSULTATION_ATTACHMENTS_MAX
    if len(attachments) > limit:
        raise ValidationError(
            {"attachments": _("Attach at most %(count)d files.") % {"count": limit}}
        )
    for upload in attachments:
        try:
            document_check(
                upload,
                field="attachments",
                max_bytes=settings.CONSULTATION_ATTACHMENT_MAX_BYTES,
            )
        except ValidationError as error:
            # Name the file: the form takes several.
            raise ValidationError(
                {
                    "attachments": [
                        f"{upload.name}: {message}"
                        for message in error.message_dict["attachments"]
                    ]
                }
            ) from error


@transaction.atomic
def consultation_ask(
    *,
    asker: Person,
    topic: SupportTopic,
    question: str,
    service: Service | None = None,
    resource: Resource | None = None,
    attachments=(),
    actor=None,
    asked_at=None,
    notify: bool = True,
) -> Consultation:
    """Record a question, route it (consultation_route) and mail the manager.

    Refused with a ValidationError by field, nothing stored: an empty question,
    a service or resource the asker is not involved in, a disallowed or
    too-large attachment, or nobody to answer. `asked_at` (default now) is for
    loading past questions (the demo), which also passes `notify=False`.
    """
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": _("Write your question.")})
    attachments = list(attachments)
    _attachments_check(attachments)
    route = consultation_route(
        asker=asker, topic=topic, service=service, resource=resource
    )
    consultation = Consultation(
        asker=asker,
        topic=topic,
        service=service,
        resource=resource,
        question=question,
        routed_to=route.manager,
        routed_role=route.role,
        institution=route.institution,
        asked_at=asked_at or timezone.now(),
    )
    consultation.full_clean()
    consultation.save()
    for upload in attachments:
        ConsultationAttachment.objects.create(
            consultation=consultation,
            file=upload,
            name=upload.name[-255:],
            size=upload.size,
        )
    log(consultation, "support.consultation_ask", user=actor)
    if notify:
        _mail_manager(consultation)
    return consultation


def _mail_manager(consultation: Consultation) -> None:
    manager = consultation.routed_to
    mail_on_commit(
        to=manager.email,
        template="support/email/consultation_asked",
        language=manager.language,
        context={"consultation": consultation, "manager": manager},
        links={
            "link": (
                "wagtailsnippets_support_consultation:edit",
                {"pk": consultation.pk},
            )
        },
    )


@transaction.atomic
def consultation_answer(
    *,
    consultation: Consultation,
    actor,
    answer: str,
    outcome: str,
    answered_at=None,
    notify: bool = True,
) -> Consultation:
    """Record the answer and outcome once, and mail the asker in their language.

    Only whoever oversees the consultation may answer
    (`support.permissions.can_answer_consultation`); a second answer is refused.
    """
    if actor is None or not can_answer_consultation(actor, consultation):
        raise PermissionDenied
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if stored.is_answered:
        raise ValidationError({"answer": _("This consultation is already answered.")})
    errors = {}
    answer = (answer or "").strip()
    if not answer:
        errors["answer"] = _("Write the answer.")
    if outcome not in ConsultationOutcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if errors:
        raise ValidationError(errors)
    stored.answer = answer
    stored.outcome = outcome
    stored.answered_at = answered_at or timezone.now()
    stored.answered_by = actor
    stored.save(update_fields=["answer", "outcome", "answered_at", "answered_by"])
    log(stored, "support.consultation_answer", user=actor)
    if notify:
        _mail_asker(stored)
    return stored


def _mail_asker(stored: Consultation) -> None:
    asker = stored.asker
    mail_on_commit(
        to=asker.email,
        template="support/email/consultation_answered",
        language=asker.language,
        context={"consultation": stored, "asker": asker},
        links={"link": ("support_consultation", {"pk": stored.pk})},
    )


# Personal details a question or answer may carry in its text.
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<!\w)\+?\d[\d \-]{6,}\d(?!\w)")
PERSONAL_CODE_RE = re.compile(r"\b\d{6}-?\d{5}\b")


def text_anonymise(text: str, people=()) -> str:
    """The text without e-mail addresses, phone numbers, personal codes and the
    names of the given people (first and last names, any case)."""
    text = PERSONAL_CODE_RE.sub("[…]", text)
    text = EMAIL_RE.sub("[…]", text)
    text = PHONE_RE.sub("[…]", text)
    names = {
        name
        for person in people
        for name in (person.first_name, person.last_name)
        if name and len(name) > 1
    }
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "[…]", text, flags=re.IGNORECASE)
    return text


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{escape(block.strip())}</p>"
        for block in text.split("\n\n")
        if block.strip()
    )


@transaction.atomic
def consultation_material_create(*, consultation: Consultation, actor) -> MaterialPage:
    """Make an answered consultation a draft knowledge-base material, once.

    The draft is a MaterialPage under the Latvian materials index, not
    published, with one revision: the question and the answer, without the
    asker's or the manager's names, e-mails, phone numbers or personal codes
    (text_anonymise). An editor reviews and publishes it. A second call returns
    the same draft.
    """
    if actor is None or not can_answer_consultation(actor, consultation):
        raise PermissionDenied
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not stored.is_answered:
        raise ValidationError(_("Only an answered consultation can become a material."))
    if stored.material_id is not None:
        return stored.material.specific
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    index = MaterialIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise ValidationError(_("There is no materials page to add the draft to."))
    people = [stored.asker, stored.routed_to]
    question = text_anonymise(stored.question, people)
    answer = text_anonymise(stored.answer, people)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Question on “%(topic)s”") % {"topic": stored.topic.name_lv}
        body = (
            f"<h2>{escape(_('Question'))}</h2>{_paragraphs(question)}"
            f"<h2>{escape(_('Answer'))}</h2>{_paragraphs(answer)}"
        )
    page = MaterialPage(
        title=title[:255],
        slug=f"konsultacija-{stored.pk}",
        kind=MaterialKind.GUIDELINE,
        summary=" ".join(question.split())[:600],
        body=body,
        locale=index.locale,
        live=False,
    )
    page.topics = [stored.topic]
    if stored.service_id:
        page.services = [stored.service]
    if stored.resource_id:
        page.resources = [stored.resource]
    index.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    stored.material = page
    stored.save(update_fields=["material"])
    log(stored, "support.consultation_material", user=actor)
    return page
