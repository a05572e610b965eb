"""The evidence of a recognition, and the admin's form to revoke an attainment.

No rules here: who may see or revoke is competences.permissions, the change
is competences.services.attainment_revoke.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from competences.models import Attainment
from competences.permissions import (
    attainments_visible_to,
    can_download_evidence,
    can_revoke_attainment,
)
from competences.selectors import attainment_list, competence_profile
from competences.services import attainment_revoke
from lms.views import private_download
from people.selectors import person_for_user


class EvidenceDownloadView(View):
    """The evidence file, always as a download of an opaque type with nosniff,
    so an uploaded file can carry no script into the portal's origin. Anyone
    who may not see it gets 404, as if it did not exist."""

    def get(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        attainment = get_object_or_404(Attainment.objects.exclude(evidence=""), pk=pk)
        if not can_download_evidence(request.user, attainment):
            raise Http404
        name = attainment.evidence.name.rsplit("/", 1)[-1]
        return private_download(
            attainment.evidence, filename=f"{attainment.competence.code}-{name}"
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AttainmentRevokeView(WagtailAdminTemplateMixin, FormView):
    """A coordinator revokes an attainment with a reason; it stays in the
    history, marked, and no longer counts."""

    form_class = RevokeForm
    template_name = "competences/attainment_revoke.html"
    header_icon = "cross"

    def dispatch(self, request, *args, **kwargs):
        self.attainment = get_object_or_404(
            attainment_list(queryset=attainments_visible_to(request.user)),
            pk=kwargs["pk"],
        )
        if not can_revoke_attainment(request.user, self.attainment):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Revoke an attainment")

    def get_page_subtitle(self):
        return str(self.attainment)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_competences_attainment:list"),
                "label": Attainment._meta.verbose_name_plural,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(attainment=self.attainment, **kwargs)

    def form_valid(self, form):
        try:
            attainment_revoke(
                actor=self.request.user,
                attainment=self.attainment,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for message in error.message_dict.get("revocation_reason", []):
                    form.add_error("reason", message)
            else:
                form.add_error(None, error.messages[0])
            return self.form_invalid(form)
        messages.success(self.request, _("The attainment was revoked."))
        return redirect("wagtailsnippets_competences_attainment:list")


class CompetenceProfileView(LoginRequiredMixin, TemplateView):
    """The signed-in person's own competence profile on the site.

    It takes no id: it only ever shows the person linked to the account.
    """

    template_name = "competences/competence_profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = person_for_user(user=self.request.user)
        context["person"] = person
        context["profile"] = (
            competence_profile(person=person) if person is not None else None
        )
        return context
