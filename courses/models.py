from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from catalogue.models import ResponsibleRole
from competences.models import Competence


class HomePage(Page):
    """The portal's front page: what the service is, and the ways in."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "courses.CourseIndexPage",
        "courses.MaterialIndexPage",
        "courses.ContentPage",
        "courses.AccessibilityStatementPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course_index"] = (
            CourseIndexPage.objects.live().descendant_of(self).first()
        )
        context["material_index"] = (
            MaterialIndexPage.objects.live().descendant_of(self).first()
        )
        return context


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


class TaggedPageForm(WagtailAdminPageForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("audience roles"),
        choices=ResponsibleRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TaggedPage(Page):
    """Fields shared by courses and materials: the card's taxonomy.

    Each subclass declares its own competences/tasks/conditions relations so
    that the reverse names (competence.courses, competence.materials) differ.
    """

    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("content"), blank=True)
    audience_roles = models.JSONField(_("audience roles"), default=list, blank=True)

    base_form_class = TaggedPageForm
    taxonomy_panel = MultiFieldPanel(
        [
            FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
            FieldPanel("tasks"),
            FieldPanel("conditions"),
            FieldPanel("audience_roles"),
        ],
        heading=_("Taxonomy"),
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    @property
    def audience_role_labels(self) -> list[str]:
        labels = dict(ResponsibleRole.choices)
        return [labels[code] for code in self.audience_roles if code in labels]


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


class MaterialIndexPage(Page):
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


class ContentPage(Page):
    """A plain page of text, such as the privacy notice."""

    body = RichTextField(_("content"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class ConformanceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(Page):
    """The accessibility statement every Latvian public-sector site publishes.

    Its sections follow the model statement of Directive (EU) 2016/2102 as
    applied in Latvia (Cabinet Regulation No. 445 of 2020).
    """

    standard = models.CharField(
        _("standard"),
        max_length=120,
        default="WCAG 2.1 AA (LVS EN 301 549)",
        help_text=_("The standard the site is assessed against."),
    )
    conformance_status = models.CharField(
        _("conformance status"),
        max_length=16,
        choices=ConformanceStatus.choices,
        default=ConformanceStatus.PARTIAL,
    )
    non_accessible_content = RichTextField(
        _("non-accessible content and reasons"),
        blank=True,
        help_text=_(
            "What is not yet accessible, why (non-compliance, disproportionate "
            "burden, outside the law's scope), and the accessible alternative."
        ),
    )
    preparation_method = RichTextField(
        _("how the statement was prepared"),
        help_text=_("Self-assessment or an assessment by a third party, and how."),
    )
    prepared_on = models.DateField(_("date of preparation"))
    reviewed_on = models.DateField(_("date of last review"), null=True, blank=True)
    feedback_contact = RichTextField(
        _("feedback and contact"),
        help_text=_("How to report an accessibility problem and who answers."),
    )
    enforcement = RichTextField(
        _("enforcement procedure"),
        help_text=_("Where to turn when the answer is unsatisfactory."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("standard"), FieldPanel("conformance_status")],
            heading=_("Conformance status"),
        ),
        FieldPanel("non_accessible_content"),
        FieldPanel("preparation_method"),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("reviewed_on")],
            heading=_("Dates"),
        ),
        FieldPanel("feedback_contact"),
        FieldPanel("enforcement"),
    ]
    parent_page_types = ["courses.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """The institution's contacts and legal links, shown in every page footer."""

    institution_name_lv = models.CharField(
        _("institution name (Latvian)"), max_length=255, blank=True
    )
    institution_name_en = models.CharField(
        _("institution name (English)"), max_length=255, blank=True
    )
    address_lv = models.CharField(_("address (Latvian)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution_name_lv"), FieldPanel("institution_name_en")],
            heading=_("Institution"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_lv"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Pages"),
            help_text=_(
                "Choose the Latvian pages; the English footer links to their "
                "translations."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("footer")

    def _in_language(self, name: str) -> str:
        # English falls back to Latvian, the official language, when empty.
        english = getattr(self, f"{name}_en")
        if (get_language() or "lv").startswith("en") and english:
            return english
        return getattr(self, f"{name}_lv")

    @property
    def institution_name(self) -> str:
        return self._in_language("institution_name")

    @property
    def address(self) -> str:
        return self._in_language("address")
