"""Exports that need a choice, e.g. which competence framework.

Most importers export all their data, and their listings in the admin export it
scoped to the user. An importer mixing in `ChoiceExport` exports one thing at a
time: the command line takes it as --<export_option>, the admin import page
offers `export_choices()`, and both ask `export_choice()` what to accept.
"""

import tablib


class ChoiceExport:
    export_option: str = ""
    export_option_label = ""
    export_default: str = ""

    def export_choices(self) -> list[tuple[str, str]]:
        """(value, label) for each value of export_option, the default first."""
        raise NotImplementedError

    def export_choice(self, value: str | None) -> str:
        """The value to export: `value` or the default; LookupError if not offered."""
        value = value or self.export_default
        if value not in dict(self.export_choices()):
            raise LookupError(value)
        return value

    def export(self, choice: str | None = None) -> tablib.Dataset:
        raise NotImplementedError
