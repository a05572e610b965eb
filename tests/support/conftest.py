from tests.support.fixtures import library  # noqa: F401  (a fixture)
