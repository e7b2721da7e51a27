"""Login window, idle-lock window, recovery-key dialogs and the change-password dialog
(issue 9). The user name is remembered (QSettings ``login/user``), the password never."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.account_messages import AccountError, account_text
from mediator_app.services.trust import accounts
from mediator_app.ui import prefs
from mediator_app.ui.errors import error_text

USER_KEY = "login/user"


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return field


def _stack_above_ok_cancel(dialog: QDialog, *parts: QWidget | QLayout,
                           check: Callable[[], None]) -> None:
    """Lay ``parts`` out top to bottom above 确定/取消; 确定 calls ``dialog.check``, which
    accepts the dialog when the input is right (the account dialogs' shared frame)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(check)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in (*parts, buttons):
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)


def _message_label() -> QLabel:
    label = QLabel()
    label.setObjectName("loginMessage")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setMinimumWidth(380)
    return label


class _Busy:
    """Wait cursor while the key derivation runs (about 0.3 s)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()


class LoginDialog(QDialog):
    """Asks for user name and password; ``key`` holds the data key after ``accept``.
    With ``locked_user`` it is the idle-lock window: the name is fixed."""

    def __init__(self, db_path: str, lang: str = "zh", parent: QWidget | None = None, *,
                 locked_user: str | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.db_path = db_path
        self.lang = lang
        self.key: bytes | None = None
        self.locked = locked_user is not None
        self.setWindowTitle(self.tr("Locked - Mediation Ledger") if self.locked
                            else self.tr("Log in - Mediation Ledger"))
        title = QLabel(self.tr("The window is locked. Type your password to go on.")
                       if self.locked else self.tr("Mediation Ledger"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * (1.0 if self.locked else 1.6))
        font.setBold(not self.locked)
        title.setFont(font)
        ledger = QLabel(self.tr("Ledger: {path}").format(path=Path(db_path).name))
        ledger.setToolTip(db_path)
        self.user = QLineEdit(locked_user or str(prefs.qsettings().value(USER_KEY, "") or ""))
        self.user.setObjectName("loginUser")
        self.user.setReadOnly(self.locked)
        self.password = _password_field()
        self.password.setObjectName("loginPassword")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.message = _message_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Unlock") if self.locked else self.tr("Log in"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton(self.tr("Quit") if self.locked else self.tr("Cancel"),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(ledger)
        layout.addLayout(form)
        layout.addWidget(self.message)
        if not self.locked:
            forgot = QPushButton(self.tr("All passwords lost? Use the recovery key…"))
            forgot.setObjectName("recoveryButton")
            forgot.setFlat(True)
            forgot.clicked.connect(self.use_recovery_key)
            layout.addWidget(forgot, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        (self.password if self.user.text() else self.user).setFocus()

    def try_login(self) -> None:
        name = self.user.text().strip()
        try:
            with _Busy():
                self.key = accounts.unlock_key(self.db_path, name, self.password.text())
        except AccountError as exc:
            self.message.setText(exc.text(self.lang))
            self.password.clear()
            self.password.setFocus()
            return
        if not self.locked:
            prefs.qsettings().setValue(USER_KEY, name)
        self.user_name = name
        self.password.clear()
        self.accept()

    def use_recovery_key(self) -> None:
        dialog = RecoveryDialog(self.db_path, self.lang, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.user.setText(dialog.admin)
            self.message.setText(self.tr("A new password was set for {user}; log in with it.")
                                 .format(user=dialog.admin))
            self.password.setFocus()


class RecoveryDialog(QDialog):
    """Reset a system administrator's password with the recovery key."""

    def __init__(self, db_path: str, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.db_path, self.lang, self.admin = db_path, lang, ""
        self.setWindowTitle(self.tr("Open with the recovery key"))
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("(the first system administrator)"))
        self.new1, self.new2 = _password_field(), _password_field()
        form = QFormLayout()
        form.addRow(self.tr("Recovery key"), self.key)
        form.addRow(self.tr("System administrator"), self.name)
        form.addRow(self.tr("New password"), self.new1)
        form.addRow(self.tr("Again"), self.new2)
        self.message = _message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_recover)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def try_recover(self) -> None:
        if self.new1.text() != self.new2.text():
            self.message.setText(account_text("users.mismatch", self.lang))
            return
        try:
            with _Busy():
                self.admin = accounts.recover(self.db_path, self.key.text(), self.new1.text(),
                                              admin=self.name.text().strip() or None)
        except Exception as exc:  # noqa: BLE001 - AccountError or AccessDenied: shown
            self.message.setText(error_text(exc, self.lang))  # never a raw code
            return
        self.accept()


class RecoveryKeyDialog(QDialog):
    """Shows a new ledger's recovery key once, with Print and a confirmation box."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.recovery_key = recovery_key
        self.setWindowTitle(self.tr("Recovery key"))
        intro = QLabel(self.tr(
            "This is the recovery key of the ledger. It is shown only now. When every "
            "password is lost, it is the only way to open the ledger. Write it down or "
            "print it, and keep it locked away from the computer."))
        intro.setWordWrap(True)
        shown = QLabel(recovery_key)
        shown.setObjectName("recoveryKey")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(shown.font().pointSizeF() * 1.5)
        shown.setFont(font)
        self.done_box = QCheckBox(self.tr("I have written down or printed the recovery key"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.done_box.toggled.connect(self.ok.setEnabled)
        print_button = buttons.addButton(self.tr("Print…"),
                                         QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(self.print_key)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(shown, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.done_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def print_key(self) -> None:
        # lazy: QtPrintSupport loads only when the recovery key is printed
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            painter.drawText(100, 200, self.tr("Mediation Ledger - recovery key"))
            painter.drawText(100, 400, self.recovery_key)
        finally:
            painter.end()

    def reject(self) -> None:  # Escape does not skip the confirmation
        if self.done_box.isChecked():
            super().reject()


class ChangePasswordDialog(QDialog):
    """Own password (old + new twice), or an administrator's reset (new twice)."""

    def __init__(self, user: str, lang: str, parent: QWidget | None = None, *,
                 reset: bool = False):
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.lang = lang
        self.reset = reset
        self.setWindowTitle(self.tr("Reset the password of {user}").format(user=user) if reset
                            else self.tr("Change my password"))
        self.old = _password_field()
        self.new1, self.new2 = _password_field(), _password_field()
        form = QFormLayout()
        if not reset:
            form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new1)
        form.addRow(self.tr("Again"), self.new2)
        note = QLabel(self.tr("The ledger is not re-encrypted; only this user's key slot "
                              "changes."))
        note.setWordWrap(True)
        self.message = _message_label()
        _stack_above_ok_cancel(self, form, note, self.message, check=self.check)

    def check(self) -> None:
        if self.new1.text() != self.new2.text():
            self.message.setText(account_text("users.mismatch", self.lang))
            return
        try:
            accounts.check_password(self.new1.text())
        except AccountError as exc:
            self.message.setText(exc.text(self.lang))
            return
        self.accept()

    @property
    def new_password(self) -> str:
        return self.new1.text()

