"""The audit viewer for administrators (issue 9): filter by user, case, date and action;
export what is shown as CSV. The search runs on the worker connection."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
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

from mediator_app.services.trust import audit
from mediator_app.services.trust.audit import AuditEntry
from mediator_app.ui.context import AppContext
from mediator_app.ui.qt_helpers import header_cell
from mediator_app.ui.trust.session import show_error


class AuditViewer(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.ctx = ctx
        self.entries: list[AuditEntry] = []
        self.setWindowTitle(self.tr("Audit log"))
        self.user = QComboBox()
        self.user.setEditable(True)
        self.action = QComboBox()
        self.case = QLineEdit()
        self.case.setPlaceholderText(self.tr("case number or id"))
        self.use_dates = QCheckBox(self.tr("Only between"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Action"), self.action)
        form.addRow(self.tr("Case"), self.case)
        form.addRow(self.tr("Date"), dates)
        search = QPushButton(self.tr("Search"))
        search.setDefault(True)
        search.clicked.connect(self.search)
        export = QPushButton(self.tr("Export CSV…"))
        export.clicked.connect(self.export_csv)
        row = QHBoxLayout()
        row.addWidget(search)
        row.addWidget(export)
        row.addStretch(1)
        self.count = QLabel()
        row.addWidget(self.count)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("User"), self.tr("Entity"), self.tr("Key"),
            self.tr("Action"), self.tr("Field"), self.tr("Old value"), self.tr("New value")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(1100, 600)
        self._run(lambda db: (audit.users(db), audit.actions(db)), self._fill_choices)
        self.search()

    def action_label(self, code: str) -> str:
        labels = {
            "login": self.tr("log in"), "login_failed": self.tr("failed login"),
            "user_add": self.tr("user added"), "role_change": self.tr("role changed"),
            "user_disable": self.tr("user disabled"), "user_enable": self.tr("user enabled"),
            "password_change": self.tr("password changed"),
            "password_reset": self.tr("password reset"),
            "recovery_unlock": self.tr("recovery key used"),
            "ledger_encrypted": self.tr("ledger encrypted"),
            "export_personal": self.tr("personal data exported"),
            "view_personal": self.tr("personal data viewed"),
            "create": self.tr("created"), "update": self.tr("changed"),
            "delete": self.tr("deleted"), "print": self.tr("printed"),
        }
        return labels.get(code, code)

    def _run(self, job: Any, done: Any) -> None:
        self.ctx.runner.run(job, done, lambda exc: show_error(self, self.ctx, exc))

    def _fill_choices(self, choices: tuple[list[str], list[str]]) -> None:
        users, actions = choices
        current = self.user.currentText()
        self.user.clear()
        self.user.addItem("")
        self.user.addItems(users)
        self.user.setCurrentText(current)
        self.action.clear()
        self.action.addItem("", "")
        for code in actions:
            self.action.addItem(self.action_label(code), code)

    def current_filter(self) -> audit.AuditFilter:
        dates = self.use_dates.isChecked()
        return audit.AuditFilter(
            user=self.user.currentText().strip(), action=self._action_code(),
            case=self.case.text().strip(),
            date_from=self.date_from.date().toString("yyyy-MM-dd") if dates else "",
            date_to=self.date_to.date().toString("yyyy-MM-dd") if dates else "")

    def _action_code(self) -> str:
        text = self.action.currentText().strip()
        index = self.action.findText(text)
        data = self.action.itemData(index) if index >= 0 else None
        return str(data) if data is not None else text

    def search(self) -> None:
        f = self.current_filter()
        self._run(lambda db: audit.search(db, f), self.show_entries)

    def show_entries(self, entries: list[AuditEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            for c, value in enumerate((e.at[:19].replace("T", " "), e.user, e.entity,
                                       e.entity_key, self.action_label(e.action), e.field,
                                       e.old_value or "",
                                       e.new_value or "")):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("{n} entries").format(n=len(entries)))

    def export_csv(self) -> None:
        path = self.ctx.dialogs.save_file(self.tr("Export the audit log"), "audit-log.csv",
                                          self.tr("CSV files (*.csv)"))
        if not path:
            return
        header = tuple(header_cell(self.table, i).text() for i in range(8))
        entries = list(self.entries)
        self.ctx.runner.run(lambda _db: audit.export_csv(entries, path, header),
                            lambda n: self.ctx.dialogs.info(
                                self.tr("Export the audit log"),
                                self.tr("{n} entries written to {path}.").format(n=n,
                                                                                path=path)),
                            lambda exc: show_error(self, self.ctx, exc))
