"""The admin access matrix, generated from what is registered.

Every URL of every registered snippet viewset and its chooser, every bulk
action in Wagtail's registry, every list export (CSV and XLSX), every report
and every import screen is requested as each group (Learner, Training
coordinator, Manager, Content editor) of two institutions, with the other
institution's ids. The answer must be 302/403/404, or a 200 that carries none
of the other institution's data; never a 500. A newly registered viewset,
chooser, bulk action or report is walked without a new test; its model only
needs a record per institution in tests/lms/conftest.py (the sanity test below
says so when one is missing).
"""

import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from certificates.models import Certificate, CertificateBatch
from competences.models import Attainment
from curricula.models import Assignment
from lms.imports import registry as import_registry
from lms.models import ImportJob
from lms.viewsets import ScopedPermissionPolicy
from people.permissions import COORDINATOR, MANAGER
from tests.lms.conftest import GROUPS

pytestmark = pytest.mark.django_db

# 405: the URL takes no POST at all.
DENIED = (302, 403, 404, 405)
# Admin URL namespaces of our own (not a snippet viewset) that take object ids,
# and the model whose ids they take. A new one fails the coverage test below.
OWN_ID_NAMESPACES = {
    "lms_imports": ImportJob,
    "certificates_actions": Certificate,
    "certificates_batches": CertificateBatch,
    "curricula_admin": Assignment,
}
# Admin reports: Wagtail's own and the apps'.
REPORT_NAMESPACES = (
    "wagtailadmin_reports",
    "competences_reports",
    "support_reports",
    "curricula_reports",
)


def _walk(patterns, namespace=(), prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from _walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
        elif pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            yield (
                ":".join(namespace),
                pattern.name,
                list(converters),
                prefix + str(pattern.pattern),
            )


ROUTES = list(_walk(get_resolver().url_patterns))


def _routes(namespace):
    return [(name, params) for ns, name, params, _path in ROUTES if ns == namespace]


def _label(model):
    return model._meta.label_lower


def _is_scoped(model):
    return isinstance(policy_registry.get_by_type(model), ScopedPermissionPolicy)


def _text(response):
    """Everything a response shows, whatever its format."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body.startswith(b"PK"):
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for row in sheet.iter_rows(values_only=True)
        )
    text = body.decode("utf-8", errors="replace")
    # Chooser responses are JSON with non-ASCII escaped.
    if response.get("Content-Type", "").startswith("application/json"):
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _check(response, url, other_markers):
    assert response.status_code < 500, url
    if response.status_code == 200:
        shown = _text(response)
        leaked = [marker for marker in other_markers if marker in shown]
        assert not leaked, f"{url} shows {leaked}"


def _check_denied(response, url):
    assert response.status_code in DENIED, f"{url}: {response.status_code}"


def _clients(world, sides=None):
    for side in sides or ("north", "south"):
        for group in GROUPS:
            client = Client()
            client.force_login(world[side]["users"][group])
            yield f"{side}/{group}", client, world[side]["other"]


@pytest.mark.parametrize("model", get_snippet_models(), ids=_label)
def test_every_view_of_a_registered_snippet_model(world, model):
    app, name = model._meta.app_label, model._meta.model_name
    scoped = _is_scoped(model) and model in world["north"]["records"]
    routes = [
        (f"wagtailsnippets_{app}_{name}", route)
        for route in _routes(f"wagtailsnippets_{app}_{name}")
    ] + [
        (f"wagtailsnippetchoosers_{app}_{name}", route)
        for route in _routes(f"wagtailsnippetchoosers_{app}_{name}")
    ]
    assert routes
    actions = list(bulk_action_registry.get_bulk_actions_for_model(app, name))
    # Reference data belongs to no institution: one institution's groups do.
    for who, client, other in _clients(world, None if scoped else ("north",)):
        target = other["records"][model] if scoped else model.objects.first()
        markers = other["markers"] if scoped else set()
        for namespace, (route, params) in routes:
            if params:
                url = reverse(f"{namespace}:{route}", kwargs={params[0]: target.pk})
                response = client.get(url)
                if scoped:
                    _check_denied(response, f"{who} {url}")
                else:
                    assert response.status_code < 500, f"{who} {url}"
                continue
            url = reverse(f"{namespace}:{route}")
            queries = [{}]
            if route == "list":
                queries += [{"export": "csv"}, {"export": "xlsx"}]
            if route == "chosen_multiple":
                queries = [{"id": target.pk}]
            for query in queries:
                _check(client.get(url, query), f"{who} {url} {query}", markers)
        for action in actions:
            url = reverse("wagtail_bulk_action", args=[app, name, action.action_type])
            url += f"?id={target.pk}"
            if scoped:
                _check_denied(client.get(url), f"{who} {url}")
                _check_denied(client.post(url), f"{who} POST {url}")
                assert model.objects.filter(pk=target.pk).exists(), url
            else:
                assert client.get(url).status_code < 500, f"{who} {url}"


def test_reports_and_import_screens(world):
    report_routes = [
        (namespace, route)
        for namespace in REPORT_NAMESPACES
        for route, _params in _routes(namespace)
    ]
    assert report_routes
    for who, client, other in _clients(world):
        for namespace, route in report_routes:
            url = reverse(f"{namespace}:{route}")
            exports = [] if route.endswith("_results") else ["csv", "xlsx"]
            for query in [{}] + [{"export": export} for export in exports]:
                _check(client.get(url, query), f"{who} {url}", other["markers"])
        for route, params in _routes("lms_imports"):
            if "pk" in params:
                url = reverse(
                    f"lms_imports:{route}", args=[other["records"][ImportJob].pk]
                )
                _check_denied(client.get(url), f"{who} {url}")
                _check_denied(client.post(url), f"{who} POST {url}")
            elif "name" in params:
                for name in import_registry.names():
                    url = reverse(f"lms_imports:{route}", args=[name])
                    _check(client.get(url), f"{who} {url}", other["markers"])
            else:
                url = reverse(f"lms_imports:{route}")
                _check(client.get(url), f"{who} {url}", other["markers"])
        # The apps' own id-taking admin URLs, with the other institution's ids.
        for namespace, model in OWN_ID_NAMESPACES.items():
            if namespace == "lms_imports":
                continue
            for route, params in _routes(namespace):
                if not params:
                    # An id-free screen of the same app (curricula's preview).
                    url = reverse(f"{namespace}:{route}")
                    _check(client.get(url), f"{who} {url}", other["markers"])
                    continue
                url = reverse(f"{namespace}:{route}", args=[other["records"][model].pk])
                _check_denied(client.get(url), f"{who} {url}")
                _check_denied(client.post(url), f"{who} POST {url}")


# Site URLs (outside the admin) that serve an institution's records by id:
# the route name and the model whose ids it takes.
SITE_ID_ROUTES = {
    "attainment_evidence": Attainment,
    "certificate_download": Certificate,
}


def test_site_downloads_by_id(world):
    """Another institution's ids are 404 for every group; one's own are served
    to those whose scope covers the record, as an attachment with nosniff."""
    for who, client, other in _clients(world):
        side = "north" if who.startswith("north") else "south"
        own = world[side]
        for route, model in SITE_ID_ROUTES.items():
            url = reverse(route, args=[other["records"][model].pk])
            _check_denied(client.get(url), f"{who} {url}")
            response = client.get(reverse(route, args=[own["records"][model].pk]))
            if who.endswith((COORDINATOR, MANAGER)):
                assert response.status_code == 200, f"{who} own {route}"
                assert response["X-Content-Type-Options"] == "nosniff"
                assert response["Content-Disposition"].startswith("attachment")
            else:
                _check_denied(response, f"{who} own {route}")


def test_the_matrix_covers_every_model_and_id_taking_url(world):
    """Fails when something new is registered that the matrix cannot reach."""
    manager = world["north"]["users"][GROUPS[2]]
    for model in get_snippet_models():
        assert _is_scoped(model), f"{_label(model)} is registered without a scope"
        if model in world["north"]["records"]:
            continue
        # Anything else must be reference data that every signed-in user sees;
        # an institution's data needs a record per institution in conftest.py.
        scope = policy_registry.get_by_type(model).scope
        assert scope(manager, model.objects.all()).count() == model.objects.count(), (
            f"add a {_label(model)} per institution to tests/lms/conftest.py"
        )
    snippet_namespaces = {
        f"wagtailsnippet{kind}_{model._meta.app_label}_{model._meta.model_name}"
        for model in get_snippet_models()
        for kind in ("s", "choosers")
    }
    for namespace, route, params, path in ROUTES:
        if not params or not path.startswith("admin/"):
            continue
        if namespace in snippet_namespaces:
            continue
        if namespace.startswith("wagtailsnippet"):
            pytest.fail(f"{namespace}:{route} belongs to no registered snippet")
        if (namespace or route).startswith("wagtail"):
            # Wagtail's own pages, images, documents, users and settings: not
            # institution data (the bulk-action URL is walked per model above).
            continue
        assert namespace in OWN_ID_NAMESPACES, (
            f"{namespace}:{route} takes ids: add it to OWN_ID_NAMESPACES"
        )
