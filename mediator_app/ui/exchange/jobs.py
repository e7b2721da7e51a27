"""One long exchange job (import, dry run, export) on ``ctx.runner`` behind a
QProgressDialog that appears after ~500 ms and can be cancelled.

The job receives ``(db, progress, cancelled)``; progress reports from the DB worker thread
reach the dialog through a queued signal. ``cancel()`` sets the flag the service polls,
exactly as the dialog's Cancel button does (tests call it from a progress handler).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediator_app.ui.context import AppContext

MIN_DURATION_MS = 500
Job = Callable[[Any, Callable[[int, int], None], Callable[[], bool]], Any]


class ExchangeJob(QObject):
    """Create, connect to ``progressed`` / ``finished`` / ``failed`` if needed, then
    ``start()``. ``finished(result)`` and ``failed(exception)`` arrive on the UI thread."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget, title: str, label: str,
                 job: Job, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._job = job
        self._flag = threading.Event()
        self.running = False
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButtonText(self.tr("Cancel") if cancellable else "")
        if not cancellable:
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(MIN_DURATION_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.reset()  # not shown until start()
        self.progressed.connect(self._show_progress)

    # called on the worker thread: emitting is thread-safe, delivery is queued
    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))

    def start(self) -> None:
        self.running = True
        self.dialog.setValue(0)  # starts the minimum-duration timer
        report, cancelled = self._report, self._flag.is_set
        self.ctx.runner.run(lambda db: self._job(db, report, cancelled), self._done,
                            self._error)

    def cancel(self) -> None:
        self._flag.set()

    @property
    def cancelled(self) -> bool:
        return self._flag.is_set()

    def _show_progress(self, done: int, total: int) -> None:
        if total <= 0:  # unknown total: a busy indicator
            self.dialog.setMaximum(0)
            return
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.running = False
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _done(self, result: Any) -> None:
        self._close()
        self.finished.emit(result)

    def _error(self, exc: BaseException) -> None:
        self._close()
        self.failed.emit(exc)
