from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from courses.models import MaterialPage, MaterialVersion
from courses.search import pages_readable_by
from people.selectors import person_for_user
from support.services import acknowledgement_record


class AcknowledgeView(LoginRequiredMixin, View):
    """The button on a material's page: "I have read this version"."""

    http_method_names = ["post"]

    def post(self, request, material_id):
        material = get_object_or_404(
            pages_readable_by(request, MaterialPage.objects.all()), pk=material_id
        )
        person = person_for_user(user=request.user)
        if person is None:
            raise Http404
        version = MaterialVersion.objects.filter(
            pk=request.POST.get("version") or 0
        ).first()
        try:
            if version is None:
                raise ValidationError(
                    _("This is not the current version of the material; open it again.")
                )
            acknowledgement_record(
                person=person, material=material, version=version, actor=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Thank you. You have acknowledged version %(version)s.")
                % {"version": version.version},
            )
        return redirect(material.url)
