from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.models.course import CourseIndexPage
from courses.models.material import MaterialIndexPage
from lms.languages import is_english_active
from lms.page_cache import CachedRouteMixin, page_cache_get_or_set


class HomePage(CachedRouteMixin, Page):
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
        # The ways in change only when a page does (lms/page_cache.py).
        context.update(page_cache_get_or_set(request, f"home:{self.pk}", self._ways_in))
        return context

    def _ways_in(self) -> dict:
        return {
            "course_index": CourseIndexPage.objects.live().descendant_of(self).first(),
            "material_index": MaterialIndexPage.objects.live()
            .descendant_of(self)
            .first(),
        }


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
        if is_english_active() and english:
            return english
        return getattr(self, f"{name}_lv")

    @property
    def institution_name(self) -> str:
        return self._in_language("institution_name")

    @property
    def address(self) -> str:
        return self._in_language("address")
