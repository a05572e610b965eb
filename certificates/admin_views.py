"""Coordinators' certificate actions in the admin: revoke, re-issue, bulk work.

Each view asks certificates.permissions and calls certificates.services; the
forms only collect the reason or the selection.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from certificates.models import BatchKind, CertificateBatch
from certificates.permissions import (
    batches_visible_to,
    can_issue_certificate,
    certificates_visible_to,
    curricula_for_certificates,
    may_issue_certificates,
)
from certificates.services import (
    certificate_batch_start,
    certificate_reissue,
    certificate_revoke,
)
from certificates.tasks import certificate_batch_task
from courses.models import CoursePage
from lms.views import private_download
from people.permissions import organisations_visible_to


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Shown on the public verification page when revoked."),
    )


class CertificateActionView(WagtailAdminTemplateMixin, FormView):
    header_icon = "success"
    template_name = "certificates/admin/certificate_action.html"
    form_class = ReasonForm
    action = ""

    def dispatch(self, request, *args, **kwargs):
        self.certificate = get_object_or_404(
            certificates_visible_to(request.user), pk=kwargs["pk"]
        )
        if not can_issue_certificate(request.user, self.certificate.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_certificates_certificate:list"),
                "label": _("Issued certificates"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("wagtailsnippets_certificates_certificate:list")


class CertificateRevokeView(CertificateActionView):
    def get_page_title(self):
        return _("Revoke certificate %(code)s") % {"code": self.certificate.short_code}

    def perform(self, reason):
        certificate_revoke(
            actor=self.request.user, certificate=self.certificate, reason=reason
        )
        messages.success(self.request, _("The certificate was revoked."))


class CertificateReissueView(CertificateActionView):
    def get_page_title(self):
        return _("Re-issue certificate %(code)s") % {
            "code": self.certificate.short_code
        }

    def perform(self, reason):
        new = certificate_reissue(
            actor=self.request.user, certificate=self.certificate, reason=reason
        )
        messages.success(
            self.request,
            _("A new certificate %(code)s replaces the old one.")
            % {"code": new.short_code},
        )


class BulkForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What to do"),
        choices=[
            (BatchKind.ISSUE, gettext_lazy("Issue the missing certificates")),
            (BatchKind.REGENERATE, gettext_lazy("Regenerate the valid certificates")),
        ],
        widget=forms.RadioSelect,
        initial=BatchKind.ISSUE,
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=None, required=False
    )
    curriculum = forms.ModelChoiceField(
        label=gettext_lazy("Curriculum"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Choose a course or a curriculum."),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Only its people (and its units' people)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (
            CoursePage.objects.live()
            .filter(locale=Locale.get_default())
            .order_by("title")
        )
        self.fields["curriculum"].queryset = curricula_for_certificates(user)
        self.fields["organisation"].queryset = organisations_visible_to(user)


class CertificateBulkView(WagtailAdminTemplateMixin, FormView):
    header_icon = "success"
    page_title = gettext_lazy("Issue certificates in bulk")
    template_name = "certificates/admin/certificate_bulk.html"
    form_class = BulkForm

    def dispatch(self, request, *args, **kwargs):
        if not may_issue_certificates(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # "Issue certificates" on a curriculum's listing row comes with its id
        # (the form's queryset still decides whether it may be chosen).
        return {
            **super().get_initial(),
            "curriculum": self.request.GET.get("curriculum"),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            batches=batches_visible_to(self.request.user)[:10], **kwargs
        )

    def form_valid(self, form):
        try:
            batch = batch_start(
                actor=self.request.user,
                kind=form.cleaned_data["kind"],
                course=form.cleaned_data["course"],
                curriculum=form.cleaned_data["curriculum"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            # The service's refusal, by field (a course or a curriculum).
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("certificates_batches:batch", pk=batch.pk)


def batch_start(**kwargs) -> CertificateBatch:
    """Record a batch (the service) and hand it to the worker once committed."""
    with transaction.atomic():
        batch = certificate_batch_start(**kwargs)
        transaction.on_commit(lambda: certificate_batch_task.enqueue(batch.pk))
    return batch


class CertificateBatchView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "success"
    template_name = "certificates/admin/certificate_batch.html"

    def dispatch(self, request, *args, **kwargs):
        self.batch = get_object_or_404(
            batches_visible_to(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.batch)

    def get_context_data(self, **kwargs):
        return super().get_context_data(batch=self.batch, **kwargs)


def batch_download(request, pk):
    batch = get_object_or_404(batches_visible_to(request.user), pk=pk)
    if not batch.archive:
        raise Http404
    return private_download(
        batch.archive, filename="certificates.zip", content_type="application/zip"
    )
