"""Quizzes: a quiz is a page under its course; its questions are a StreamField.

A page, so that editors keep drafts, revisions, preview, scheduled publishing
and moderation for the questions as for the lessons, and every attempt can
point at the revision it was taken on. The questions and their options carry
the stable ids StreamField gives each block and list item: answers are stored
by those ids, and translations (wagtail-localize) keep them.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.url_routing import RouteResult


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("one correct answer")
    MULTIPLE = "multiple", _("several correct answers")


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=500)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)

    class Meta:
        label = _("answer")
        icon = "radio-full"


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("question"), max_length=1000)
    kind = blocks.ChoiceBlock(
        label=_("kind"), choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    options = blocks.ListBlock(OptionBlock(), label=_("answers"), min_num=2)

    class Meta:
        label = _("question")
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        correct = [option for option in value["options"] if option["correct"]]
        if not correct:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Mark at least one correct answer."))
                }
            )
        if value["kind"] == QuestionKind.SINGLE and len(correct) > 1:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "kind": ValidationError(
                        _("A question with one correct answer has %(count)s marked.")
                        % {"count": len(correct)}
                    )
                }
            )
        return value


class QuizQuestions(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        min_num = 1


class QuizPage(Page):
    """The quiz of a course: its questions, pass mark and attempt rules."""

    intro = RichTextField(_("introduction"), blank=True)
    questions = StreamField(QuizQuestions(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"),
        null=True,
        blank=True,
        help_text=_("Empty: as many attempts as the learner needs."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle answers"), default=False)
    show_wrong_answers = models.BooleanField(
        _("show which answers were wrong"),
        default=True,
        help_text=_("After an attempt, the learner sees which questions were wrong."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("show_wrong_answers"),
            ],
            heading=_("Scoring and attempts"),
        ),
        FieldPanel("questions"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def question_list(self) -> list[dict]:
        """The questions as plain data: id, text, kind, options (id, text,
        correct). The views render only ids and texts; `correct` stays here."""
        result = []
        for block in self.questions:
            if block.block_type != "question":
                continue
            options = [
                {
                    "id": item.id,
                    "text": item.value["text"],
                    "correct": item.value["correct"],
                }
                for item in block.value["options"].bound_blocks
            ]
            result.append(
                {
                    "id": block.id,
                    "text": block.value["text"],
                    "kind": block.value["kind"],
                    "options": options,
                }
            )
        return result

    def get_context(self, request, *args, **kwargs):
        # What the editor's preview shows; a learner's quiz is served by
        # courses.views.quiz_serve (shuffled, with their attempts).
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = [
            {
                **question,
                "options": [
                    {"id": option["id"], "text": option["text"]}
                    for option in question["options"]
                ],
            }
            for question in self.question_list()
        ]
        return context

    def route(self, request, path_components):
        # /<quiz>/attempt/<id>/: the result of one of the learner's attempts.
        if (
            len(path_components) == 2
            and path_components[0] == "attempt"
            and path_components[1].isdigit()
            and self.live
        ):
            return RouteResult(self, kwargs={"attempt_id": int(path_components[1])})
        return super().route(request, path_components)


class QuizAttempt(models.Model):
    """One submitted attempt: its answers, score and the revisions it was on."""

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        QuizPage,
        verbose_name=_("quiz"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    # The answer sheet's one-time token: the same sheet posted twice (a double
    # click, two tabs) is one attempt.
    token = models.UUIDField(_("answer sheet"), default=uuid.uuid4)
    answers = models.JSONField(_("answers"), default=dict)
    wrong_questions = models.JSONField(_("wrong questions"), default=list)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("quiz revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    course_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("course revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["enrolment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "number"], name="quiz_attempt_number_once"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "token"], name="quiz_attempt_token_once"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.number}"
