"""User management for system administrators (issue 9): add, change role/scope/grant,
reset a password, disable a leaver or enable again. Every call goes through
``services.trust.accounts`` on the worker connection (which checks the role again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.access import Role
from mediator_app.domain.account_messages import account_text
from mediator_app.services.trust import accounts
from mediator_app.ui.context import AppContext
from mediator_app.ui.trust.login import (
    ChangePasswordDialog,
    _message_label,
    _password_field,
    _stack_above_ok_cancel,
)
from mediator_app.ui.trust.session import show_error


class UserDialog(QDialog):
    """A new user (name, role, scope, grant, password) or a change of an existing one."""

    def __init__(self, lang: str, parent: QWidget | None = None,
                 user: accounts.UserInfo | None = None):
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.lang = lang
        self.setWindowTitle(self.tr("Change user") if user else self.tr("Add user"))
        self.name = QLineEdit(user.name if user else "")
        self.name.setReadOnly(user is not None)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role.value)
        if user:
            self.role.setCurrentIndex(max(0, self.role.findData(user.role)))
        self.scope = QLineEdit(user.scope or "" if user else "")
        self.scope.setPlaceholderText(self.tr("org unit or committee code; empty: whole ledger"))
        self.personal = QCheckBox(self.tr("may see and export parties' personal data "
                                          "(administrators)"))
        self.personal.setChecked(bool(user and user.personal_data))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow("", self.personal)
        self.new1, self.new2 = _password_field(), _password_field()
        if user is None:
            form.addRow(self.tr("Password"), self.new1)
            form.addRow(self.tr("Again"), self.new2)
        self.message = _message_label()
        _stack_above_ok_cancel(self, form, self.message, check=self.check)
        self.is_new = user is None

    def check(self) -> None:
        if self.is_new:
            if self.new1.text() != self.new2.text():
                self.message.setText(account_text("users.mismatch", self.lang))
                return
            if len(self.new1.text()) < accounts.MIN_PASSWORD:
                self.message.setText(account_text("users.short_password", self.lang,
                                                  min=accounts.MIN_PASSWORD))
                return
        self.accept()


class UserManagementDialog(QDialog):
    COLUMNS = ("User name", "Role", "Scope", "Personal data", "State")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("userManagement")
        self.ctx = ctx
        self.users: list[accounts.UserInfo] = []
        self.setWindowTitle(self.tr("Users"))
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Role"),
                                              self.tr("Scope"), self.tr("Personal data"),
                                              self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.change_button = QPushButton(self.tr("Change role or scope…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.enable_button = QPushButton(self.tr("Enable"))
        for button, slot in ((self.add_button, self.add_user),
                             (self.change_button, self.change_user),
                             (self.reset_button, self.reset_password),
                             (self.disable_button, lambda: self.set_disabled(True)),
                             (self.enable_button, lambda: self.set_disabled(False))):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr("A disabled user's password no longer opens the ledger; their "
                              "cases and audit entries keep their name. Enabling again "
                              "needs a new password."))
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(close)
        self.resize(820, 420)
        self._selection_changed()
        self.reload()

    # ---- data ---------------------------------------------------------------------------
    def _run(self, job: Any, done: Any = None) -> None:
        self.ctx.runner.run(job, done or (lambda _r: self.reload()),
                            lambda exc: show_error(self, self.ctx, exc))

    def reload(self) -> None:
        path = self.ctx.db_path
        self._run(lambda db: accounts.list_users(db, path), self.show_users)

    def show_users(self, users: list[accounts.UserInfo]) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for row, u in enumerate(users):
            state = (self.tr("disabled") if u.disabled else
                     self.tr("locked until {t}").format(t=u.locked_until) if u.locked_until
                     else self.tr("active") if u.has_password else self.tr("no password"))
            cells = [u.name, u.role, u.scope or self.tr("whole ledger"),
                     self.tr("yes") if u.personal_data else self.tr("no"), state]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.name)
                self.table.setItem(row, col, item)
        self._selection_changed()

    def selected(self) -> accounts.UserInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.users[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        u = self.selected()
        for b in (self.change_button, self.reset_button):
            b.setEnabled(u is not None)
        self.disable_button.setEnabled(u is not None and not u.disabled)
        self.enable_button.setEnabled(u is not None and u.disabled)

    # ---- actions --------------------------------------------------------------------------
    def add_user(self) -> None:
        dialog = UserDialog(self.ctx.lang, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path = self.ctx.db_path
        name, role = dialog.name.text().strip(), str(dialog.role.currentData())
        scope, grant, pw = dialog.scope.text().strip() or None, dialog.personal.isChecked(), \
            dialog.new1.text()
        self._run(lambda db: accounts.add_user(db, path, name, role, scope, pw,
                                               personal_data=grant))

    def change_user(self) -> None:
        u = self.selected()
        if u is None:
            return
        dialog = UserDialog(self.ctx.lang, self, u)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        role, scope = str(dialog.role.currentData()), dialog.scope.text().strip()
        grant = dialog.personal.isChecked()
        self._run(lambda db: accounts.change_user(db, u.name, role=role, scope=scope or None,
                                                  clear_scope=not scope, personal_data=grant))

    def reset_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        dialog = ChangePasswordDialog(u.name, self.ctx.lang, self, reset=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path, pw = self.ctx.db_path, dialog.new_password
        self._run(lambda db: accounts.set_password(db, path, u.name, pw))

    def set_disabled(self, disabled: bool) -> None:
        u = self.selected()
        if u is None:
            return
        if disabled and not self.ctx.dialogs.confirm(
                self.tr("Disable"), self.tr("Disable the user {user}?").format(user=u.name)):
            return
        path = self.ctx.db_path
        self._run(lambda db: accounts.set_disabled(db, path, u.name, disabled))
