"""Running database work off the UI thread.

One serial DB worker thread owns the read-write connection (all writes, searches that
return id lists, aggregates). Results come back to the UI thread through a queued signal.
Tests use ``SyncRunner``, which runs everything inline on the caller's thread.

A job's error goes to its ``on_error``. Without one (and when a result callback itself
fails), both runners do the same: ``report_error`` logs a failure the program did not
foresee (``services.faults``) and hands the error to ``show_error``, which the
application context points at a message box (``AppContext``). Only a bare runner with
no ``show_error`` differs: ``SyncRunner`` re-raises (unit tests see the error),
``ThreadedRunner`` prints the plain message on stderr. No error is dropped.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from sqlite_utils import Database

from mediator_app.domain.access import AccessDenied
from mediator_app.domain.account_messages import AccountError
from mediator_app.domain.errors import DomainError
from mediator_app.storage.db import StorageError, open_database
from mediator_app.ui.errors import error_text

# Errors that are ordinary user mistakes, shown to the user; no traceback on stderr.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (DomainError, StorageError, AccessDenied,
                                                     AccountError)

DbJob = Callable[[Database], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(QObject):
    """Interface shared by the threaded and the synchronous runner."""

    def __init__(self) -> None:
        super().__init__()
        # Shows an error no caller handled; set by AppContext (a message box).
        self.show_error: Failed | None = None

    def run(self, job: DbJob, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        raise NotImplementedError

    def shutdown(self) -> None:
        pass

    def report_error(self, exc: BaseException) -> None:
        """The default ``on_error``: shown to the user (``show_error``); a failure the
        program did not foresee is written to the log file by the message it gets
        (``ui.errors.error_text``)."""
        if self.show_error is not None:
            self.show_error(exc)
            return
        self._no_display(exc)

    def _no_display(self, exc: BaseException) -> None:
        print(error_text(exc, "zh"), file=sys.stderr)


class SyncRunner(TaskRunner):
    """Runs jobs inline (tests, and tiny databases)."""

    def __init__(self, db: Database):
        super().__init__()
        self.db = db

    def run(self, job: DbJob, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        try:
            result = job(self.db)
        except Exception as exc:
            (on_error or self.report_error)(exc)
            return
        if on_done is not None:
            on_done(result)

    def _no_display(self, exc: BaseException) -> None:
        raise exc  # a bare runner in a unit test: the test sees the error


class _Relay(QObject):
    finished = Signal(object, object, object)  # callback, result, is_error

    def __init__(self, report: Failed) -> None:
        super().__init__()
        self._report = report

    @Slot(object, object, object)
    def deliver(self, callback: Any, result: Any, is_error: Any) -> None:
        if callback is None:
            return
        try:
            callback(result)
        except Exception as exc:  # noqa: BLE001 - a failing callback: shown, not lost
            self._report(exc)


class ThreadedRunner(TaskRunner):
    """A single worker thread owning the read-write connection; jobs run in order."""

    def __init__(self, db_path: str, *, readonly: bool = False):
        super().__init__()
        self.readonly = readonly
        self._queue: queue.Queue[tuple[DbJob, Done | None, Failed | None] | None] = (
            queue.Queue()
        )
        self._relay = _Relay(self.report_error)
        self._relay.finished.connect(self._relay.deliver)
        self._ready = threading.Event()
        self._open_error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._loop, args=(db_path,), name="db-worker", daemon=True
        )
        self._thread.start()
        self._ready.wait()
        if self._open_error is not None:
            raise self._open_error

    def _loop(self, db_path: str) -> None:
        try:
            opened = open_database(db_path, readonly=self.readonly, allow_damaged=self.readonly)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the constructor
            self._open_error = exc
            self._ready.set()
            return
        self._ready.set()
        while (item := self._queue.get()) is not None:
            job, on_done, on_error = item
            try:
                result = job(opened.db)
            except Exception as exc:  # noqa: BLE001 - delivered to the UI thread
                self._relay.finished.emit(on_error or self.report_error, exc, True)
            else:
                self._relay.finished.emit(on_done, result, False)
        opened.close()

    def run(self, job: DbJob, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        self._queue.put((job, on_done, on_error))

    def shutdown(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=10)
