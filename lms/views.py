from django.templatetags.static import static
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers and the Wagtail admin ask for /favicon.ico; send them the SVG.

    Resolved per request so that production's hashed static names work.
    """

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")
