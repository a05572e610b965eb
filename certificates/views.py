"""Certificate download (permission-checked) and the public verification page."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django_ratelimit.decorators import ratelimit

from certificates.permissions import certificates_visible_to
from certificates.selectors import certificate_for_code
from lms.views import private_download


class CertificateDownloadView(LoginRequiredMixin, View):
    """The stored PDF, to its holder and to the managers and coordinators
    whose scope covers the holder; a 404 to everyone else."""

    def get(self, request, pk):
        certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
        return private_download(
            certificate.pdf,
            filename=certificate.filename,
            content_type="application/pdf",
        )


def _too_many(request):
    return render(request, "certificates/verify_limited.html", status=429)


@method_decorator(
    ratelimit(
        key="ip",
        rate=lambda group, request: settings.CERTIFICATE_VERIFY_RATE,
        block=False,
    ),
    name="get",
)
class CertificateVerifyView(View):
    """Public: what a certificate is and whether it is valid, nothing more."""

    def get(self, request, code=None):
        if getattr(request, "limited", False):
            return _too_many(request)
        typed = request.GET.get("code")
        if code is None and typed is None:
            return render(request, "certificates/verify_lookup.html")
        certificate = certificate_for_code(code if code is not None else typed)
        if certificate is None:
            # A mistyped short code, or a link cut short (a damaged QR code):
            # say so on the form, so that the reader can type the printed
            # code; reveal nothing else.
            return render(
                request,
                "certificates/verify_lookup.html",
                {"not_found": True, "typed": (typed or "")[:32]},
                status=404,
            )
        if code is None:
            return redirect("certificate_verify", code=certificate.code)
        return render(
            request,
            "certificates/certificate_verify.html",
            {
                "certificate": certificate,
                "state": certificate.state_on(timezone.localdate()),
            },
        )
