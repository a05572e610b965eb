from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.models.tagged import TaggedPage
from lms.page_cache import CachedRouteMixin


class MaterialIndexPage(CachedRouteMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.MaterialPage"]
    parent_page_types = ["courses.HomePage"]

    class Meta:
        verbose_name = _("methodological materials")

    def materials(self):
        """This index's live materials, by kind and title, with their PU tasks."""
        return (
            MaterialPage.objects.live()
            .public()
            .child_of(self)
            .order_by("kind", "title")
            .prefetch_related("tasks")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["materials"] = self.materials()
        return context


class MaterialKind(models.TextChoices):
    GUIDELINE = "guideline", _("Guideline")
    PROCESS = "process", _("Process description")
    INSTRUCTION = "instruction", _("Instruction")


class MaterialPage(TaggedPage):
    """A methodological material: guideline, process description or instruction."""

    kind = models.CharField(_("kind"), max_length=16, choices=MaterialKind.choices)
    competences = ParentalManyToManyField(
        "competences.Competence",
        verbose_name=_("competences"),
        blank=True,
        related_name="materials",
    )
    tasks = ParentalManyToManyField(
        "competences.ServiceManagementTask",
        verbose_name=_("service-management tasks"),
        blank=True,
        related_name="materials",
    )
    conditions = ParentalManyToManyField(
        "competences.Condition",
        verbose_name=_("conditions"),
        blank=True,
        related_name="materials",
    )
    services = ParentalManyToManyField(
        "catalogue.Service",
        verbose_name=_("services"),
        blank=True,
        related_name="materials",
    )
    resources = ParentalManyToManyField(
        "catalogue.Resource",
        verbose_name=_("resources"),
        blank=True,
        related_name="materials",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        TaggedPage.taxonomy_panel,
        MultiFieldPanel(
            [FieldPanel("services"), FieldPanel("resources")],
            heading=_("Services and resources"),
        ),
    ]
    parent_page_types = ["courses.MaterialIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("methodological material")
        verbose_name_plural = _("methodological materials")
