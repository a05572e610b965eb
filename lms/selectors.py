"""Reads shared by every app's pages: no domain rules, only Wagtail's tree."""

from django.conf import settings
from wagtail.models import Page


def page_translations(*, page: Page) -> dict[str, tuple[Page, bool]]:
    """For each language, the live page to show for `page`, and whether it is exact.

    That is the page's own translation where one is live; otherwise the nearest
    ancestor with a live translation (`exact` is then False, so the caller can
    say why the visitor lands somewhere else). A language with neither is
    absent. One query for the translations, and only where one is missing, one
    for every ancestor's translations at once.
    """
    found = {
        translation.locale.language_code: (translation, True)
        for translation in Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    }
    if {code for code, _name in settings.LANGUAGES} - set(found):
        keys = page.get_ancestors().filter(depth__gt=1).values("translation_key")
        candidates = (
            Page.objects.live()
            .filter(translation_key__in=keys)
            .exclude(locale__language_code__in=list(found))
            .select_related("locale")
            .order_by("depth")
        )
        # Deeper ancestors come later and win.
        for candidate in candidates:
            found[candidate.locale.language_code] = (candidate, False)
    return found
