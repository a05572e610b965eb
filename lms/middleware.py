from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site policy, widened only under the admin prefixes.

    The Wagtail admin relies on inline styles and scripts that we do not control;
    learners' and managers' pages never get these exceptions.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            parts.update = {**settings.CSP_ADMIN_UPDATE, **(parts.update or {})}
        return parts
