"""Reports of `manage.py report <name>` as a registry, so that each app adds its
own (competences: the coverage reports; curricula: compliance) without the
command importing an app above it.

An app registers a writer in its `AppConfig.ready()`:

    from lms import reporting

    reporting.registry.register("compliance", write_compliance)

`write(*, as_of, format, **options) -> bytes` returns the file (CSV, XLSX
or PDF) built from the same selector as the admin report.
"""

from collections.abc import Callable


class ReportRegistry:
    def __init__(self):
        self._writers: dict[str, Callable[..., bytes]] = {}

    def register(self, name: str, write: Callable[..., bytes]) -> None:
        self._writers[name] = write

    def get(self, name: str) -> Callable[..., bytes]:
        return self._writers[name]

    def names(self) -> list[str]:
        return sorted(self._writers)


registry = ReportRegistry()
