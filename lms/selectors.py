"""Reads shared by every app's pages: no domain rules, only Wagtail's tree."""

from wagtail.models import Locale, Page


def page_in_locale(*, page: Page, locale: Locale) -> tuple[Page | None, bool]:
    """The live page to show for `page` in `locale`, and whether it is exact.

    That is the page's own translation where one is live; otherwise the nearest
    ancestor with a live translation (`exact` is then False, so the caller can
    say why the visitor lands somewhere else). None if nothing is translated.
    """
    translation = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale=locale)
        .first()
    )
    if translation is not None:
        return translation, True
    ancestors = list(page.get_ancestors().filter(depth__gt=1))
    keys = [ancestor.translation_key for ancestor in ancestors]
    # One query for every ancestor's translation; the deepest one wins.
    candidates = Page.objects.live().filter(translation_key__in=keys, locale=locale)
    nearest = max(candidates, key=lambda candidate: candidate.depth, default=None)
    return nearest, False
