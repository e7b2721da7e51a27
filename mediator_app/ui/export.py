"""Exporting the current view of the case list to CSV or XLSX on the DB worker.

CSV: UTF-8 with BOM, every field quoted (Excel keeps codes and case numbers as text),
cells beginning with = + - @ TAB CR prefixed with ' (formula injection, domain.spreadsheet).
XLSX: text cells (mediator_app.reports.xlsx). Party ID numbers and phones
are masked exactly as in the list.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from mediator_app.domain.progress import Cancelled
from mediator_app.domain.spreadsheet import neutralise
from mediator_app.reports.xlsx import TextWorkbook, scratch_folder
from mediator_app.storage import case_query as cq
from mediator_app.storage.files import (
    open_private_binary,
    open_private_text,
    part_path,
    replace_file,
)
from mediator_app.ui.case_model import Lookups, display_values, header_labels
from mediator_app.ui.context import AppContext
from mediator_app.ui.jobs import Progress, ProgressJob

CHUNK = 500
XLSX_WIDTHS = (26, 12, 10, 16, 12, 24, 16, 20, 22, 14, 12, 12, 60)


def export_values(row: cq.CaseRow, lk: Lookups) -> list[str]:
    values = display_values(row, lk)
    values[-1] = row.summary  # the full summary in files
    return values


class _RowSink:
    """Writes rows to CSV or XLSX."""

    def __init__(self, path: str, fmt: str, header: list[str]):
        self.fmt = fmt
        # parties' names and (masked) numbers: owner-only from the first byte, whatever
        # the umask of the process (docs/guarantees.md, personal data files)
        if fmt == "xlsx":
            self._binary = open_private_binary(path)
            self._book = TextWorkbook(self._binary, scratch=scratch_folder(path))
            self._sheet = self._book.sheet("cases", header, XLSX_WIDTHS)
        else:
            self._file = open_private_text(path, encoding="utf-8-sig", newline="")
            self._csv = csv.writer(self._file, quoting=csv.QUOTE_ALL)
            self._csv.writerow(header)

    def add(self, values: list[str]) -> None:
        if self.fmt == "xlsx":
            self._sheet.add_row(values)
        else:
            self._csv.writerow([neutralise(v) for v in values])

    def close(self, complete: bool = True) -> None:
        """``complete=False``: cancelled, the file is deleted (no workbook assembled)."""
        if self.fmt == "xlsx":
            (self._book.close if complete else self._book.abandon)()
            self._binary.close()
        else:
            self._file.close()


def write_export(db: Any, ids: Sequence[int], path: str, fmt: str, header: list[str],
                 lookups: Lookups, progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> int:
    """Write the rows of ``ids`` (in order) to ``path``; returns the number written.
    Writes to a temporary file first, so a cancelled export leaves nothing behind."""
    tmp = str(part_path(path))
    sink = _RowSink(tmp, fmt, header)
    written = 0
    try:
        for start in range(0, len(ids), CHUNK):
            if cancel is not None and cancel():
                raise Cancelled()
            chunk = ids[start:start + CHUNK]
            rows = cq.fetch_rows(db, chunk)
            for rid in chunk:
                if rid in rows:
                    sink.add(export_values(rows[rid], lookups))
                    written += 1
            if progress is not None:
                progress(min(start + CHUNK, len(ids)), len(ids))
    except BaseException:
        sink.close(complete=False)
        Path(tmp).unlink(missing_ok=True)
        raise
    sink.close()
    replace_file(tmp, path)
    return written


class ExportController(QObject):
    """Runs one export on the runner behind a cancellable progress dialog."""

    finished = Signal(str, int)  # path, rows written
    failed = Signal(str)  # the error, "" when cancelled

    def __init__(self, ctx: AppContext, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self.job: ProgressJob | None = None

    def start(self, ids: list[int], path: str, fmt: str, lookups: Lookups) -> None:
        header = header_labels()

        def job(db: Any, progress: Progress, cancelled: Callable[[], bool]) -> int:
            return write_export(db, ids, path, fmt, header, lookups, progress, cancelled)

        self.job = ProgressJob(self.ctx, self._parent, self.tr("Exporting cases…"), job,
                               title=self.tr("Export"))
        self.job.finished.connect(lambda written: self.finished.emit(path, written))
        self.job.failed.connect(self._error)
        self.job.start()

    def _error(self, exc: BaseException) -> None:
        self.failed.emit("" if isinstance(exc, Cancelled)
                         else self.ctx.error_reason(exc, "export"))
