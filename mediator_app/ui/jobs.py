"""One long job on ``ctx.runner`` behind a QProgressDialog that appears only after
~500 ms and can be cancelled; results come back on the UI thread.

The job receives ``(db, progress, cancelled)``. Progress reports from the DB worker
thread reach the dialog through a queued signal; ``cancel()`` sets the flag the job
polls, exactly as the dialog's Cancel button does (tests call it from a progress
handler). Used by the exchange wizard and dialog, the reports window and the export of
the case list."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediator_app.storage.db import StorageError
from mediator_app.ui.context import AppContext

MIN_DURATION_MS = 500
Progress = Callable[[int, int], None]
Job = Callable[[Any, Progress, Callable[[], bool]], Any]


class ProgressJob(QObject):
    """Create, connect to ``progressed`` / ``finished`` / ``failed`` as needed, then
    ``start()``. ``finished(result)`` and ``failed(exception)`` arrive on the UI thread;
    ``running`` is true in between."""

    progressed = Signal(int, int)
    waiting = Signal(float)  # seconds waited for another program's write (issue 8)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget, label: str, job: Job, *,
                 title: str = "", cancellable: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._job = job
        self._flag = threading.Event()
        self.running = False
        cancel_text = QCoreApplication.translate("QProgressDialog", "Cancel")  # Qt's catalog
        self.dialog = QProgressDialog(label, cancel_text if cancellable else "", 0, 0, parent)
        if title:
            self.dialog.setWindowTitle(title)
        if not cancellable:
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(MIN_DURATION_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.reset()  # not shown until start()
        self.label = label
        self.progressed.connect(self._show_progress)
        self.waiting.connect(self._show_waiting)

    def _report(self, done: int, total: int) -> None:
        """Called on the worker thread: emitting is thread-safe, delivery is queued."""
        self.progressed.emit(int(done), int(total))

    def start(self) -> None:
        self.running = True
        self.dialog.setValue(0)  # starts the minimum-duration timer
        report, cancelled = self._report, self._flag.is_set

        def job(db: Any) -> Any:
            """A write that must wait for another program says so in the dialog and can
            be cancelled while it waits (storage.db.LedgerDatabase.on_wait)."""
            if not hasattr(db, "on_wait"):
                return self._job(db, report, cancelled)
            previous, db.on_wait = db.on_wait, self._waited
            try:
                return self._job(db, report, cancelled)
            finally:
                db.on_wait = previous

        self.ctx.runner.run(job, self._done, self._error)

    def _waited(self, seconds: float) -> None:
        """On the worker thread, about once a second while the write lock is busy."""
        if self._flag.is_set():
            raise StorageError("db.busy", seconds=round(seconds))
        self.waiting.emit(float(seconds))

    def _show_waiting(self, seconds: float) -> None:
        self.dialog.setLabelText(self.tr(
            "Another program is writing to this ledger; waiting for it to finish "
            "({seconds} s)…").format(seconds=int(seconds)))

    def cancel(self) -> None:
        self._flag.set()

    @property
    def cancelled(self) -> bool:
        return self._flag.is_set()

    def _show_progress(self, done: int, total: int) -> None:
        if self.dialog.labelText() != self.label:
            self.dialog.setLabelText(self.label)  # no longer waiting
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


def run_job(ctx: AppContext, parent: QWidget, label: str, job: Job,
            on_done: Callable[[Any], None], on_error: Callable[[BaseException], None], *,
            title: str = "") -> ProgressJob:
    """Start ``job`` at once; the callbacks get its result or error, then the job object
    is deleted."""
    runner = ProgressJob(ctx, parent, label, job, title=title)

    def done(result: Any) -> None:
        on_done(result)
        runner.deleteLater()

    def failed(exc: BaseException) -> None:
        on_error(exc)
        runner.deleteLater()

    runner.finished.connect(done)
    runner.failed.connect(failed)
    runner.start()
    return runner
