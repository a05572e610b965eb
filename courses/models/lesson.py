"""Lessons: child pages of a course (README's architecture notes say why)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index


class CalloutBlock(blocks.StructBlock):
    """A key rule the learner must not miss."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = blocks.RichTextBlock(
        label=_("text"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        label = _("key rule")
        icon = "warning"
        template = "courses/blocks/callout.html"


class LessonBody(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), max_length=160, form_classname="title", icon="title"
    )
    paragraph = blocks.RichTextBlock(label=_("text"))
    image = ImageBlock(label=_("image"))
    document = DocumentChooserBlock(label=_("document"))
    video = EmbedBlock(label=_("video"), icon="media")
    callout = CalloutBlock()


class LessonPage(Page):
    """One lesson of a course, in the course's order of child pages."""

    summary = models.TextField(_("summary"), max_length=600, blank=True)
    body = StreamField(LessonBody(), verbose_name=_("content"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
