"""Admin wiring of certificates/: viewsets, log actions, dashboard panel."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from certificates.models import Certificate, CertificateTemplate
from certificates.permissions import certificates_visible_to, templates_visible_to
from certificates.selectors import certificate_list, certificates_of_person
from lms.viewsets import ScopedSnippetViewSet, SnippetViewSetGroup


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        "certificates.issue", _("Certificate issued"), _("Certificate issued")
    )
    actions.register_action(
        "certificates.revoke", _("Certificate revoked"), _("Certificate revoked")
    )
    actions.register_action(
        "certificates.reissue", _("Certificate re-issued"), _("Certificate re-issued")
    )


class DashboardCertificatesPanel(Component):
    """On the learner's dashboard: their certificates, with status and links."""

    name = "dashboard_certificates"
    order = 120
    template_name = "certificates/panels/dashboard_certificates.html"

    def __init__(self, user, person):
        self.user = user
        self.person = person

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        certificates = list(
            certificates_of_person(person=self.person).filter(
                pk__in=certificates_visible_to(self.user).values("pk")
            )
        )
        for certificate in certificates:
            certificate.state = certificate.state_on(today)
        return {"certificates": certificates}


@hooks.register("construct_dashboard_panels")
def add_dashboard_certificates_panel(request, panels, person):
    panels.append(DashboardCertificatesPanel(request.user, person))


class CertificateTemplateViewSet(ScopedSnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    scope = staticmethod(templates_visible_to)
    list_display = ["name", "is_default", "course", "issuer", "orientation"]
    search_fields = ["name", "title_lv", "title_en"]


class CertificateViewSet(ScopedSnippetViewSet):
    model = Certificate
    icon = "success"
    menu_label = _("Issued certificates")
    scope = staticmethod(certificates_visible_to)
    selector = staticmethod(certificate_list)
    list_display = ["holder_name", "title", "short_code", "issued_at", "status"]
    list_filter = ["status", "language"]
    list_export = [
        "short_code",
        "person.email",
        "holder_name",
        "title",
        "completed_on",
        "issued_at",
        "expires_on",
        "status",
        "status_reason",
    ]
    export_filename = "certificates"
    search_fields = ["holder_name", "short_code", "person__email"]


class CertificateViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "success"
    menu_order = 400
    items = (CertificateViewSet, CertificateTemplateViewSet)


register_snippet(CertificateViewSetGroup)
