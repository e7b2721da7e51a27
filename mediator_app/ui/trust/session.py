"""The logged-in session in the GUI (issue 9): the login before the ledger opens, the
principal bound to both connections, the idle lock, and which main-window actions a role
may not use (disabled: the services refuse them anyway). The Account menu, which opens
the user management, audit viewer and backups windows, is in ``menu``."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMainWindow, QMessageBox, QWidget

from mediator_app.domain.access import Action, Principal
from mediator_app.domain.account_messages import AccountError
from mediator_app.services import ledger
from mediator_app.services.trust import accounts
from mediator_app.ui import prefs
from mediator_app.ui.context import AppContext
from mediator_app.ui.errors import error_text
from mediator_app.ui.trust.login import ChangePasswordDialog, LoginDialog

IDLE_KEY = "security/idle_minutes"
DEFAULT_IDLE_MINUTES = 15

#: main-window actions and the right each needs
GATED = {
    "new_case": Action.EDIT_CASE,
    "settings": Action.SETTINGS,
    "organisation": Action.ORGANISATION,
    "code_tables": Action.CODE_TABLES,
    "import_cases": Action.IMPORT,
    "import_history": Action.IMPORT,
    "export_cases": Action.EXPORT,
    "export_csv": Action.EXPORT,
    "export_xlsx": Action.EXPORT,
    "restore_backup": Action.RESTORE,
}


def needs_login(db_path: str) -> bool:
    return ledger.is_encrypted_ledger(db_path)


def login(db_path: str, lang: str) -> str | None:
    """Show the login window; on success the data key is registered for this process
    and the user's name returned."""
    dialog = LoginDialog(db_path, lang)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
        return None
    ledger.register_key(db_path, dialog.key)
    return dialog.user_name


def attach(ctx: AppContext, user: str) -> Principal:
    """Bind the user to the read-only connection and (first job) the worker's, and
    write the login to the audit log."""
    principal = accounts.principal_for(ctx.read_db, user)
    accounts.attach(ctx.read_db, principal)
    path = ctx.db_path

    def bind(db: Any) -> None:
        accounts.attach(db, principal)
        accounts.write_login(db, path, principal, how="gui")

    ctx.runner.run(bind)
    ctx.user = user
    ctx.extra["principal"] = principal
    return principal


def attach_or_explain(ctx: AppContext, user: str) -> bool:
    try:
        attach(ctx, user)
    except AccountError as exc:  # disabled between the key check and the opening
        QMessageBox.critical(
            None, QCoreApplication.translate("App", "Mediation Ledger"), exc.text(ctx.lang)
        )
        return False
    return True


def principal_of(ctx: AppContext) -> Principal | None:
    p = ctx.extra.get("principal")
    return p if isinstance(p, Principal) else None


def may(ctx: AppContext, action: Action) -> bool:
    p = principal_of(ctx)
    return p is None or p.may(action)


class IdleLock(QObject):
    """Hides every window after ``minutes`` without keyboard or mouse input and shows
    the lock window; the right password shows them again, Quit (or a locked-out
    account) closes the program."""

    ACTIVITY = {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }

    def __init__(self, ctx: AppContext, window: QMainWindow, minutes: int):
        super().__init__(window)
        self.ctx, self.window, self.minutes = ctx, window, minutes
        self.last = time.monotonic()
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self.ACTIVITY:
            self.last = time.monotonic()
        return False

    def check(self) -> None:
        if (
            not self.locked
            and self.minutes > 0
            and time.monotonic() - self.last >= self.minutes * 60
        ):
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, LoginDialog)
        ]
        for w in hidden:
            w.hide()
        dialog = LoginDialog(self.ctx.db_path, self.ctx.lang, None, locked_user=self.ctx.user)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        self.locked = False
        self.last = time.monotonic()
        if not ok:
            self.window.close()
            QApplication.quit()
            return
        for w in hidden:
            w.show()


def change_own_password(window: QWidget, ctx: AppContext) -> None:
    dialog = ChangePasswordDialog(ctx.user, ctx.lang, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    if not accounts.verify_password(ctx.db_path, ctx.user, dialog.old.text()):
        ctx.dialogs.error(
            QCoreApplication.translate("AccountMenu", "Change my password"),
            QCoreApplication.translate("AccountMenu", "The current password is wrong."),
        )
        return
    path, user, new = ctx.db_path, ctx.user, dialog.new_password
    ctx.runner.run(
        lambda db: accounts.set_password(db, path, user, new),
        lambda _r: ctx.dialogs.info(
            QCoreApplication.translate("AccountMenu", "Change my password"),
            QCoreApplication.translate("AccountMenu", "Your password was changed."),
        ),
        lambda exc: show_error(window, ctx, exc),
    )


def set_idle_minutes(window: QWidget) -> None:
    current = int(str(prefs.qsettings().value(IDLE_KEY, DEFAULT_IDLE_MINUTES) or 0))
    minutes, ok = QInputDialog.getInt(
        window,
        QCoreApplication.translate("AccountMenu", "Automatic lock"),
        QCoreApplication.translate(
            "AccountMenu", "Lock the window after this many idle minutes (0: never):"
        ),
        current,
        0,
        480,
    )
    if ok:
        prefs.qsettings().setValue(IDLE_KEY, minutes)
        lock = window.findChild(IdleLock)  # made with the window as parent
        if isinstance(lock, IdleLock):
            lock.minutes = minutes


def show_error(window: QWidget, ctx: AppContext, exc: BaseException) -> None:
    message = error_text(exc, ctx.lang)  # a sentence, never a raw code such as db.missing
    ctx.dialogs.error(QCoreApplication.translate("AccountMenu", "Mediation Ledger"), message)
