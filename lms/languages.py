"""The site's two languages: Latvian, the default and official one, and
English. Any language code that is not English counts as Latvian."""

from django.utils.translation import get_language


def is_english(language: str | None) -> bool:
    """Whether `language` ("en", "en-gb", …) is English; empty is Latvian."""
    return (language or "").startswith("en")


def is_english_active() -> bool:
    """Whether the active language is English."""
    return is_english(get_language())


def site_language(language: str | None) -> str:
    """ "en" or "lv": the site's language for a language code."""
    return "en" if is_english(language) else "lv"
