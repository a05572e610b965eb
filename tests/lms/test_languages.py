"""The site's two languages: anything that is not English is Latvian."""

import pytest
from django.utils import translation

from lms.languages import is_english, is_english_active, site_language


@pytest.mark.parametrize(
    ("code", "english", "site"),
    [
        ("en", True, "en"),
        ("en-gb", True, "en"),
        ("lv", False, "lv"),
        ("de", False, "lv"),
        ("", False, "lv"),
        (None, False, "lv"),
    ],
)
def test_a_language_code_is_english_or_latvian(code, english, site):
    assert is_english(code) is english
    assert site_language(code) == site


def test_the_active_language_decides_is_english_active():
    with translation.override("en"):
        assert is_english_active() is True
    with translation.override("lv"):
        assert is_english_active() is False
