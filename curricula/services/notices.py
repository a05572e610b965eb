"""Notices: recorded once (a unique constraint), e-mailed once, in the
recipient's language.

`reminders_send` is `manage.py send_reminders`: it records the notices that
are due today with bulk inserts that ignore the ones already recorded, then
e-mails every notice not yet e-mailed. Two runs at once cannot e-mail one
notice twice: each run claims the pending notices with one UPDATE stamped
with its own time, and sends only those it claimed.
"""

import datetime
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from competences.models import Attainment
from curricula.models import (
    Assignment,
    AssignmentMember,
    AssignmentStatus,
    MemberStatus,
    Notification,
    NotificationKind,
)
from curricula.permissions import can_change_assignment
from curricula.selectors import (
    assignment_subject_texts,
    compliance_rows,
    material_compliance_rows,
    texts_in_both_languages,
)
from lms.page_cache import people_touch
from people.models import Person

DUE_SOON_DAYS = 7
EXPIRING_DAYS = 30


@dataclass(frozen=True)
class Notice:
    """A notice to record: to whom, what kind, about what, for which round."""

    person_id: int
    kind: str
    subject: object
    due_round: str
    subject_text: str
    due_on: datetime.date | None = None
    about_person_id: int | None = None
    # `subject_text` is the Latvian text; the English one, if it differs.
    subject_text_en: str = ""


# Sources of "expiring in 30 days" notices: callables (today, days) → Notices.
# Attainments are registered below; certificates/ registers its own
# (`expiring_source_register(certificates_expiring)`, kind
# NotificationKind.CERTIFICATE_EXPIRING) when that app exists.
_expiring_sources: list[Callable[[datetime.date, int], Iterable[Notice]]] = []


def expiring_source_register(source: Callable) -> None:
    """Add a source of expiry notices (certificates/ will register one)."""
    if source not in _expiring_sources:
        _expiring_sources.append(source)


def attainments_expiring(today: datetime.date, days: int) -> Iterable[Notice]:
    """Competences whose attainment expires within `days` (once per expiry)."""
    horizon = today + datetime.timedelta(days=days)
    for attainment in Attainment.objects.filter(
        revoked_at__isnull=True, expires_on__gt=today, expires_on__lte=horizon
    ).select_related("competence"):
        latvian, english = texts_in_both_languages(attainment.competence)
        yield Notice(
            person_id=attainment.person_id,
            kind=NotificationKind.ATTAINMENT_EXPIRING,
            subject=attainment,
            due_round=attainment.expires_on.isoformat(),
            subject_text=latvian,
            subject_text_en=english,
            due_on=attainment.expires_on,
        )


expiring_source_register(attainments_expiring)


def notices_record(notices: Iterable[Notice]) -> int:
    """Record notices; those already recorded are ignored (unique constraint).
    Returns how many were offered."""
    types: dict[type, ContentType] = {}
    rows = []
    for notice in notices:
        model = type(notice.subject)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        rows.append(
            Notification(
                person_id=notice.person_id,
                kind=notice.kind,
                subject_type=types[model],
                subject_id=notice.subject.pk,
                due_round=notice.due_round,
                subject_text=notice.subject_text,
                subject_text_en=notice.subject_text_en,
                due_on=notice.due_on,
                about_person_id=notice.about_person_id,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    # Bulk writes send no post_save: the dashboards concerned are recomputed.
    people_touch({row.person_id for row in rows})
    return len(rows)


class _SubjectTexts(dict):
    """Each assignment's texts in both languages, worked out once per run."""

    def of(self, assignment: Assignment) -> dict:
        if assignment.pk not in self:
            latvian, english = assignment_subject_texts(assignment)
            self[assignment.pk] = {"subject_text": latvian, "subject_text_en": english}
        return self[assignment.pk]


def _member_notices(today: datetime.date) -> list[Notice]:
    """Due in 7 days, and overdue (to the learner and to the coordinator)."""
    members = AssignmentMember.objects.filter(
        left_on__isnull=True, assignment__status=AssignmentStatus.ACTIVE
    )
    related = ("assignment__curriculum", "assignment__course")
    related += ("assignment__created_by__person",)
    open_statuses = [
        MemberStatus.NOT_STARTED,
        MemberStatus.IN_PROGRESS,
        MemberStatus.OVERDUE,
    ]
    # A course or a material to acknowledge: either keeps the plan open.
    rows = itertools.chain(
        compliance_rows(members=members, as_of=today)
        .select_related(*related)
        .filter(status__in=open_statuses),
        material_compliance_rows(members=members, as_of=today)
        .select_related(*related)
        .filter(status__in=open_statuses),
    )
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    notices: dict[tuple, Notice] = {}
    texts = _SubjectTexts()
    for row in rows:
        if row.due_on is None:
            continue
        due_round = row.due_on.isoformat()
        about = texts.of(row.assignment)
        if row.status == MemberStatus.OVERDUE:
            key = (row.person_id, NotificationKind.OVERDUE, row.assignment_id)
            notices[key] = Notice(
                person_id=row.person_id,
                kind=NotificationKind.OVERDUE,
                subject=row.assignment,
                due_round=due_round,
                due_on=row.due_on,
                **about,
            )
            coordinator = getattr(row.assignment.created_by, "person", None)
            if coordinator is not None:
                key = (coordinator.pk, NotificationKind.OVERDUE_MANAGER, row.pk)
                notices[key] = Notice(
                    person_id=coordinator.pk,
                    kind=NotificationKind.OVERDUE_MANAGER,
                    subject=row.assignment,
                    due_round=f"{due_round}:{row.person_id}",
                    due_on=row.due_on,
                    about_person_id=row.person_id,
                    **about,
                )
        elif row.due_on <= soon:
            key = (row.person_id, NotificationKind.DUE_SOON, row.assignment_id)
            notices[key] = Notice(
                person_id=row.person_id,
                kind=NotificationKind.DUE_SOON,
                subject=row.assignment,
                due_round=due_round,
                due_on=row.due_on,
                **about,
            )
    return list(notices.values())


def _email(notification: Notification, person: Person, site_url: str) -> EmailMessage:
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "notification": notification,
            "what": notification.subject_in(language),
            "person": person,
            "kind": notification.get_kind_display(),
            "link": f"{site_url}/notifications/",
        }
        subject = render_to_string("curricula/email/notice_subject.txt", context)
        body = render_to_string("curricula/email/notice.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email])


def notifications_deliver(*, limit: int = 50_000) -> int:
    """E-mail every recorded notice not e-mailed yet, exactly once.

    The claim is one UPDATE that stamps the pending rows with this run's own
    time; only the rows carrying that stamp are sent, so an overlapping run
    (which stamps with its own time) never sends the same ones.
    """
    stamp = timezone.now()
    with transaction.atomic():
        pending = list(
            Notification.objects.filter(emailed_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        Notification.objects.filter(pk__in=pending, emailed_at__isnull=True).update(
            emailed_at=stamp
        )
    claimed = Notification.objects.filter(
        pk__in=pending, emailed_at=stamp
    ).select_related("person", "about_person")
    site_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    messages = [
        _email(notification, notification.person, site_url) for notification in claimed
    ]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def reminders_send(*, today: datetime.date | None = None) -> int:
    """The daily run: missing curriculum completions, recurrences, due-soon,
    overdue and expiry notices, then e-mail. Idempotent: a second run the
    same day records and sends nothing. Returns how many e-mails were sent."""
    from curricula.services.completions import curriculum_completions_sweep
    from curricula.services.sync import assignments_recur

    today = today or timezone.localdate()
    with transaction.atomic():
        curriculum_completions_sweep(today=today)
        assignments_recur(today=today)
        notices = _member_notices(today)
        for source in _expiring_sources:
            notices += list(source(today, EXPIRING_DAYS))
        notices_record(notices)
    return notifications_deliver()


def assignment_remind_overdue(
    *, assignment: Assignment, actor, today: datetime.date | None = None
) -> int:
    """A coordinator's one action: remind every overdue person of the
    assignment (at most once a day). Returns how many e-mails were sent."""
    if actor is not None and not can_change_assignment(actor, assignment):
        raise PermissionDenied(_("You may not change this assignment."))
    today = today or timezone.localdate()
    members = AssignmentMember.objects.filter(
        assignment=assignment, left_on__isnull=True
    )
    overdue = itertools.chain(
        compliance_rows(members=members, as_of=today).filter(
            status=MemberStatus.OVERDUE
        ),
        material_compliance_rows(members=members, as_of=today).filter(
            status=MemberStatus.OVERDUE
        ),
    )
    seen = set()
    notices = []
    about = _SubjectTexts().of(assignment)
    for row in overdue:
        if row.person_id in seen:
            continue
        seen.add(row.person_id)
        notices.append(
            Notice(
                person_id=row.person_id,
                kind=NotificationKind.REMINDER,
                subject=assignment,
                due_round=today.isoformat(),
                due_on=row.due_on,
                **about,
            )
        )
    with transaction.atomic():
        notices_record(notices)
    return notifications_deliver()


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor) -> Notification:
    """The learner has seen a notice (their own only)."""
    if notification.person.user_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
