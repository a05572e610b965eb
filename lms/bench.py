"""Benchmarks as a registry, so that each app adds its own to `manage.py bench`.

An app declares a `Benchmark` in its own `bench.py` and registers it in its
`AppConfig.ready()`, as importers are registered:

    from lms import bench
    from people.bench import ImportPeopleBenchmark

    bench.registry.register(ImportPeopleBenchmark())

`manage.py bench <name> [options]` then runs it. Every benchmark compares
against a baseline measured in the same run, and prints ratios: ratios, not
seconds, are what to compare between machines (CONTRIBUTING.md).
"""

import time
from collections.abc import Callable

from django.db import transaction


class Rollback(Exception):
    """Raised inside a timed block so that its writes are undone."""


def timed(function: Callable[[], object], repeat: int) -> float:
    """Best wall-clock time of `repeat` runs, each rolled back afterwards."""
    best = float("inf")
    for _attempt in range(repeat):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                function()
                raise Rollback
        except Rollback:
            pass
        best = min(best, time.perf_counter() - started)
    return best


class Benchmark:
    """One `manage.py bench <name>`: arguments, then a run that writes lines."""

    name: str = ""
    help: str = ""

    def add_arguments(self, parser) -> None:
        """Add this benchmark's options to its sub-parser."""

    def run(self, *, stdout, **options) -> None:
        raise NotImplementedError


class BenchmarkRegistry:
    def __init__(self):
        self._benchmarks: dict[str, Benchmark] = {}

    def register(self, benchmark: Benchmark) -> None:
        self._benchmarks[benchmark.name] = benchmark

    def get(self, name: str) -> Benchmark:
        return self._benchmarks[name]

    def all(self) -> list[Benchmark]:
        return [self._benchmarks[name] for name in sorted(self._benchmarks)]


registry = BenchmarkRegistry()
