"""What an import run produced, from ``services.exchange.case_exchange``.

``import_cases`` returns an ``ImportResult`` or raises ``CsvImportError`` (with the
counts in ``.result`` when the files could be read, none when a file could not be
opened). No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediator_app.domain.progress import Cancelled
from mediator_app.services.changes import NOTHING, Changes
from mediator_app.services.csv_io import CsvImportError, CsvProblem
from mediator_app.services.exchange import case_exchange
from mediator_app.services.exchange.import_types import (
    Conflict,
    FileCounts,
    ImportResult,
    ImportWarning,
)

COUNT_KEYS = ("new", "updated", "unchanged", "stale", "conflicts", "errors")


@dataclass
class Outcome:
    """The counts, problems, conflicts, warnings and totals of one run."""

    dry_run: bool
    files: list[FileCounts] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)
    problem_total: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    totals_before: dict[str, Any] = field(default_factory=dict)
    totals_after: dict[str, Any] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """What an applied import changed (its cases, and a package's units and
        committees); a dry run changes nothing."""
        return NOTHING if self.dry_run else Changes(cases=True, org=True)

    @property
    def blocked(self) -> bool:
        """Problems were found: the import would write nothing."""
        return self.problem_total > 0

    def total(self, key: str) -> int:
        return sum(count_of(f, key) for f in self.files)


def count_of(counts: FileCounts, key: str) -> int:
    return int(getattr(counts, key))


def from_result(result: ImportResult, dry_run: bool) -> Outcome:
    return Outcome(
        dry_run=dry_run, files=list(result.files), problems=list(result.problems),
        problem_total=len(result.problems), conflicts=list(result.conflicts),
        warnings=list(result.warnings),
        totals_before=dict(result.totals_before), totals_after=dict(result.totals_after))


def from_error(exc: CsvImportError, dry_run: bool) -> Outcome:
    result: ImportResult | None = getattr(exc, "result", None)  # set once files were read
    outcome = from_result(result, dry_run) if result is not None else Outcome(dry_run)
    outcome.problems = list(exc.problems)
    outcome.problem_total = max(int(exc.total), len(exc.problems))
    return outcome


def run_import(db: Any, paths: Sequence[str], *, dry_run: bool,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None,
               package_password: str | None = None) -> Outcome:
    """Run ``import_cases``; problems come back in the outcome, not as an exception.
    ``Cancelled`` and unexpected errors propagate."""
    try:
        result = case_exchange.import_cases(db, list(paths), dry_run=dry_run,
                                            progress=progress, cancel=cancel,
                                            package_password=package_password)
    except CsvImportError as exc:
        return from_error(exc, dry_run)
    return from_result(result, dry_run)


def is_cancelled(exc: BaseException) -> bool:
    return isinstance(exc, Cancelled)


def short_name(path: str) -> str:
    return Path(path).name


def warning_text(warning: ImportWarning, lang: str) -> str:
    """An ImportWarning in ``lang`` (it is a str holding the Chinese text)."""
    return warning.text(lang)


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
