from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
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
        # Built only when the listing is rendered: it is usually served from
        # the page cache, and `.public()` queries the view restrictions as
        # soon as it is called.
        context["courses"] = SimpleLazyObject(self.courses)
        return context


class CoursePage(TaggedPage):
    code = models.CharField(
        _("course code"),
        max_length=32,
        help_text=_("Short unique code, e.g. ITIL-PAM. Translations share it."),
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, null=True, blank=True
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
        TaggedPage.taxonomy_panel,
    ]
    search_fields = [*TaggedPage.search_fields, index.SearchField("code")]
    # The code identifies the course in every language: translators never see
    # it, and a translation always carries the source page's code.
    override_translatable_fields = [SynchronizedField("code", overridable=False)]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

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
