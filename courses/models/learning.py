"""The learner's records: enrolments, progress per lesson, completions.

An enrolment is one round of one person in one course. A course is identified
by its page in the default locale (translations share it, see
`courses.selectors.course_canonical`), so a learner who enrols from the English
page and one who enrols from the Latvian page are in the same course.
Nothing here is ever overwritten: a re-completion opens a new round and the
earlier round, with its completion, stays in the history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("self-enrolment")
    COORDINATOR = "coordinator", _("enrolled by a coordinator")
    ASSIGNMENT = "assignment", _("assignment")
    SESSION = "session", _("session registration")
    IMPORT = "import", _("import")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("in progress")
    COMPLETED = "completed", _("completed")
    WITHDRAWN = "withdrawn", _("withdrawn")
    # An earlier round, closed when a new major version asked for re-completion.
    SUPERSEDED = "superseded", _("superseded by a new version")


class Enrolment(models.Model):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    # PROTECT: a course with learners is unpublished, never deleted, so that
    # the completions (and the certificates built on them) keep their course.
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ACTIVE,
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=EnrolmentSource.choices,
        default=EnrolmentSource.SELF,
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course", "round"], name="enrolment_round_once"
            ),
            # One open enrolment per person and course, however many
            # assignments, sessions or clicks ask for it.
            models.UniqueConstraint(
                fields=["person", "course"],
                condition=Q(is_current=True),
                name="enrolment_current_once",
            ),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.person} — {self.course}"

    # For listings and exports: empty while the enrolment is not completed.
    @property
    def completed_on(self):
        completion = getattr(self, "completion", None)
        return completion.completed_on if completion else None

    @property
    def completion_score(self):
        completion = getattr(self, "completion", None)
        return completion.score if completion else None


class LessonProgress(models.Model):
    """That a learner opened (and finished) one lesson of their enrolment."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    first_viewed_at = models.DateTimeField(_("first viewed at"), default=timezone.now)
    last_viewed_at = models.DateTimeField(_("last viewed at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lesson_progress_once"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.lesson_id}"


class Completion(models.Model):
    """The completion of one enrolment: exactly one, never undone."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="completion",
    )
    # Denormalised from the enrolment so that reports and certificates need
    # no join to find whose completion of what this is.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    completed_on = models.DateField(_("completed on"))
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("course revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    course_version = models.PositiveSmallIntegerField(_("course version"), default=1)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_at"]

    def __str__(self):
        return f"{self.person} — {self.course} ({self.completed_on})"
