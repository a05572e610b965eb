import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from catalogue.models import Resource, Service
from competences.models import (
    Competence,
    Condition,
    ServiceManagementTask,
    SupportTopic,
)
from courses.models.tagged import TaggedPage

# Apps above courses/ (support: acknowledgement) add panels to a material's
# page through this hook, called as `hook(request, panels, page)`, so that
# courses/ never imports them.
MATERIAL_PAGE_PANELS_HOOK = "construct_material_page_panels"


class MaterialIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.MaterialPage"]
    parent_page_types = ["courses.HomePage"]

    class Meta:
        verbose_name = _("methodological materials")

    def materials(self):
        """This index's live materials, by kind and title, with their tags."""
        return (
            MaterialPage.objects.live()
            .public()
            .child_of(self)
            .order_by("kind", "title")
            .prefetch_related("tasks", "competences", "conditions", "topics")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = MaterialFilterSet(
            request.GET or None, queryset=self.materials(), request=request
        )
        context["filter"] = filterset
        context["materials"] = filterset.qs
        return context


class MaterialKind(models.TextChoices):
    GUIDELINE = "guideline", _("Guideline")
    PROCESS = "process", _("Process description")
    INSTRUCTION = "instruction", _("Instruction")
    TEMPLATE = "template", _("Template")


class MaterialAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    LISTED = "listed", _("The services, resources and roles named below")


class MaterialPage(RoutablePageMixin, TaggedPage):
    """A methodological material: guideline, process description, instruction
    or template, published in numbered versions (see MaterialVersion)."""

    kind = models.CharField(_("kind"), max_length=16, choices=MaterialKind.choices)
    version = models.CharField(
        _("version"),
        max_length=20,
        default="1",
        help_text=_(
            "Change it when the content changes in substance: the earlier "
            "version stays readable as superseded and, if acknowledgement is "
            "required, the audience is asked again. Keep it for corrections."
        ),
    )
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("Empty: the day the version is published."),
    )
    change_note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Shown with the version: what differs from the previous one."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=16,
        choices=MaterialAudience.choices,
        default=MaterialAudience.EVERYONE,
        help_text=_(
            "Anyone may read a public material. The audience is who is asked to "
            "acknowledge it: everyone, or the people delivering the services or "
            "using the resources below and the holders of the audience roles."
        ),
    )
    requires_acknowledgement = models.BooleanField(
        _("requires acknowledgement"),
        default=False,
        help_text=_("The audience is asked to confirm reading each new version."),
    )
    topics = ParentalManyToManyField(
        "competences.SupportTopic",
        verbose_name=_("support topics"),
        blank=True,
        related_name="materials",
    )
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
        InlinePanel("documents", heading=_("Attached documents"), label=_("document")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("version"), FieldPanel("effective_date")]),
                FieldPanel("change_note"),
            ],
            heading=_("Version"),
        ),
        TaggedPage.taxonomy_panel,
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldPanel("services"),
                FieldPanel("resources"),
                FieldPanel("audience"),
                FieldPanel("requires_acknowledgement"),
            ],
            heading=_("Services, resources and audience"),
        ),
    ]
    search_fields = [
        *TaggedPage.search_fields,
        index.FilterField("kind"),
    ]
    # A translation is the same material: its version, dates and audience are
    # the source's, never translated separately.
    override_translatable_fields = [
        SynchronizedField("version", overridable=False),
        SynchronizedField("effective_date", overridable=False),
        SynchronizedField("audience", overridable=False),
        SynchronizedField("requires_acknowledgement", overridable=False),
    ]
    parent_page_types = ["courses.MaterialIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("methodological material")
        verbose_name_plural = _("methodological materials")

    def clean(self):
        super().clean()
        # A superseded number is history: publishing it again would rewrite it.
        if (
            self.pk
            and self.versions.filter(
                version=self.version, superseded_at__isnull=False
            ).exists()
        ):
            raise ValidationError(
                {
                    "version": _(
                        "Version %(version)s was published earlier and has been "
                        "superseded. Give the new version a new number."
                    )
                    % {"version": self.version}
                }
            )

    def search_folded_sources(self) -> list[str]:
        # The attached documents' titles are found by search too.
        return [
            *super().search_folded_sources(),
            *(item.document.title for item in self.documents.all() if item.document),
        ]

    def version_history(self):
        """Every published version of this page, newest first."""
        return self.versions.order_by("-published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attached"] = self.documents.select_related("document")
        context["history"] = self.version_history()
        panels = []
        for hook in hooks.get_hooks(MATERIAL_PAGE_PANELS_HOOK):
            hook(request, panels, self)
        panels.sort(key=lambda panel: getattr(panel, "order", 0))
        context["panels"] = [panel.render_html(context) for panel in panels]
        return context

    @path("", name="current")
    def current(self, request):
        return self.render(request)

    @path("versions/<str:label>/", name="version")
    def version_view(self, request, label):
        """An earlier (or the current) version as it was published."""
        version = get_object_or_404(self.versions, version=label)
        return self.render(
            request,
            template="courses/material_version.html",
            context_overrides={"version": version, "history": self.version_history()},
        )


class MaterialDocument(Orderable):
    """A Wagtail document attached to a material (a form, template, annex)."""

    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")


class MaterialVersion(models.Model):
    """A published version of a material, kept readable once superseded.

    Recorded by `courses.services.material_version_record` whenever the page
    is published: a new version number makes a new record and supersedes the
    current one; the same number updates the current record (a correction).
    It keeps what the reader saw: texts, documents, change note and dates.
    """

    page = models.ForeignKey(
        MaterialPage,
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("content"), blank=True)
    change_note = models.TextField(_("what changed"), blank=True)
    # [{"id": document id, "title": its title}] as attached at publication.
    documents = models.JSONField(_("documents"), default=list, blank=True)
    effective_date = models.DateField(_("effective date"))
    requires_acknowledgement = models.BooleanField(
        _("requires acknowledgement"), default=False
    )
    published_at = models.DateTimeField(_("published"))
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        verbose_name = _("material version")
        verbose_name_plural = _("material versions")
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "version"], name="material_version_unique_label"
            ),
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(superseded_at__isnull=True),
                name="material_version_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.version}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    def get_url(self, request=None) -> str:
        return self.page.get_url(request) + self.page.reverse_subpage(
            "version", args=[self.version]
        )


def _any(label, queryset):
    return django_filters.ModelChoiceFilter(
        label=label, queryset=queryset, empty_label=_("Any")
    )


class MaterialFilterSet(django_filters.FilterSet):
    """The library's filters: every tag of a material, each an exact match;
    empty means any. The admin's listing adds them (courses/filters.py)."""

    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=MaterialKind.choices, empty_label=_("Any")
    )
    topics = _any(_("support topic"), SupportTopic.objects.order_by("sort_order"))
    tasks = _any(_("PU task"), ServiceManagementTask.objects.all())
    conditions = _any(_("condition"), Condition.objects.all())
    services = _any(_("service"), Service.objects.order_by("code"))
    resources = _any(_("resource"), Resource.objects.order_by("code"))
    competences = _any(_("competence"), Competence.objects.order_by("sort_order"))

    class Meta:
        model = MaterialPage
        fields = []
