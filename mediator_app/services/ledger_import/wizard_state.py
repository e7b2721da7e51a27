"""What the ledger pages of the import wizard build up together (no Qt): the workbook,
its first rows, the mapping being made, and the distinct values of the mapped
enumeration columns. Reading runs on the worker through the functions here."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediator_app.domain.progress import Cancelled
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange.case_rows import FORMAT_COLUMNS
from mediator_app.services.exchange.outcome import Outcome, from_error, from_result
from mediator_app.services.ledger_import.assist import (
    Choices,
    MappingStore,
    choices,
    guess_header_row,
    guess_label,
)
from mediator_app.services.ledger_import.importer import (
    LedgerRow,
    Plan,
    RowMaker,
    distinct_values,
    import_ledger,
    iso_date,
    plan_sheet,
    workbook_stamp,
)
from mediator_app.services.ledger_import.mapping import DATE_FIELDS, ENUM_FIELDS, LedgerMapping
from mediator_app.services.ledger_import.read import (
    Sheet,
    WorkbookInfo,
    cell_text,
    inspect_workbook,
    read_sheet,
    resolve_sheet,
    stream_sheet,
)

PREVIEW_ROWS = 60  # rows read for the sheet page and the column page's preview


@dataclass
class Opened:
    """The result of opening a workbook on the worker."""

    info: WorkbookInfo
    sheet: Sheet  # its first PREVIEW_ROWS rows
    remembered: LedgerMapping | None
    choices: Choices


@dataclass
class LedgerState:
    path: str
    store: MappingStore
    info: WorkbookInfo | None = None
    sheet: Sheet | None = None  # the first rows of the chosen sheet
    remembered: LedgerMapping | None = None
    choices: Choices | None = None
    mapping: LedgerMapping = field(default_factory=LedgerMapping)
    distinct: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.path)

    def header(self) -> list[str]:
        if self.sheet is None:
            return []
        return [cell_text(c) for c in self.sheet.row(self.mapping.header_row)]

    def plan(self) -> Plan | None:
        """The mapping against the previewed rows; None while it is incomplete."""
        if self.sheet is None or self.info is None:
            return None
        try:
            return plan_sheet(self.sheet, self.mapping, self.label)
        except CsvImportError:
            return None

    def preview(self, limit: int = 12) -> list[LedgerRow]:
        """The first rows as they will be stored: words not yet given a meaning are shown
        with the label they most likely mean, dates as year-month-day."""
        if self.sheet is None or self.info is None:
            return []
        mapping = copy.deepcopy(self.mapping)
        if self.choices is not None:
            for name in ENUM_FIELDS:
                column = next((h for h, f in mapping.columns.items() if f == name), None)
                index = self.header().index(column) if column in self.header() else None
                if index is None:
                    continue
                known = mapping.values.setdefault(name, {})
                for raw in self.sheet.rows[mapping.header_row:]:
                    text = cell_text(raw[index]) if index < len(raw) else ""
                    guess = guess_label(name, text, self.choices.labels.get(name, []))
                    if text and text not in known and guess is not None:
                        known[text] = guess
        try:
            plan = plan_sheet(self.sheet, mapping, self.label)
        except CsvImportError:
            return []
        maker = RowMaker(plan, workbook_stamp(self.info))
        out = []
        for row in maker.rows(self.sheet.rows):
            for name in DATE_FIELDS:
                i = FORMAT_COLUMNS.index(name)
                row.cells[i] = iso_date(row.cells[i]) if row.cells[i] else ""
            out.append(row)
            if len(out) >= limit:
                break
        return out

    def unmapped(self) -> int:
        """Distinct values of the mapped enumeration columns still without a label."""
        return sum(1 for name, values in self.distinct.items() for text, _n in values
                   if text not in self.mapping.values.get(name, {}))


def open_workbook(db: Any, path: str, store: MappingStore) -> Opened:
    """Worker job: the sheets, the remembered mapping for this layout (if any), the
    first rows of its sheet (else of the first sheet) and the code-table choices."""
    info = inspect_workbook(path)
    remembered = store.find(info, path)
    sheet_name = (resolve_sheet(info, remembered.sheet, path) if remembered
                  else _first_sheet(info, path))
    sheet = read_sheet(info, sheet_name, path, limit=PREVIEW_ROWS)
    return Opened(info, sheet, remembered, choices(db))


def _first_sheet(info: WorkbookInfo, path: str) -> str:
    """The first sheet with more than a few rows (a workbook often starts with notes)."""
    for name in info.sheets:
        if len(read_sheet(info, name, path, limit=5).rows) >= 3:
            return name
    return resolve_sheet(info, 1, path)


def read_preview(info: WorkbookInfo, sheet: str, path: str) -> tuple[Sheet, int]:
    rows = read_sheet(info, sheet, path, limit=PREVIEW_ROWS)
    return rows, guess_header_row(rows.rows)


def collect_distinct(state: LedgerState, cancel: Callable[[], bool]) -> dict[str, list[
        tuple[str, int]]]:
    """Worker job: every distinct text of each mapped enumeration column."""
    assert state.info is not None and state.sheet is not None
    plan = plan_sheet(state.sheet, state.mapping, state.label)
    name = resolve_sheet(state.info, state.mapping.sheet, state.label)
    columns = {f: plan.columns[f] for f in ENUM_FIELDS if f in plan.columns}
    if cancel():
        raise Cancelled
    with stream_sheet(state.info, name, state.label) as rows:
        return distinct_values(rows, state.mapping.header_row, columns)


def propose_values(state: LedgerState) -> None:
    """Fill in a label for each distinct value that has none and can be guessed."""
    assert state.choices is not None
    for name, values in state.distinct.items():
        known = state.mapping.values.setdefault(name, {})
        labels = state.choices.labels.get(name, [])
        for text, _n in values:
            if text not in known:
                guess = guess_label(name, text, labels)
                if guess is not None:
                    known[text] = guess
    for name in list(state.mapping.values):
        if name in state.distinct:
            present = {t for t, _n in state.distinct[name]}
            state.mapping.values[name] = {k: v for k, v in state.mapping.values[name].items()
                                          if k in present}


def run_ledger(db: Any, state: LedgerState, *, dry_run: bool,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Outcome:
    """The import (or its dry run) of the wizard's ledger; problems in the outcome."""
    try:
        result = import_ledger(db, state.path, state.mapping, dry_run=dry_run,
                               progress=progress, cancel=cancel)
    except CsvImportError as exc:
        return from_error(exc, dry_run)
    return from_result(result, dry_run)


def file_name(path: str) -> str:
    return Path(path).name
