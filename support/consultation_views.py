"""The support app's site pages: my consultations, asking, needs, feedback.

Views only read through selectors and permissions and write through services;
another person's consultation or attachment is a 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from catalogue.models import Resource, Service
from catalogue.selectors import active_involvements
from courses.models import CoursePage, MaterialPage
from lms.views import private_download
from people.permissions import is_manager, people_visible_to
from people.selectors import person_for_user
from support.forms import ConsultationForm, FeedbackForm, NeedForm
from support.models import ConsultationAttachment
from support.permissions import can_read_attachment, consultations_asked_by
from support.selectors import consultation_detail, consultation_list
from support.services import (
    consultation_ask,
    feedback_give,
    support_need_record,
)


def _form_errors(form, error: ValidationError) -> None:
    """A service's refusal, shown by field on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_messages in error.message_dict.items():
        known = name in form.fields and name != NON_FIELD_ERRORS
        form.add_error(name if known else None, field_messages)


def _subjects(person):
    """The services and resources the person takes part in now."""
    involvements = active_involvements(person=person)
    return (
        Service.objects.filter(pk__in=involvements.values("service_id")),
        Resource.objects.filter(pk__in=involvements.values("resource_id")),
    )


class PersonRequiredMixin(LoginRequiredMixin):
    """The signed-in user's person record, or a page saying there is none."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.person = person_for_user(user=request.user)
            if self.person is None:
                return render(request, "support/no_person.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class ConsultationListView(PersonRequiredMixin, View):
    template_name = "support/consultation_list.html"

    def get(self, request):
        consultations = consultation_list(
            queryset=consultations_asked_by(request.user)
        ).order_by("-asked_at", "-pk")
        return render(request, self.template_name, {"consultations": consultations})


class ConsultationCreateView(PersonRequiredMixin, View):
    template_name = "support/consultation_form.html"

    def _form(self, data=None, files=None):
        services, resources = _subjects(self.person)
        return ConsultationForm(data, files, services=services, resources=resources)

    def get(self, request):
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request):
        form = self._form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                consultation = consultation_ask(
                    asker=self.person,
                    topic=data["topic"],
                    service=data["service"],
                    resource=data["resource"],
                    question=data["question"],
                    attachments=data["attachments"],
                    actor=request.user,
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your question has been sent to %(manager)s.")
                    % {"manager": consultation.routed_to.full_name},
                )
                return redirect("support_consultation", pk=consultation.pk)
        return render(request, self.template_name, {"form": form}, status=400)


def _own_consultation(user, pk):
    return get_object_or_404(
        consultation_detail(queryset=consultations_asked_by(user)), pk=pk
    )


class ConsultationDetailView(PersonRequiredMixin, View):
    template_name = "support/consultation_detail.html"

    def get(self, request, pk, form=None, status=200):
        consultation = _own_consultation(request.user, pk)
        feedback = next(iter(consultation.feedback.all()), None)
        context = {
            "consultation": consultation,
            "feedback": feedback,
            "feedback_form": (
                form or FeedbackForm()
                if consultation.is_answered and feedback is None
                else None
            ),
        }
        return render(request, self.template_name, context, status=status)

    def post(self, request, pk):
        """Feedback on the answer."""
        consultation = _own_consultation(request.user, pk)
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                feedback_give(
                    person=self.person,
                    consultation=consultation,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return redirect("support_consultation", pk=pk)
        return self.get(request, pk, form=form, status=400)


class ConsultationAttachmentView(LoginRequiredMixin, View):
    """An attachment, to the asker and whoever oversees the consultation."""

    def get(self, request, pk):
        attachment = ConsultationAttachment.objects.filter(pk=pk).first()
        if attachment is None or not can_read_attachment(request.user, attachment):
            raise Http404
        return private_download(attachment.file, filename=attachment.name)


class NeedCreateView(PersonRequiredMixin, View):
    template_name = "support/need_form.html"

    def _form(self, data=None):
        services, resources = _subjects(self.person)
        team = None
        if is_manager(self.request.user):
            team = people_visible_to(self.request.user).exclude(pk=self.person.pk)
        return NeedForm(data, services=services, resources=resources, team=team)

    def get(self, request):
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                support_need_record(
                    actor=request.user,
                    person=data.get("person") or self.person,
                    topic=data["topic"],
                    form=data["form"],
                    text=data["text"],
                    service=data["service"],
                    resource=data["resource"],
                )
            except PermissionDenied:
                form.add_error("person", _("You may record needs only for your team."))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you: the need is recorded for planning support."),
                )
                return redirect("support_need_create")
        return render(request, self.template_name, {"form": form}, status=400)


class PageFeedbackView(PersonRequiredMixin, View):
    """Rate a page (1–5) with an optional comment, once (feedback_give decides
    whether the person may). Subclasses name the page and where to go after."""

    template_name = ""
    subject = ""  # feedback_give's keyword and the template's name for the page

    def _page(self, page_id):
        raise NotImplementedError

    def _done(self, page):
        raise NotImplementedError

    def get(self, request, page_id, form=None, status=200):
        return render(
            request,
            self.template_name,
            {self.subject: self._page(page_id), "form": form or FeedbackForm()},
            status=status,
        )

    def post(self, request, page_id):
        page = self._page(page_id)
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                feedback_give(
                    person=self.person,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    **{self.subject: page},
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return self._done(page)
        return self.get(request, page_id, form=form, status=400)


class MaterialFeedbackView(PageFeedbackView):
    """Rate a published material."""

    template_name = "support/material_feedback.html"
    subject = "material"

    def _page(self, page_id):
        return get_object_or_404(MaterialPage.objects.live().public(), pk=page_id)

    def _done(self, page):
        return redirect(page.url)


class CourseFeedbackView(PageFeedbackView):
    """Rate a course one has completed."""

    template_name = "support/course_feedback.html"
    subject = "course"

    def _page(self, page_id):
        return get_object_or_404(CoursePage.objects.live(), pk=page_id)

    def _done(self, page):
        return redirect("dashboard")
