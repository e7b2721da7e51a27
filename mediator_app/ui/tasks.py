"""The window layer's one runner: database work off the UI thread, rendering off the
database worker, one ``changed`` signal.

Threads (docs/architecture.md, "Threads"):

- The GUI thread builds widgets and reads small things on ``ctx.read_db``.
- One serial database worker (``db-worker``) owns the read-write connection: every
  write, the searches that return id lists, the aggregates. ``run`` queues a job there.
- A small render pool (``QThreadPool``) turns data into files (PDF, XLSX, large CSV).
  ``render(work)`` runs ``work(read)`` there; ``read(job)`` runs one short job on the
  database worker and waits for its answer, so a long export holds the worker only for
  each chunk it reads and a save or a search queued meanwhile goes next.

Results, errors and ``changed`` come back on the GUI thread through a queued signal.
Tests use ``SyncRunner``, which runs everything inline on the caller's thread.

``op`` is ``run`` for a job that writes: what it returns says what it changed
(``services.changes.changes_of``), and the runner emits ``changed(Changes)`` once it
is done; each view refreshes what it shows from that.

A job's error goes to its ``on_error``. Without one (and when a result callback itself
fails), every runner does the same: ``report_error`` hands the error to ``show_error``,
which the application context points at a message box (``AppContext``), and a failure
the program did not foresee is logged (``services.faults``). Only a bare runner with no
``show_error`` differs: ``SyncRunner`` re-raises (unit tests see the error),
``ThreadedRunner`` prints the plain message on stderr. No error is dropped.

``ProgressJob`` / ``run_job`` put one long job (database or render) behind a progress
dialog that appears after ~500 ms and can be cancelled.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlite_utils import Database

from mediator_app.domain.progress import CancelCheck, Progress
from mediator_app.services.changes import changes_of
from mediator_app.services.ledger import StorageError, open_database
from mediator_app.ui.errors import error_text

RENDER_THREADS = 2  # files rendered at once; the database worker stays one thread

DbJob = Callable[[Database], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Read = Callable[[DbJob], Any]  # runs one job on the database worker, returns its result
RenderJob = Callable[[Read], Any]
Job = Callable[[Any, Progress, CancelCheck], Any]  # (db or read, progress, cancelled)
MIN_DURATION_MS = 500


class TaskRunner(QObject):
    """Interface shared by the threaded and the synchronous runner."""

    changed = Signal(object)  # services.changes.Changes, after an ``op`` succeeded

    def __init__(self) -> None:
        super().__init__()
        # Shows an error no caller handled; set by AppContext (a message box).
        self.show_error: Failed | None = None

    def run(self, job: DbJob, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        raise NotImplementedError

    def op(self, job: DbJob, on_done: Done | None = None,
           on_error: Failed | None = None) -> None:
        """``run`` a job that writes; ``changed`` announces what its result says it
        changed (before ``on_done``, so the views are fresh whatever the caller does)."""
        def done(result: Any) -> None:
            changes = changes_of(result)
            if changes:
                self.changed.emit(changes)
            if on_done is not None:
                on_done(result)

        self.run(job, done, on_error)

    def render(self, work: RenderJob, on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        """``work(read)`` where files are rendered; here, inline on the database worker
        (the threaded runner has a render pool)."""
        self.run(lambda db: work(lambda job: job(db)), on_done, on_error)

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
        print(error_text(exc, "zh"), file=sys.stderr)  # a runner without a window


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
    """Lives on the GUI thread; results emitted from other threads arrive queued."""

    finished = Signal(object, object)  # callback, result or error

    def __init__(self, report: Failed) -> None:
        super().__init__()
        self._report = report
        self.finished.connect(self.deliver)

    @Slot(object, object)
    def deliver(self, callback: Any, result: Any) -> None:
        if callback is None:
            return
        try:
            callback(result)
        except Exception as exc:  # noqa: BLE001 - a failing callback: shown, not lost
            self._report(exc)


@dataclass
class _Queued:
    job: DbJob
    on_done: Done | None
    on_error: Failed | None
    answer: Future[Any] | None = None  # a render's read: answered on the worker itself


class RunnerStopped(RuntimeError):
    """A render asked the database worker for data after the runner shut down."""


class ThreadedRunner(TaskRunner):
    """A single worker thread owning the read-write connection (jobs run in order) and
    a small pool of render threads."""

    def __init__(self, db_path: str, *, readonly: bool = False):
        super().__init__()
        self.readonly = readonly
        self._queue: queue.Queue[_Queued | None] = queue.Queue()
        self._relay = _Relay(self.report_error)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(RENDER_THREADS)
        self._ready = threading.Event()
        self._stopped = threading.Event()
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
            self._execute(item, opened.db)
        self._stopped.set()
        self._refuse_waiting_reads()
        opened.close()

    def _execute(self, item: _Queued, db: Database) -> None:
        try:
            result = item.job(db)
        except Exception as exc:  # noqa: BLE001 - delivered to the UI thread
            if item.answer is not None:
                item.answer.set_exception(exc)
            else:
                self._relay.finished.emit(item.on_error or self.report_error, exc)
        else:
            if item.answer is not None:
                item.answer.set_result(result)
            else:
                self._relay.finished.emit(item.on_done, result)

    def _refuse_waiting_reads(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None and item.answer is not None:
                item.answer.set_exception(RunnerStopped("the database worker has stopped"))

    def run(self, job: DbJob, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        self._queue.put(_Queued(job, on_done, on_error))

    def read(self, job: DbJob) -> Any:
        """Run ``job`` on the database worker and wait for its result (from a render
        thread; on the worker itself it runs at once)."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("read() from the database worker would wait for itself")
        if self._stopped.is_set():
            raise RunnerStopped("the database worker has stopped")
        answer: Future[Any] = Future()
        self._queue.put(_Queued(job, None, None, answer))
        return answer.result()

    def render(self, work: RenderJob, on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        failed, relay, read = on_error or self.report_error, self._relay, self.read

        def render() -> None:
            try:
                result = work(read)
            except Exception as exc:  # noqa: BLE001 - delivered to the UI thread
                relay.finished.emit(failed, exc)
            else:
                relay.finished.emit(on_done, result)

        self.pool.start(render)

    def shutdown(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=10)
        self.pool.waitForDone(10_000)


class HasRunner(Protocol):
    """What a progress job needs of the application context (ui.context.AppContext)."""

    @property
    def runner(self) -> TaskRunner: ...


class ProgressJob(QObject):
    """One long job behind a QProgressDialog that appears only after ~500 ms and can be
    cancelled. Create, connect to ``progressed`` / ``finished`` / ``failed`` as needed,
    then ``start()``. ``finished(result)`` and ``failed(exception)`` arrive on the UI
    thread; ``running`` is true in between.

    The job receives ``(db, progress, cancelled)`` on the database worker; with
    ``renders`` it receives ``(read, progress, cancelled)`` on a render thread and reads
    through ``read(db_job)``. With ``writes`` it is an ``op`` (``changed`` follows).
    Progress reports reach the dialog through a queued signal; ``cancel()`` sets the flag
    the job polls, exactly as the dialog's Cancel button does."""

    progressed = Signal(int, int)
    waiting = Signal(float)  # seconds waited for another program's write (issue 8)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, ctx: HasRunner, parent: QWidget, label: str, job: Job, *,
                 title: str = "", cancellable: bool = True, renders: bool = False,
                 writes: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._job = job
        self._renders = renders
        self._writes = writes
        self._flag = threading.Event()
        self.running = False
        cancel_text = QCoreApplication.translate("QProgressDialog", "Cancel")  # Qt's catalog
        self.dialog = QProgressDialog(label, cancel_text if cancellable else "", 0, 0, parent)
        if title:
            self.dialog.setWindowTitle(title)
        if not cancellable:
            self.dialog.setCancelButton(None)
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
        """Called on a worker thread: emitting is thread-safe, delivery is queued."""
        self.progressed.emit(int(done), int(total))

    def start(self) -> None:
        self.running = True
        self.dialog.setValue(0)  # starts the minimum-duration timer
        report, cancelled, runner = self._report, self._flag.is_set, self.ctx.runner
        if self._renders:
            runner.render(lambda read: self._job(read, report, cancelled), self._done,
                          self._error)
            return

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

        (runner.op if self._writes else runner.run)(job, self._done, self._error)

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


def run_job(ctx: HasRunner, parent: QWidget, label: str, job: Job,
            on_done: Callable[[Any], None], on_error: Callable[[BaseException], None], *,
            title: str = "", renders: bool = False, writes: bool = False) -> ProgressJob:
    """Start ``job`` at once; the callbacks get its result or error, then the job object
    is deleted. ``writes``: the job changes the ledger and returns what it changed
    (``services.changes``), which the runner announces."""
    runner = ProgressJob(ctx, parent, label, job, title=title, renders=renders,
                         writes=writes)

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
