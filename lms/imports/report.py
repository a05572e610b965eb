"""What an import reads (its columns) and what it found (counts and every
error, by spreadsheet row and column)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    help_lv: str
    help_en: str
    example: str = ""
    required: bool = False


@dataclass
class RowError:
    row: int  # spreadsheet row number; 0 for the file as a whole
    column: str
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        if self.column:
            return _("row %(row)d, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)d: %(message)s") % {
            "row": self.row,
            "message": self.message,
        }

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors if e.row})

    def as_dict(self):
        return {
            "total": self.total,
            "new": self.new,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": self.warnings,
            "dry_run": self.dry_run,
        }

    @classmethod
    def from_dict(cls, data):
        report = cls(**{k: v for k, v in data.items() if k not in ("errors",)})
        report.errors = [RowError(**e) for e in data.get("errors", [])]
        return report
