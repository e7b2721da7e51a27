"""Running a long job on ``ctx.runner`` behind a QProgressDialog that appears only after
~500 ms and can be cancelled; results come back on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediator_app.ui.context import AppContext

MIN_DURATION_MS = 500
Job = Callable[[Any, Callable[[int, int], None], Callable[[], bool]], Any]


class _Relay(QObject):
    """Progress reports from the worker thread, delivered queued to the dialog."""

    changed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.changed.emit(done, total)


class ProgressRun(QObject):
    """One job: ``job(db, progress, cancelled)`` runs on the runner."""

    def __init__(self, ctx: AppContext, parent: QWidget, label: str, cancel_text: str,
                 job: Job, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._on_done, self._on_error = on_done, on_error
        self.dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(MIN_DURATION_MS)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel.set)
        self._relay = _Relay()
        self._relay.changed.connect(self._set)
        relay, cancelled = self._relay, self._cancel.is_set
        ctx.runner.run(lambda db: job(db, relay.report, cancelled), self._done, self._error)

    def _set(self, done: int, total: int) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()

    def _done(self, result: Any) -> None:
        self._close()
        self._on_done(result)
        self.deleteLater()

    def _error(self, exc: BaseException) -> None:
        self._close()
        self._on_error(exc)
        self.deleteLater()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def run_with_progress(ctx: AppContext, parent: QWidget, label: str, job: Job,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> ProgressRun:
    cancel_text = QCoreApplication.translate("QProgressDialog", "Cancel")  # Qt's catalog
    return ProgressRun(ctx, parent, label, cancel_text, job, on_done, on_error)
