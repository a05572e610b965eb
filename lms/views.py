from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail.admin.auth import require_admin_access


class FaviconView(RedirectView):
    """Browsers and the Wagtail admin ask for /favicon.ico; send them the SVG.

    Resolved per request so that production's hashed static names work.
    """

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


def administrators_only(view, check):
    """Wrap a Wagtail admin view so that only users passing `check` reach it.

    Used to put our own permission check (from a permissions.py) in front of a
    Wagtail view that has no hook for one; anonymous users go to the login as
    on every admin URL.
    """

    @never_cache
    @require_admin_access
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not check(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def private_download(
    file, *, filename: str, content_type: str = "application/octet-stream"
) -> FileResponse:
    """A privately stored file, always as an attachment with nosniff, so that
    an uploaded file can carry no script into the portal's origin; a file
    missing from the storage is a 404. The caller has checked the permission.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
