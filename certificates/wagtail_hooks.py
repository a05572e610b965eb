"""Admin wiring of certificates/: viewsets, log actions, dashboard panel."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet

from certificates import admin_views
from certificates.bulk_actions import ZipCertificatesBulkAction
from certificates.models import Certificate, CertificateStatus, CertificateTemplate
from certificates.permissions import (
    can_issue_certificate,
    certificates_visible_to,
    may_issue_certificates,
    templates_visible_to,
)
from certificates.selectors import (
    assignments_with_certificates,
    certificate_list,
    certificates_of_person,
)
from curricula.models import Assignment, Curriculum
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
    # A tick or a cross, not the words "True" and "False" on a Latvian screen.
    list_display = [
        "name",
        BooleanColumn(
            "is_default",
            label=capfirst(
                CertificateTemplate._meta.get_field("is_default").verbose_name
            ),
            sort_key="is_default",
        ),
        "course",
        "issuer",
        "orientation",
    ]
    list_export = [
        "name",
        "is_default",
        "course",
        "issuer",
        "validity_months",
        "orientation",
        "signatory_name",
    ]
    export_filename = "certificate-templates"
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


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    # Id-taking URLs live in namespaces that the access matrix walks
    # (tests/lms/test_access_matrix.py, OWN_ID_NAMESPACES).
    certificate_urls = [
        path(
            "<int:pk>/revoke/",
            admin_views.CertificateRevokeView.as_view(),
            name="revoke",
        ),
        path(
            "<int:pk>/reissue/",
            admin_views.CertificateReissueView.as_view(),
            name="reissue",
        ),
    ]
    batch_urls = [
        path("<int:pk>/", admin_views.CertificateBatchView.as_view(), name="batch"),
        path("<int:pk>/zip/", admin_views.batch_download, name="download"),
    ]
    return [
        path(
            "certificates/issue/",
            admin_views.CertificateBulkView.as_view(),
            name="certificates_bulk",
        ),
        path(
            "certificates/batches/",
            include((batch_urls, "certificates_batches")),
        ),
        path(
            "certificates/actions/",
            include((certificate_urls, "certificates_actions")),
        ),
    ]


class BulkIssueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_issue_certificates(request.user)


@hooks.register("register_admin_menu_item")
def register_bulk_issue_menu_item():
    return BulkIssueMenuItem(
        _("Issue certificates"),
        reverse("certificates_bulk"),
        icon_name="success",
        order=401,
    )


@hooks.register("register_snippet_listing_buttons")
def certificate_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Certificate):
        return
    if not can_issue_certificate(user, snippet.person):
        return
    if snippet.status == CertificateStatus.ACTIVE:
        yield ListingButton(
            _("Revoke"),
            reverse("certificates_actions:revoke", args=[snippet.pk]),
            priority=30,
            icon_name="cross",
        )
    if snippet.status != CertificateStatus.SUPERSEDED:
        yield ListingButton(
            _("Re-issue"),
            reverse("certificates_actions:reissue", args=[snippet.pk]),
            priority=31,
            icon_name="repeat",
        )


@hooks.register("register_snippet_listing_buttons")
def curriculum_listing_buttons(snippet, user, next_url=None):
    # The curricula listing is scoped already (curricula.permissions); this
    # only opens the bulk form with the curriculum chosen.
    if not isinstance(snippet, Curriculum) or not may_issue_certificates(user):
        return
    yield ListingButton(
        _("Issue certificates"),
        reverse("certificates_bulk") + f"?curriculum={snippet.pk}",
        priority=40,
        icon_name="success",
    )


@hooks.register("before_delete_snippet")
def keep_certified_assignments(request, instances):
    # Deleting an assignment deletes its members' curriculum completions; a
    # certificate issued for one protects it (it must stay verifiable), so the
    # deletion is refused here with a message rather than failing half-way.
    ids = [instance.pk for instance in instances if isinstance(instance, Assignment)]
    if ids and assignments_with_certificates(ids):
        messages.error(
            request,
            _(
                "An assignment whose completions have certificates cannot be "
                "deleted: the certificates must stay verifiable. Close it instead."
            ),
        )
        return redirect("wagtailsnippets_curricula_assignment:list")
    return None


hooks.register("register_bulk_action", ZipCertificatesBulkAction)
