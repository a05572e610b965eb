import pytest
from django.utils import translation


@pytest.fixture
def english():
    # Messages are asserted in English; the default language is Latvian.
    with translation.override("en"):
        yield
