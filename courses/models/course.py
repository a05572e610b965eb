from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from competences.models import Competence
from courses.models.tagged import TaggedPage


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    parent_page_types = ["courses.HomePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        """This catalogue's live courses, in its locale, with their competences.

        The page's own listing lives on the page (as in bakerydemo's blog
        index), so courses/ needs no selector that imports its models back.
        """
        return (
            CoursePage.objects.live()
            .public()
            .child_of(self)
            .order_by("title")
            .prefetch_related(
                Prefetch(
                    "competences", queryset=Competence.objects.order_by("sort_order")
                )
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = self.courses()
        return context


class CourseFormat(models.TextChoices):
    ELEARNING = "elearning", _("e-learning")
    CLASSROOM = "classroom", _("classroom")
    WEBINAR = "webinar", _("webinar")
    BLENDED = "blended", _("blended")


class CompletionPart(models.TextChoices):
    LESSONS = "lessons", _("all lessons viewed")
    QUIZ = "quiz", _("the quiz passed")
    ATTENDANCE = "attendance", _("attendance at a session")


class CoursePage(TaggedPage):
    code = models.CharField(
        _("course code"),
        max_length=32,
        help_text=_("Short unique code, e.g. ITIL-PAM. Translations share it."),
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=CourseFormat.choices,
        default=CourseFormat.ELEARNING,
    )
    self_enrolment = models.BooleanField(
        _("self-enrolment open"),
        default=True,
        help_text=_(
            "Learners may enrol themselves; otherwise coordinators enrol them."
        ),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        symmetrical=False,
        blank=True,
        related_name="required_for",
        help_text=_("Courses a learner must complete before enrolling in this one."),
    )
    major_version = models.PositiveSmallIntegerField(
        _("major version"),
        default=1,
        help_text=_(
            "Raise it when the course changes in substance. Completions keep the "
            "version they were earned on."
        ),
    )
    requires_recompletion = models.BooleanField(
        _("requires re-completion"),
        default=False,
        help_text=_(
            "When this major version is published, ask everyone who completed an "
            "earlier version to complete the course again."
        ),
    )
    competences = ParentalManyToManyField(
        "competences.Competence",
        verbose_name=_("competences developed"),
        blank=True,
        related_name="courses",
    )
    tasks = ParentalManyToManyField(
        "competences.ServiceManagementTask",
        verbose_name=_("service-management tasks"),
        blank=True,
        related_name="courses",
    )
    conditions = ParentalManyToManyField(
        "competences.Condition",
        verbose_name=_("conditions"),
        blank=True,
        related_name="courses",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("duration_hours"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("self_enrolment"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
                FieldPanel("major_version"),
                FieldPanel("requires_recompletion"),
            ],
            heading=_("Enrolment and completion"),
        ),
        TaggedPage.taxonomy_panel,
    ]
    search_fields = [*TaggedPage.search_fields, index.SearchField("code")]
    # The code identifies the course in every language: translators never see
    # it, and a translation always carries the source page's code.
    override_translatable_fields = [SynchronizedField("code", overridable=False)]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def completion_parts(self) -> set[str]:
        """What completes this course, by its format (issue 9, section 3)."""
        online = {CompletionPart.LESSONS}
        if self.has_quiz:
            online.add(CompletionPart.QUIZ)
        if self.format == CourseFormat.ELEARNING:
            return online
        if self.format == CourseFormat.BLENDED:
            return online | {CompletionPart.ATTENDANCE}
        return {CompletionPart.ATTENDANCE}

    def competence_level(self, competence) -> int | None:
        """The scale level this course brings a competence to (None: no level)."""
        return None

    @property
    def has_quiz(self) -> bool:
        # Quizzes arrive with the quiz models; until then no course has one.
        return False

    def clean(self):
        super().clean()
        # The code is unique per course, but the course's translations share it,
        # so uniqueness is per translation_key rather than per row.
        clash = (
            CoursePage.objects.filter(code__iexact=self.code)
            .exclude(translation_key=self.translation_key)
            .first()
        )
        if clash is None:
            return
        if not clash.live:
            # Wagtail's autosave keeps an abandoned add-course form as a hidden
            # draft; the editor's retry must lead back to it, not to a dead end.
            link = format_html(
                '<a href="{}">{}</a>',
                reverse("wagtailadmin_pages:edit", args=[clash.pk]),
                clash.title,
            )
            raise ValidationError(
                {
                    "code": format_html(
                        "{} {}",
                        _(
                            "An unpublished draft course already uses this code, "
                            "perhaps from an earlier unfinished form. Continue "
                            "editing it, or delete it first:"
                        ),
                        link,
                    )
                }
            )
        raise ValidationError({"code": _("Another course already uses this code.")})
