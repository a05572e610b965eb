from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from certificates.admin_views import batch_start
from certificates.models import BatchKind, Certificate
from certificates.permissions import (
    can_download_certificate,
    certificates_visible_to,
)
from certificates.services import ZIP_INLINE_MAX, zip_bytes
from lms.viewsets import ScopedBulkActionMixin


class ZipCertificatesBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    """Download the selected certificates as one ZIP: at once when few, built
    by the worker when many (the requester is told when it is ready)."""

    display_name = gettext_lazy("Download as ZIP")
    action_type = "certificates_zip"
    aria_label = gettext_lazy("Download the selected certificates as one ZIP file")
    template_name = "certificates/admin/confirm_zip.html"
    action_priority = 20
    models = [Certificate]

    def get_all_objects_in_listing_query(self, parent_id):
        return certificates_visible_to(self.request.user).values_list("pk", flat=True)

    def check_perm(self, certificate):
        return can_download_certificate(self.request.user, certificate)

    def prepare_action(self, objects, objects_without_access):
        if len(objects) <= ZIP_INLINE_MAX:
            response = HttpResponse(zip_bytes(objects), content_type="application/zip")
            response["Content-Disposition"] = 'attachment; filename="certificates.zip"'
            return response
        batch = batch_start(
            actor=self.request.user,
            kind=BatchKind.ZIP,
            certificate_ids=[certificate.pk for certificate in objects],
        )
        messages.info(
            self.request,
            _("The ZIP file is being built; you will get an e-mail when it is ready."),
        )
        return redirect("certificates_batches:batch", pk=batch.pk)

    @classmethod
    def execute_action(cls, objects, **kwargs):
        # prepare_action always answers; nothing is left to execute.
        return len(objects), 0
