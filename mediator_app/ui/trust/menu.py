"""The Account menu (账户) of the main window (issue 9), installed with the idle lock and
the role-gated actions (``install``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.access import Action
from mediator_app.domain.account_messages import account_text
from mediator_app.services import ledger
from mediator_app.services.trust import accounts
from mediator_app.ui import prefs
from mediator_app.ui.context import AppContext
from mediator_app.ui.trust import session
from mediator_app.ui.trust.audit_viewer import AuditViewer
from mediator_app.ui.trust.backups import BackupsDialog
from mediator_app.ui.trust.login import (
    RecoveryKeyDialog,
    _message_label,
    _password_field,
    _stack_above_ok_cancel,
)
from mediator_app.ui.trust.users import UserManagementDialog


def install(window: QMainWindow, ctx: AppContext) -> None:
    """The Account menu, the idle lock (encrypted ledgers) and role-gated actions."""
    principal = session.principal_of(ctx)
    actions: dict[str, QAction] = getattr(window, "actions_", {})
    if principal is not None:
        for key, action in session.GATED.items():
            if key in actions and not principal.may(action):
                actions[key].setEnabled(False)
                actions[key].setToolTip(
                    QCoreApplication.translate("AccountMenu", "Not allowed for your role")
                )
        minutes = int(str(prefs.qsettings().value(session.IDLE_KEY,
                                                  session.DEFAULT_IDLE_MINUTES) or 0))
        session.IdleLock(ctx, window, minutes)  # kept by its parent, the window
    build(window, ctx)


def build(window: QMainWindow, ctx: AppContext) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("AccountMenu", "&Account"))
    menu.setObjectName("accountMenu")
    p = session.principal_of(ctx)

    def add(
        key: str, text: str, slot: Callable[[], object], shortcut: str | None = None,
        enabled: bool = True,
    ) -> QAction:
        action = QAction(text, window)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _c=False: slot())
        action.setEnabled(enabled)
        menu.addAction(action)
        actions = getattr(window, "actions_", None)
        if isinstance(actions, dict):
            actions[key] = action
        return action

    if p is not None:
        who = QAction(
            QCoreApplication.translate("AccountMenu", "Logged in: {user} ({role})").format(
                user=p.name, role=p.role.value
            ),
            window,
        )
        who.setEnabled(False)
        menu.addAction(who)
        add(
            "change_password",
            QCoreApplication.translate("AccountMenu", "Change my &password…"),
            lambda: session.change_own_password(window, ctx),
        )
        add(
            "lock",
            QCoreApplication.translate("AccountMenu", "&Lock now"),
            lambda: _lock(window),
            "Ctrl+L",
        )
        add(
            "idle_minutes",
            QCoreApplication.translate("AccountMenu", "Au&tomatic lock…"),
            lambda: session.set_idle_minutes(window),
        )
        menu.addSeparator()
        add(
            "users",
            QCoreApplication.translate("AccountMenu", "&Users…"),
            lambda: _users(window, ctx),
            enabled=p.may(Action.MANAGE_USERS),
        )
        add(
            "audit",
            QCoreApplication.translate("AccountMenu", "&Audit log…"),
            lambda: _audit(window, ctx),
            enabled=p.may(Action.VIEW_AUDIT),
        )
    add(
        "backups",
        QCoreApplication.translate("AccountMenu", "&Backups…"),
        lambda: _backups(window, ctx),
        enabled=session.may(ctx, Action.BACKUP),
    )
    if p is None and not ctx.readonly and not ledger.is_encrypted_ledger(ctx.db_path):
        menu.addSeparator()
        add(
            "encrypt",
            QCoreApplication.translate("AccountMenu", "&Encrypt this ledger…"),
            lambda: encrypt(window, ctx),
        )


def _lock(window: QMainWindow) -> None:
    lock = window.findChild(session.IdleLock)  # made with the window as parent
    if lock is not None:
        lock.lock()


def _users(window: QWidget, ctx: AppContext) -> None:
    UserManagementDialog(ctx, window).exec()


def _audit(window: QWidget, ctx: AppContext) -> None:
    AuditViewer(ctx, window).exec()


def _backups(window: QWidget, ctx: AppContext) -> None:
    BackupsDialog(ctx, window).exec()


class EncryptDialog(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("encryptDialog")
        self.lang = lang
        self.setWindowTitle(self.tr("Encrypt this ledger"))
        intro = QLabel(
            self.tr(
                "The ledger file, its backups from now on and packages with personal data "
                "will be encrypted. You become its system administrator; add the other users "
                "afterwards. The program closes when done: start it again and log in."
            )
        )
        intro.setWordWrap(True)
        self.intro = intro
        self.name = QLineEdit()
        self.new1, self.new2 = _password_field(), _password_field()
        form = QFormLayout()
        form.addRow(self.tr("Administrator's user name"), self.name)
        form.addRow(self.tr("Password"), self.new1)
        form.addRow(self.tr("Again"), self.new2)
        self.message = _message_label()
        _stack_above_ok_cancel(self, intro, form, self.message, check=self.check)

    def check(self) -> None:
        if self.new1.text() != self.new2.text():
            self.message.setText(account_text("users.mismatch", self.lang))
        elif len(self.new1.text()) < accounts.MIN_PASSWORD:
            self.message.setText(
                account_text("users.short_password", self.lang, min=accounts.MIN_PASSWORD)
            )
        elif not self.name.text().strip():
            self.message.setText(account_text("users.bad_name", self.lang, user=""))
        else:
            self.accept()


def encrypt(window: QMainWindow, ctx: AppContext) -> None:
    """Convert the open plain ledger: both connections are closed first, the program
    quits afterwards (the next start asks for the login)."""
    dialog = EncryptDialog(ctx.lang, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    ctx.runner.shutdown()
    ctx.read_db.close()
    try:
        created = accounts.encrypt_ledger(
            ctx.db_path, dialog.name.text().strip(), dialog.new1.text()
        )
    except Exception as exc:  # noqa: BLE001 - shown; the plain ledger is unchanged
        session.show_error(window, ctx, exc)
        window.close()
        QApplication.quit()
        return
    if created.recovery_key:
        RecoveryKeyDialog(created.recovery_key, window).exec()
    ctx.dialogs.info(
        QCoreApplication.translate("AccountMenu", "Encrypt this ledger"),
        QCoreApplication.translate(
            "AccountMenu",
            "The ledger is encrypted. The program closes now; start it again and log in.",
        ),
    )
    window.close()
    QApplication.quit()


class NewLedgerDialog(EncryptDialog):
    """First start on a file that does not exist yet: a new encrypted ledger (unless
    the user ticks "unencrypted")."""

    def __init__(self, db_path: str, lang: str, parent: QWidget | None = None):
        super().__init__(lang, parent)
        self.setObjectName("newLedgerDialog")
        self.setWindowTitle(self.tr("New ledger"))
        self.intro.setText(
            self.tr(
                "A new ledger will be created at {path}. It is encrypted: only its users "
                "can open it. You become its system administrator; add the other users "
                "afterwards. Keep the recovery key shown next."
            ).format(path=db_path)
        )
        self.plain = QCheckBox(
            self.tr("Do not encrypt (not advised: anyone who can copy the file reads it)")
        )
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.count() - 2, self.plain)

    def check(self) -> None:
        if self.plain.isChecked():
            self.accept()
        else:
            super().check()


def create_new(db_path: str, lang: str) -> tuple[bool, str | None]:
    """(go on, the administrator logged in or None for a plain ledger)."""
    dialog = NewLedgerDialog(db_path, lang)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False, None
    if dialog.plain.isChecked():
        return True, None
    name = dialog.name.text().strip()
    created = accounts.create_ledger(db_path, name, dialog.new1.text())
    if created.recovery_key:
        RecoveryKeyDialog(created.recovery_key).exec()
    return True, name  # create_ledger left the data key registered: logged in
