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


def report_paths(route: str, view_class, name: str) -> list:
    """The two URLs of a Wagtail `ReportView`: the page, and its results alone
    (what the filters fetch), named `name` and `name_results`."""
    from django.urls import path

    return [
        path(f"{route}/", view_class.as_view(), name=name),
        path(
            f"{route}/results/",
            view_class.as_view(results_only=True),
            name=f"{name}_results",
        ),
    ]


def reports_menu_register(
    menu_item_class, namespace: str, entries, *, first_order: int
) -> None:
    """Add each `(label, url name, menu name, icon)` of `entries` to Wagtail's
    Reports menu, in order from `first_order`, as `menu_item_class` (whose
    `is_shown` holds the app's permission check)."""
    from django.urls import reverse
    from wagtail import hooks

    def menu_item_hook(order, label, url_name, name, icon):
        def menu_item():
            return menu_item_class(
                label,
                reverse(f"{namespace}:{url_name}"),
                name=name,
                icon_name=icon,
                order=order,
            )

        return menu_item

    for index, entry in enumerate(entries):
        hooks.register(
            "register_reports_menu_item",
            menu_item_hook(first_order + 10 * index, *entry),
        )
