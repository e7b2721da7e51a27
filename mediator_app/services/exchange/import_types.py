"""What a case import reports: counts per file, conflicts, warnings, the receiver's
totals before and after, and the entries of the import log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mediator_app.domain import catalogue
from mediator_app.domain.messages import field_label
from mediator_app.services.changes import NOTHING, Changes
from mediator_app.services.csv_io import CsvProblem

MAX_LISTED = 10_000  # conflicts and warnings kept in a result (all are counted)



class ImportWarning(str):
    """A warning (the import goes on). The string is the Chinese text; ``text(lang)``
    gives it in another language; ``code`` and ``params`` describe it."""

    code: str
    params: dict[str, Any]

    def __new__(cls, warning: str, /, **params: Any) -> ImportWarning:
        obj = super().__new__(cls, _render(warning, params, "zh"))
        obj.code, obj.params = warning, params
        return obj

    def text(self, lang: str = "zh") -> str:
        return _render(self.code, self.params, lang)


def _render(code: str, params: dict[str, Any], lang: str) -> str:
    return catalogue.text("import.warning", code, lang, **params)


@dataclass(frozen=True)
class Conflict:
    """A row with the same updated_at as the stored case but other content: the local
    copy is kept. ``fields`` are cases.csv column keys."""

    file: str
    line: int
    case_id: str
    case_no: str
    fields: list[str]

    def text(self, lang: str = "zh") -> str:
        items = [_render("conflict.field", {"field": f, "label": field_label(f, lang)}, lang)
                 for f in self.fields]
        return _render("conflict", {
            "file": self.file, "line": self.line, "case_no": self.case_no or self.case_id,
            "case_id": self.case_id, "fields": _render("conflict.sep", {}, lang).join(items),
        }, lang)


@dataclass
class FileCounts:
    file: str
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    conflicts: int = 0
    errors: int = 0
    warnings: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "stale": self.stale, "conflicts": self.conflicts,
                "errors": self.errors, "warnings": self.warnings}


@dataclass
class ImportResult:
    files: list[FileCounts] = field(default_factory=list)
    dry_run: bool = False
    problems: list[CsvProblem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    totals_before: dict[str, Any] = field(default_factory=dict)
    totals_after: dict[str, Any] = field(default_factory=dict)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def changes(self) -> Changes:
        """A package brings cases and (format 2) its units and committees; a dry run
        changes nothing."""
        return NOTHING if self.dry_run else Changes(cases=True, org=True)


@dataclass(frozen=True)
class ImportLogEntry:
    id: int
    at: str
    user: str
    file: str
    sha256: str
    kind: str  # "cases.csv" or "package"
    source_unit: str
    dry_run: bool
    rows: int
    new: int
    updated: int
    unchanged: int
    stale: int
    conflicts: int
    errors: int
    warnings: int
    details: dict[str, Any]


