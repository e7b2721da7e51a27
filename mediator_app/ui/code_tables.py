"""The code tables dialog: dispute types (纠纷类型) and case sources (案件来源).

Small lists, read through ``ctx.read_db``; every change runs ``services.cases.code_tables`` on
the DB worker (``ctx.runner``). Renaming keeps the code, so cases already recorded with an
entry follow its new name; deactivated entries leave the pickers of new cases but stay on
the cases that use them; an entry in use cannot be deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.model import CodeItem
from mediator_app.services.cases import code_tables as svc
from mediator_app.services.organisation import lookups
from mediator_app.ui.case_form.widgets import EnumCombo, ErrorLabel, with_error
from mediator_app.ui.context import AppContext
from mediator_app.ui.errors import error_text
from mediator_app.ui.org.units import INACTIVE
from mediator_app.ui.qt_helpers import cell, layout_of

COL_CODE, COL_LABEL, COL_GROUP, COL_ORDER, COL_ACTIVE, COL_VERSION, COL_CASES = range(7)
CODE_ROLE = Qt.ItemDataRole.UserRole


Texts = list[tuple[str, str]]  # (field, sentence); field "" = not about one field


def error_texts(exc: BaseException, lang: str, labels: dict[str, str] | None = None) -> Texts:
    """A domain error's problems as sentences (fields named as on the form); any other
    error in the user's words (ui/errors.py)."""
    if not isinstance(exc, DomainError):
        return [("", error_text(exc, lang, "save"))]
    labels = labels or {}
    return [(p.field, message(p, lang, label=labels.get(p.field))) for p in exc.problems]


class CodeItemForm(QDialog):
    """Adds an entry (``item`` None) or edits one; problems appear under their fields."""

    saved = Signal(object)  # services.cases.code_tables.CodeChanges

    def __init__(self, ctx: AppContext, kind: str, item: CodeItem | None, *,
                 next_order: int = 0, cases: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.kind, self.item = ctx, kind, item
        self.setWindowTitle(self.tr("Edit entry") if item else self.tr("New entry"))
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.code = self._add("code", self.tr("Code"), QLineEdit())
        self.code.setMaxLength(svc.MAX_CODE_LENGTH)
        self.code.setPlaceholderText(self.tr("letters and digits, at most 8"))
        self.label = self._add("label", self.tr("Name"), QLineEdit())
        self.group = EnumCombo(svc.SOURCE_GROUPS)
        if kind == "source":
            self._add("group_label", self.tr("Statistics group"), self.group)
        self.order = self._add("sort_order", self.tr("Order"), QSpinBox())
        self.order.setRange(0, svc.MAX_SORT_ORDER)
        self.hint = QLabel(self._hint(cases) if item else "")
        self.hint.setWordWrap(True)
        self.hint.setVisible(item is not None)
        layout.addWidget(self.hint)
        self.general = ErrorLabel()
        layout.addWidget(self.general)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        self._fill(item, next_order)
        self.setMinimumWidth(440)

    def _add(self, name: str, label: str, widget: Any) -> Any:
        box, error = with_error(widget)
        self.widgets[name], self.errors[name], self.labels[name] = widget, error, label
        self.form.addRow(label, box)
        return widget

    def _hint(self, cases: int) -> str:
        return self.tr("Renaming keeps the code: the {n} cases recorded with it will show "
                       "the new name, in lists and in statistics.").format(n=cases)

    def _fill(self, item: CodeItem | None, next_order: int) -> None:
        self.code.setText(item.code if item else "")
        self.code.setReadOnly(item is not None)  # the code is what cases keep
        self.label.setText(item.label if item else "")
        self.group.set_value(item.group_label if item else "")
        self.order.setValue(item.sort_order if item else next_order)
        (self.label if item else self.code).setFocus()

    def value(self) -> CodeItem:
        old = self.item
        return CodeItem(self.kind, self.code.text(), self.label.text(),
                        self.group.value() if self.kind == "source" else "",
                        self.order.value(), old.active if old else True,
                        old.version if old else 1)

    def submit(self) -> None:
        self.show_problems([])
        item, user, new = self.value(), self.ctx.user, self.item is None
        self.ctx.runner.op(lambda db: svc.save_code_item(db, item, user=user, new=new),
                            self._saved, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.show_problems(error_texts(exc, self.ctx.lang, self.labels))

    def _saved(self, changes: svc.CodeChanges) -> None:
        self.saved.emit(changes)
        self.accept()

    def show_problems(self, texts: Texts) -> None:
        """Each sentence under its field; the others under the form."""
        general = []
        for error in self.errors.values():
            error.clear_message()
        for field, text in texts:
            if field in self.errors:
                self.errors[field].show_message(text)
            else:
                general.append(text)
        self.general.show_message("\n".join(general))
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show wrapped messages whole (the width stays as the user left it)."""
        layout = layout_of(self)
        layout.activate()
        needed = (layout.heightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.sizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)


class CodeTablePanel(QWidget):
    """One code table: the entries, and Add / Edit / Deactivate / Delete."""

    changed = Signal()

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.form: CodeItemForm | None = None
        self._items: dict[str, CodeItem] = {}
        self._counts: dict[str, int] = {}
        layout = QVBoxLayout(self)
        self.table = self._make_table()
        layout.addWidget(self.table, 1)
        self.message = ErrorLabel()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        for button in (self.add_button, self.edit_button, self.active_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.reload()

    def _make_table(self) -> QTableWidget:
        headers = [self.tr("Code"), self.tr("Name"), self.tr("Statistics group"),
                   self.tr("Order"), self.tr("Active"), self.tr("Version"),
                   self.tr("Cases using it")]
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.horizontalHeader().setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        table.setColumnHidden(COL_GROUP, self.kind != "source")
        return table

    # ---- reading -------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        select = self.selected_code() if select is None else select
        db = self.ctx.read_db
        items = lookups.code_items(db, self.kind, include_inactive=True)
        self._items = {i.code: i for i in items}
        self._counts = lookups.code_use_counts(db, self.kind)
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            self._set_row(row, item)
        self._fit_columns()
        self.table.blockSignals(False)
        self.select(select)

    def _fit_columns(self) -> None:
        """Every column a little wider than its contents; the name takes the rest."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col in range(self.table.columnCount()):
            if col != COL_LABEL:
                self.table.setColumnWidth(col, self.table.columnWidth(col) + 16)
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)

    def _set_row(self, row: int, item: CodeItem) -> None:
        values = {COL_CODE: item.code, COL_LABEL: item.label, COL_GROUP: item.group_label,
                  COL_ORDER: str(item.sort_order),
                  COL_ACTIVE: self.tr("Yes") if item.active else self.tr("No (hidden)"),
                  COL_VERSION: str(item.version),
                  COL_CASES: str(self._counts.get(item.code, 0))}
        for col, text in values.items():
            cell = QTableWidgetItem(text)
            cell.setData(CODE_ROLE, item.code)
            if col in (COL_ORDER, COL_VERSION, COL_CASES):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            elif col == COL_ACTIVE:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if not item.active:
                cell.setForeground(INACTIVE)
            self.table.setItem(row, col, cell)

    def codes(self) -> list[str]:
        return [cell(self.table, r, COL_CODE).text() for r in range(self.table.rowCount())]

    def selected_code(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return str(cell(self.table, rows[0].row(), COL_CODE).data(CODE_ROLE)) if rows else ""

    def selected(self) -> CodeItem | None:
        return self._items.get(self.selected_code())

    def select(self, code: str) -> None:
        rows = [r for r, c in enumerate(self.codes()) if c == code]
        if rows:
            self.table.selectRow(rows[0])
        else:
            self.table.clearSelection()
        self._update_buttons()

    def _update_buttons(self) -> None:
        item, writable = self.selected(), not self.ctx.readonly
        self.add_button.setEnabled(writable)
        for button in (self.edit_button, self.active_button, self.delete_button):
            button.setEnabled(writable and item is not None)
        self.active_button.setText(self.tr("Reactivate") if item and not item.active
                                   else self.tr("Deactivate"))

    # ---- writing -------------------------------------------------------------------------
    def add(self) -> None:
        order = max((i.sort_order for i in self._items.values()), default=-1) + 1
        self._open_form(None, order)

    def edit(self) -> None:
        item = self.selected()
        if item is not None and not self.ctx.readonly:
            self._open_form(item, item.sort_order)

    def _open_form(self, item: CodeItem | None, order: int) -> None:
        self.message.clear_message()
        cases = self._counts.get(item.code, 0) if item else 0
        self.form = CodeItemForm(self.ctx, self.kind, item, next_order=order, cases=cases,
                                 parent=self)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.saved.connect(lambda ch: self._after_write(ch.code))
        self.form.open()

    def toggle_active(self) -> None:
        item = self.selected()
        if item is None:
            return
        kind, user = self.kind, self.ctx.user
        self._write(lambda db: svc.set_code_active(db, kind, item.code, not item.active,
                                                   user=user), item.code)

    def delete(self) -> None:
        item = self.selected()
        if item is None or not self.ctx.dialogs.confirm(
                self.tr("Delete entry"),
                self.tr("Delete {code} {label}?").format(code=item.code, label=item.label)):
            return
        kind, user = self.kind, self.ctx.user
        self._write(lambda db: svc.delete_code_item(db, kind, item.code, user=user), "")

    def _write(self, job: Callable[[Any], Any], select: str) -> None:
        self.message.clear_message()
        self.ctx.runner.op(job, lambda _ch: self._after_write(select), self._refused)

    def _refused(self, exc: BaseException) -> None:
        texts = error_texts(exc, self.ctx.lang)
        self.message.show_message("\n".join(text for _field, text in texts))

    def _after_write(self, select: str) -> None:
        self.reload(select)
        self.changed.emit()


class CodeTablesDialog(QDialog):
    """Dispute types and case sources, one tab each; ``changed`` after every write."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Code tables"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Cases keep the code of their entry. Renaming an entry keeps its code, so cases "
            "already recorded with it show the new name, in lists and in statistics. A "
            "deactivated entry is no longer offered for new cases; cases that use it keep "
            "it and still show its name. Only entries no case uses can be deleted."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tabs = QTabWidget()
        self.types = CodeTablePanel(ctx, "dispute_type")
        self.sources = CodeTablePanel(ctx, "source")
        self.tabs.addTab(self.types, self.tr("Dispute types"))
        self.tabs.addTab(self.sources, self.tr("Case sources"))
        self.classes = CodeTablePanel(ctx, "difficulty")  # 以案定补
        self.tabs.addTab(self.classes, self.tr("Difficulty classes"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for panel in self.panels():
            panel.changed.connect(self.changed)
        self.resize(800, 700)

    def panels(self) -> list[CodeTablePanel]:
        return [self.types, self.sources, self.classes]
