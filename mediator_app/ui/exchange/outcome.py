"""What an import run produced, read tolerantly from ``services.case_exchange``.

``import_cases`` returns an ``ImportResult`` or raises ``CsvImportError`` (with the
counts in ``.result`` when the files could be read). Fields that a given version of the
service lacks (conflicts, warnings, totals) read as empty. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediator_app.services import case_exchange
from mediator_app.services.csv_io import CsvImportError, CsvProblem

COUNT_KEYS = ("new", "updated", "unchanged", "stale", "conflicts", "errors")


@dataclass
class Outcome:
    """The counts, problems, conflicts, warnings and totals of one run."""

    dry_run: bool
    files: list[Any] = field(default_factory=list)  # FileCounts
    problems: list[CsvProblem] = field(default_factory=list)
    problem_total: int = 0
    conflicts: list[Any] = field(default_factory=list)  # Conflict
    warnings: list[Any] = field(default_factory=list)  # str or ImportWarning
    totals_before: dict[str, Any] = field(default_factory=dict)
    totals_after: dict[str, Any] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        """Problems were found: the import would write nothing."""
        return self.problem_total > 0

    def total(self, key: str) -> int:
        return sum(count_of(f, key) for f in self.files)


def count_of(counts: Any, key: str) -> int:
    value = getattr(counts, key, 0)
    if isinstance(value, (list, tuple)):
        return len(value)
    return int(value or 0)


def from_result(result: Any, dry_run: bool) -> Outcome:
    problems = list(getattr(result, "problems", None) or [])
    return Outcome(
        dry_run=dry_run,
        files=list(getattr(result, "files", None) or []),
        problems=problems,
        problem_total=int(getattr(result, "problem_total", 0) or len(problems)),
        conflicts=list(getattr(result, "conflicts", None) or []),
        warnings=list(getattr(result, "warnings", None) or []),
        totals_before=dict(getattr(result, "totals_before", None) or {}),
        totals_after=dict(getattr(result, "totals_after", None) or {}),
    )


def from_error(exc: CsvImportError, dry_run: bool) -> Outcome:
    result = getattr(exc, "result", None)
    outcome = from_result(result, dry_run) if result is not None else Outcome(dry_run)
    outcome.problems = list(exc.problems)
    outcome.problem_total = max(int(exc.total), len(exc.problems))
    return outcome


def run_import(db: Any, paths: Sequence[str], *, dry_run: bool,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Outcome:
    """Run ``import_cases``; problems come back in the outcome, not as an exception.
    ``ImportCancelled`` and unexpected errors propagate."""
    try:
        result = case_exchange.import_cases(db, list(paths), dry_run=dry_run,
                                            progress=progress, cancel=cancel)
    except CsvImportError as exc:
        return from_error(exc, dry_run)
    return from_result(result, dry_run)


def is_cancelled(exc: BaseException) -> bool:
    cancelled = getattr(case_exchange, "ImportCancelled", None)
    return cancelled is not None and isinstance(exc, cancelled)


def conflict_fields(conflict: Any) -> list[str]:
    """The field names of a conflict (``fields`` may be names or a mapping)."""
    fields = getattr(conflict, "fields", None) or []
    if isinstance(fields, Mapping):
        return [str(k) for k in fields]
    if isinstance(fields, str):
        return [f for f in fields.replace(";", ",").split(",") if f.strip()]
    return [str(f) for f in fields]


def short_name(path: str) -> str:
    return Path(path).name


def warning_text(warning: Any, lang: str) -> str:
    """An ImportWarning in ``lang`` (it is a str holding the Chinese text)."""
    text = getattr(warning, "text", None)
    return str(text(lang)) if callable(text) else str(warning)


def total_keys(outcome: Outcome) -> list[str]:
    """Keys of the totals in a stable order (before's order, then new ones);
    ``amount_yuan`` is left out when ``amount_fen`` is there (the same figure)."""
    keys = list(outcome.totals_before)
    keys += [k for k in outcome.totals_after if k not in outcome.totals_before]
    if "amount_fen" in keys:
        keys = [k for k in keys if k != "amount_yuan"]
    return keys


def sentences(*parts: str) -> str:
    """Join sentences: no space after Chinese punctuation, one after English."""
    out = ""
    for part in filter(None, parts):
        out += ("" if not out or out.endswith(("。", "！", "？", "）")) else " ") + part
    return out
