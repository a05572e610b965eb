from tests.support.desk import desk, english  # noqa: F401  (fixtures)
from tests.support.fixtures import library  # noqa: F401  (a fixture)
