"""Exporting the current view of the case list to CSV or XLSX: the progress dialog and
its job; the writing is ``services/cases/view_export.py``. The file is written on a render
thread, reading each chunk of rows on the database worker (ui/tasks.py), so a save or a
search made meanwhile does not wait for the export."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from mediator_app.domain.case_filter import CaseRow
from mediator_app.domain.progress import Cancelled, Progress
from mediator_app.services.cases.browse import Lookups
from mediator_app.services.cases.view_export import write_export
from mediator_app.services.reading import Read
from mediator_app.ui.case_model import display_values, header_labels
from mediator_app.ui.context import AppContext
from mediator_app.ui.tasks import ProgressJob


def export_values(row: CaseRow, lk: Lookups) -> list[str]:
    values = display_values(row, lk)
    values[-1] = row.summary  # the full summary in files
    return values


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

        def job(read: Read, progress: Progress, cancelled: Callable[[], bool]) -> int:
            return write_export(read, ids, path, fmt, header,
                                lambda row: export_values(row, lookups), progress, cancelled)

        self.job = ProgressJob(self.ctx, self._parent, self.tr("Exporting cases…"), job,
                               title=self.tr("Export"), renders=True)
        self.job.finished.connect(lambda written: self.finished.emit(path, written))
        self.job.failed.connect(self._error)
        self.job.start()

    def _error(self, exc: BaseException) -> None:
        self.failed.emit("" if isinstance(exc, Cancelled)
                         else self.ctx.error_reason(exc, "export"))
