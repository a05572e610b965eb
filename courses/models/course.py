import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from competences.models import Competence, ServiceManagementTask
from courses.models.tagged import TaggedPage
from lms.page_cache import CachedRouteMixin


class CourseIndexPage(CachedRouteMixin, Page):
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
        # Built only when the listing is rendered: it is usually served from
        # the page cache (keyed by the query string too), and `.public()`
        # queries the view restrictions as soon as it is called.
        filters = SimpleLazyObject(
            lambda: CourseFilterSet(request.GET or None, queryset=self.courses())
        )
        context["filters"] = filters
        # distinct(): filtering by a competence or task joins the M2M table.
        context["courses"] = SimpleLazyObject(
            lambda: filters.qs.distinct() if filters.is_bound else filters.qs
        )
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


class CourseScope(models.TextChoices):
    INSTITUTION = "institution", _("institution-wide")
    SERVICE = "service", _("one service")
    RESOURCE = "resource", _("one resource")


class CoursePage(CachedRouteMixin, TaggedPage):
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
    support_topic = models.ForeignKey(
        "competences.SupportTopic",
        verbose_name=_("support topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    scope = models.CharField(
        _("scope"),
        max_length=16,
        choices=CourseScope.choices,
        default=CourseScope.INSTITUTION,
    )
    scope_service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("The service, when the course concerns one service."),
    )
    scope_resource = models.ForeignKey(
        "catalogue.Resource",
        verbose_name=_("resource"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("The resource, when the course concerns one resource."),
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
        InlinePanel(
            "competence_levels",
            heading=_("Level each competence reaches"),
            label=_("competence level"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("support_topic"),
                FieldPanel("scope"),
                FieldPanel("scope_service"),
                FieldPanel("scope_resource"),
            ],
            heading=_("Support topic and scope"),
        ),
    ]
    search_fields = [
        *TaggedPage.search_fields,
        index.SearchField("code"),
        index.FilterField("format"),
    ]
    # The code identifies the course in every language: translators never see
    # it, and a translation always carries the source page's code.
    override_translatable_fields = [SynchronizedField("code", overridable=False)]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

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
        for row in self.competence_levels.all():
            if row.competence_id == competence.pk:
                return row.level
        return None

    @property
    def has_quiz(self) -> bool:
        """Whether a live quiz page is a child of this course (cached per
        instance: completion_parts asks for every evaluation)."""
        if "_has_quiz" not in self.__dict__:
            from courses.models.quizzes import QuizPage

            self.__dict__["_has_quiz"] = QuizPage.objects.live().child_of(self).exists()
        return self.__dict__["_has_quiz"]

    def quiz(self):
        """The course's live quiz page, or None."""
        from courses.models.quizzes import QuizPage

        return QuizPage.objects.live().child_of(self).first()

    def clean(self):
        super().clean()
        self._clean_scope()
        self._clean_code()

    def _clean_scope(self):
        errors = {}
        if self.scope == CourseScope.SERVICE and self.scope_service_id is None:
            errors["scope_service"] = _("Choose the service this course concerns.")
        if self.scope == CourseScope.RESOURCE and self.scope_resource_id is None:
            errors["scope_resource"] = _("Choose the resource this course concerns.")
        if self.scope != CourseScope.SERVICE and self.scope_service_id:
            errors["scope_service"] = _("A service is chosen only for that scope.")
        if self.scope != CourseScope.RESOURCE and self.scope_resource_id:
            errors["scope_resource"] = _("A resource is chosen only for that scope.")
        if errors:
            raise ValidationError(errors)

    def _clean_code(self):
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


class CourseCompetenceLevel(Orderable):
    """The level of its framework's scale a course brings one competence to.

    Beside the `competences` relation rather than a through model of it, so
    that `competence.courses` (used by coverage and curricula) keeps working
    and a competence may be listed without a level.
    """

    course = ParentalKey(
        CoursePage, on_delete=models.CASCADE, related_name="competence_levels"
    )
    competence = models.ForeignKey(
        "competences.Competence",
        verbose_name=_("competence"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        help_text=_("Position in the framework's scale (1 = the lowest level)."),
    )

    panels = [FieldPanel("competence"), FieldPanel("level")]

    class Meta(Orderable.Meta):
        verbose_name = _("competence level")
        verbose_name_plural = _("competence levels")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "competence"], name="course_competence_level_once"
            )
        ]

    def clean(self):
        if self.competence_id and self.level:
            framework = self.competence.framework
            if self.level > len(framework.scale_values or []):
                raise ValidationError(
                    {
                        "level": _("The framework's scale has no level %(level)s.")
                        % {"level": self.level}
                    }
                )


# The catalogue's filters (django-filter), beside the page that lists them.
class CourseFilterSet(django_filters.FilterSet):
    competence = django_filters.ModelChoiceFilter(
        label=_("Competence"),
        field_name="competences",
        queryset=Competence.objects.order_by("sort_order"),
        empty_label=_("All competences"),
    )
    task = django_filters.ModelChoiceFilter(
        label=_("Service-management task"),
        field_name="tasks",
        queryset=ServiceManagementTask.objects.all(),
        empty_label=_("All tasks"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=CourseFormat.choices, empty_label=_("All formats")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        method="filter_language",
        empty_label=_("All languages"),
    )

    class Meta:
        model = CoursePage
        fields = ["competence", "task", "format", "language"]

    def filter_language(self, queryset, name, value):
        # A course is offered in a language when a live translation exists.
        offered = CoursePage.objects.live().filter(locale__language_code=value)
        return queryset.filter(translation_key__in=offered.values("translation_key"))
