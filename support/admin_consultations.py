"""The consultations in the admin: the scoped viewset, the answer form, the
"draft material" action and the open-questions column. Wired in wagtail_hooks.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton

from competences.models import SupportTopic
from lms.viewsets import ScopedEditView, ScopedSnippetViewSet
from support.models import Consultation
from support.permissions import consultations_visible_to
from support.selectors import consultation_detail, consultation_list
from support.services import consultation_answer, consultation_material_create


class SubjectPanel(Panel):
    """The service or resource asked about, or a dash (never "None")."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "support/admin/subject_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["subject"] = self.instance.subject
            return context


class AttachmentsPanel(Panel):
    """The question's attachments, as links to the permission-checked download."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "support/admin/attachments_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["attachments"] = (
                list(self.instance.attachments.all()) if self.instance.pk else []
            )
            return context


def _read_only(name):
    return FieldPanel(name, read_only=True)


CONSULTATION_PANELS = [
    MultiFieldPanel(
        [
            _read_only("asker"),
            _read_only("topic"),
            SubjectPanel(heading=_("Service or resource")),
            _read_only("asked_at"),
            _read_only("routed_to"),
            _read_only("routed_role"),
            _read_only("question"),
            AttachmentsPanel(heading=_("Attachments")),
        ],
        heading=_("Question"),
    ),
    MultiFieldPanel(
        [FieldPanel("answer"), FieldPanel("outcome")],
        heading=_("Answer"),
        help_text=_(
            "The answer is e-mailed to the person who asked, in their language, "
            "and shown on their dashboard. It can be given once."
        ),
    ),
]


class ConsultationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open")), ("answered", _("Answered"))],
        method="filter_status",
        empty_label=_("All"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=SupportTopic.objects.all()
    )

    class Meta:
        model = Consultation
        fields = ["status", "topic"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(answered_at__isnull=(value == "open"))


class AgeColumn(Column):
    """How long a question has waited (until answered, or until now)."""

    def get_value(self, instance):
        end = instance.answered_at or timezone.now()
        return timesince(instance.asked_at, end, depth=1)


class ConsultationEditView(ScopedEditView):
    """The answer form; an answered consultation's answer is shown, not edited."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if self.object.is_answered:
            for name in ("answer", "outcome"):
                if name in form.fields:
                    form.fields[name].disabled = True
        else:
            for name in ("answer", "outcome"):
                if name in form.fields:
                    form.fields[name].required = True
        return form

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.is_answered:
            buttons.append(
                HeaderButton(
                    _("Open the draft material")
                    if self.object.material_id
                    else _("Make a draft material"),
                    url=reverse(
                        "wagtailsnippets_support_consultation:material",
                        args=[self.object.pk],
                    ),
                    icon_name="doc-full",
                )
            )
        return buttons


def consultation_material_view(request, pk):
    """GET: confirm; POST: make the answered consultation a draft material."""
    consultation = get_object_or_404(
        consultation_detail(queryset=consultations_visible_to(request.user)), pk=pk
    )
    if consultation.material_id and request.method == "GET":
        return redirect("wagtailadmin_pages:edit", consultation.material_id)
    if request.method == "POST":
        try:
            page = consultation_material_create(
                consultation=consultation, actor=request.user
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("wagtailsnippets_support_consultation:edit", pk)
        messages.success(
            request,
            _gettext(
                "A draft material was made from the consultation, without the "
                "personal details. Review and publish it."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "support/admin/consultation_material_confirm.html",
        {"consultation": consultation},
    )


class ConsultationViewSet(ScopedSnippetViewSet):
    model = Consultation
    icon = "help"
    menu_label = _("Consultations")
    menu_order = 230
    add_to_admin_menu = True
    scope = staticmethod(consultations_visible_to)
    selector = staticmethod(consultation_list)
    edit_view_class = ConsultationEditView
    panels = CONSULTATION_PANELS
    save_with = staticmethod(
        lambda consultation, user: consultation_answer(
            consultation=consultation,
            actor=user,
            answer=consultation.answer,
            outcome=consultation.outcome,
        )
    )
    # consultation_answer records its own audit-log entry.
    save_logs = True
    filterset_class = ConsultationFilterSet
    list_display = [
        "short_question",
        AgeColumn("age", label=_("Waiting"), sort_key="asked_at"),
        "topic",
        Column("subject_code", label=_("Service or resource")),
        "asker",
        "routed_to",
        "outcome",
    ]
    ordering = ["asked_at"]
    list_export = [
        "asked_at",
        "topic.code",
        "service.code",
        "resource.code",
        "asker.email",
        "routed_to.email",
        "answered_at",
        "outcome",
    ]
    export_filename = "consultations"
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("material/<str:pk>/", consultation_material_view, name="material")
        ]
