"""Quiz attempts: checked, scored and recorded on the server, exactly once."""

import random
import uuid
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import (
    Enrolment,
    EnrolmentStatus,
    QuestionKind,
    QuizAttempt,
    QuizPage,
)
from courses.permissions import is_own_person
from courses.selectors import course_canonical
from courses.services.learning import completion_evaluate


def quiz_sheet(*, quiz: QuizPage, enrolment: Enrolment | None) -> list[dict]:
    """The questions as the learner sees them: ids and texts only (never which
    answer is correct), in the quiz's order or shuffled. The shuffle is seeded
    by the enrolment and the next attempt's number, so a reload shows the same
    order and the next attempt a new one."""
    questions = [
        {
            "id": question["id"],
            "text": question["text"],
            "kind": question["kind"],
            "options": [
                {"id": option["id"], "text": option["text"]}
                for option in question["options"]
            ],
        }
        for question in quiz.question_list()
    ]
    if enrolment is None or not (quiz.shuffle_questions or quiz.shuffle_options):
        return questions
    number = QuizAttempt.objects.filter(enrolment=enrolment).count() + 1
    rng = random.Random(f"{enrolment.pk}:{quiz.translation_key}:{number}")
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    if quiz.shuffle_options:
        for question in questions:
            rng.shuffle(question["options"])
    return questions


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _check_answers(questions: list[dict], answers: Mapping[str, Sequence[str]]):
    """Refuse ids that are not the quiz's own, a question answered twice, an
    unanswered question. Returns {question id: set of option ids}."""
    by_id = {question["id"]: question for question in questions}
    chosen = {}
    for question_id, option_ids in answers.items():
        question = by_id.get(str(question_id))
        if question is None:
            _refuse(
                _("The answers name a question that is not in this quiz."),
                "foreign_question",
            )
        option_ids = [str(option_id) for option_id in option_ids]
        own = {option["id"] for option in question["options"]}
        if any(option_id not in own for option_id in option_ids):
            _refuse(
                _("The answers name an answer that is not in this quiz."),
                "foreign_option",
            )
        if len(set(option_ids)) != len(option_ids) or (
            question["kind"] == QuestionKind.SINGLE and len(option_ids) > 1
        ):
            _refuse(
                _("Question “%(question)s” was answered twice. Choose one answer.")
                % {"question": question["text"]},
                "answered_twice",
            )
        chosen[question["id"]] = set(option_ids)
    missing = [q for q in questions if not chosen.get(q["id"])]
    if missing:
        _refuse(
            _("Answer every question. Unanswered: %(questions)s")
            % {"questions": "; ".join(q["text"] for q in missing)},
            "unanswered",
        )
    return chosen


def _score(questions: list[dict], chosen: dict) -> tuple[Decimal, list[str]]:
    wrong = [
        question["id"]
        for question in questions
        if chosen[question["id"]]
        != {option["id"] for option in question["options"] if option["correct"]}
    ]
    right = len(questions) - len(wrong)
    score = (Decimal(100) * right / len(questions)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return score, wrong


@transaction.atomic
def attempt_submit(
    *,
    enrolment: Enrolment,
    quiz: QuizPage,
    answers: Mapping[str, Sequence[str]],
    actor,
    token: uuid.UUID | str | None = None,
) -> QuizAttempt:
    """Score a learner's answers to the course's quiz and record the attempt.

    `answers` maps question ids to the chosen option ids. Scored against the
    quiz's live revision on the server. Refused with a ValidationError (and
    nothing recorded) for ids that are not the quiz's own, a question answered
    twice or unanswered, an attempt beyond the limit, after completion, or the
    same answer sheet (`token`) posted twice. Records the completion when the
    course's rule is then met.
    """
    if actor is not None and not is_own_person(actor, enrolment.person):
        raise PermissionDenied(_("You may not answer for another person."))
    # The lock makes two submits at once take turns: the second sees the
    # first one's attempt (and completion) and is refused.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    live = QuizPage.objects.live().filter(pk=quiz.pk).first()
    if live is None or course_canonical(live.get_parent().specific) != enrolment.course:
        _refuse(_("This quiz is not part of your course."), "other_course")
    if enrolment.status == EnrolmentStatus.COMPLETED:
        _refuse(_("You have already completed this course."), "completed")
    if not enrolment.is_current or enrolment.status != EnrolmentStatus.ACTIVE:
        _refuse(_("This enrolment is closed."), "closed")
    token = uuid.UUID(str(token)) if token else uuid.uuid4()
    if QuizAttempt.objects.filter(enrolment=enrolment, token=token).exists():
        _refuse(_("These answers have already been submitted."), "duplicate")
    count = QuizAttempt.objects.filter(enrolment=enrolment).count()
    if live.attempt_limit and count >= live.attempt_limit:
        _refuse(
            _("You have used all %(limit)s attempts at this quiz.")
            % {"limit": live.attempt_limit},
            "attempt_limit",
        )
    questions = live.question_list()
    chosen = _check_answers(questions, answers)
    score, wrong = _score(questions, chosen)
    course = enrolment.course
    attempt = QuizAttempt(
        enrolment=enrolment,
        quiz=live,
        number=count + 1,
        token=token,
        answers={key: sorted(value) for key, value in chosen.items()},
        wrong_questions=wrong,
        score=score,
        passed=score >= live.pass_mark,
        submitted_by=actor,
        revision=live.live_revision,
        course_revision=course.live_revision,
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # The database without row locks (SQLite) lets the second of two
        # simultaneous submits reach here: still one attempt.
        _refuse(_("These answers have already been submitted."), "duplicate")
    log(instance=attempt, action="courses.attempt_submit", user=actor)
    completion_evaluate(enrolment=enrolment)
    return attempt
