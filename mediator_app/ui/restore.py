"""File → Restore from backup… (issue 8 item 1, docs/guarantees.md).

The window gives up its own connections first (the restore needs the file alone: while
another window or a command has it open, ``services.trust.backup.restore`` refuses with
``db.in_use`` and nothing changes), runs the restore on a background thread behind a
busy dialog, then opens the ledger again and builds a fresh main window on it (every
view starts from the restored content; nothing cached from before survives).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from mediator_app.domain.catalogue.cli import TEXTS
from mediator_app.services import ledger
from mediator_app.services.faults import storage_error
from mediator_app.services.ledger import StorageError, open_database
from mediator_app.services.trust import accounts
from mediator_app.services.trust import backup as backup_service
from mediator_app.ui.context import AppContext
from mediator_app.ui.errors import error_text
from mediator_app.ui.tasks import ThreadedRunner


def storage_message(exc: BaseException, lang: str) -> str:
    """A refusal of the storage layer in the user's words (the message table shared
    with the command line); other errors by their text."""
    if isinstance(exc, StorageError) and exc.code in TEXTS:
        return storage_error(exc.code, dict(exc.params), lang)

    return error_text(exc, lang, "restore")


class _Relay(QObject):
    finished = Signal(object, object)  # result, error

    @Slot(object, object)
    def deliver(self, result: Any, error: Any) -> None:
        self.on_finished(result, error)

    on_finished: Callable[[Any, Any], None] = staticmethod(lambda _r, _e: None)


class RestoreFlow(QObject):
    """One restore started from ``window`` (the main window). ``rebuild(ctx)`` makes
    and shows the new main window; ``done`` is emitted at the end (True: restored)."""

    done = Signal(bool)

    def __init__(self, window: Any, rebuild: Callable[[AppContext], QWidget]):
        super().__init__(window)
        self.window = window
        self.ctx: AppContext = window.ctx
        self.rebuild = rebuild
        self.progress: QProgressDialog | None = None
        self._relay = _Relay()
        self._relay.on_finished = self._finished
        self._relay.finished.connect(self._relay.deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> bool:
        """Ask for the backup and a confirmation, close the other windows; False when
        the user stopped (nothing changed)."""
        ctx = self.ctx
        files = ctx.dialogs.open_files(self.tr("Restore from backup"),
                                       self.tr("Ledger backups (*.db *.bak);;All files (*)"))
        if not files:
            return False
        self.source = files[0]
        question = self.tr(
            "Replace the content of the ledger {db} with the backup {source}?\n\n"
            "The present content is kept as {db}.before-restore-….bak. Other windows of "
            "this ledger are closed first; another program that has it open must be "
            "closed too.").format(db=ctx.db_path, source=self.source)
        if not ctx.dialogs.confirm(self.tr("Restore from backup"), question):
            return False
        for other in list(getattr(self.window, "windows", [])):
            if not other.close():  # an unsaved case form the user wants to keep
                return False
        ctx.runner.shutdown()
        ctx.read_db.close()
        self.progress = QProgressDialog(self.tr("Restoring from {source}…").format(
            source=Path(self.source).name), "", 0, 0, self.window)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        threading.Thread(target=self._work, name="restore", daemon=True).start()
        return True

    def _work(self) -> None:
        key = ledger.key_for(self.ctx.db_path)
        if key is not None:  # an encrypted ledger: its backups share its data key
            ledger.register_key(self.source, key)
        try:
            saved = backup_service.restore(self.ctx.db_path, self.source)
        except Exception as exc:  # noqa: BLE001 - shown to the user on the UI thread
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(saved, None)
        finally:
            if key is not None:
                ledger.forget_key(self.source)

    @staticmethod
    def _bind_user(ctx: AppContext) -> None:
        """The logged-in user of an encrypted ledger (issue 9) on the new connections,
        looked up again in the restored accounts (a user missing there: LoginFailed)."""
        if ctx.extra.get("principal") is None:
            return

        principal = accounts.principal_for(ctx.read_db, ctx.user)
        accounts.attach(ctx.read_db, principal)
        ctx.runner.run(lambda db: accounts.attach(db, principal))
        ctx.extra["principal"] = principal

    def _finished(self, saved: Any, error: Any) -> None:
        if self.progress is not None:
            self.progress.close()
        ctx = self.ctx
        readonly = ctx.readonly and error is not None  # a failed restore: as it was
        try:
            ctx.runner = ThreadedRunner(ctx.db_path, readonly=readonly)
            ctx.readonly = readonly
            ctx.read_db = open_database(ctx.db_path, readonly=True, check_same_thread=False,
                                        allow_damaged=True, health=False).db
            self._bind_user(ctx)
        except Exception as exc:  # noqa: BLE001 - the file cannot be opened again
            ctx.dialogs.error(self.tr("Restore from backup"),
                              storage_message(error or exc, ctx.lang))
            self.window.close()
            self.done.emit(False)
            return
        if error is not None:
            ctx.dialogs.error(self.tr("Restore from backup"),
                              storage_message(error, ctx.lang))
            self.done.emit(False)
            return
        new_window = self.rebuild(ctx)
        self.window.close()
        text = self.tr("Restored from {source}.").format(source=self.source)
        if saved:
            text += "\n" + self.tr("The previous content is kept as {saved}.").format(
                saved=saved)
        ctx.dialogs.info(self.tr("Restore from backup"), text)
        self.done.emit(new_window is not None)
