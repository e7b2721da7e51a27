"""Editing a list of records (parties, investigations, sessions, follow-ups): a table
of the records above a detail form for the selected one. Values are plain texts
(see ``state.py``); edits are written through to the selected record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediator_app.ui.case_form.widgets import DateEdit, EnumCombo, ErrorLabel, TextEdit, with_error

Record = dict[str, Any]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # translated by the caller
    kind: str = "text"  # text | multiline | date | datetime | enum | choice (typed or picked)
    values: tuple[str, ...] = ()
    column: bool = True  # shown as a column of the table


class RecordEditor(QWidget):
    changed = Signal()

    def __init__(self, fields: list[FieldSpec], add_text: str, remove_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self._records: list[Record] = []
        self._problems: dict[tuple[int, str], str] = {}
        self._loading = False
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._columns = [f for f in fields if f.column]
        self._build(add_text, remove_text)
        self._select(-1)

    # ---- building -----------------------------------------------------------------------
    def _build(self, add_text: str, remove_text: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self._columns), self)
        self.table.setHorizontalHeaderLabels([f.label for f in self._columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setMaximumHeight(150)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text, self)
        self.add_button.setAutoDefault(True)  # Enter adds, as Space does (keyboard-first)
        self.remove_button = QPushButton(remove_text, self)
        self.add_button.clicked.connect(self.add_record)
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.detail = QWidget(self)
        self.form = QFormLayout(self.detail)
        self.form.setContentsMargins(0, 4, 0, 0)
        for spec in self.fields:
            widget = self._make_widget(spec)
            box, error = with_error(widget)
            self.widgets[spec.name] = widget
            self.errors[spec.name] = error
            self.form.addRow(spec.label, box)
        layout.addWidget(self.detail, 1)

    def _make_widget(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "enum":
            w: QWidget = EnumCombo(spec.values, allow_empty=True)
            w.currentIndexChanged.connect(lambda _i, n=spec.name: self._edited(n))
            return w
        if spec.kind == "choice":
            w = QComboBox()
            w.setEditable(True)
            w.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            w.currentTextChanged.connect(lambda _t, n=spec.name: self._edited(n))
            return w
        if spec.kind == "multiline":
            w = TextEdit(lines=3)
            w.textChanged.connect(lambda n=spec.name: self._edited(n))
            return w
        w = DateEdit(with_time=spec.kind == "datetime") if spec.kind in ("date", "datetime") \
            else _line_edit()
        w.textChanged.connect(lambda _t, n=spec.name: self._edited(n))
        return w

    # ---- values ---------------------------------------------------------------------------
    def value_of(self, name: str) -> str:
        w = self.widgets[name]
        if isinstance(w, EnumCombo):
            return w.value()
        if isinstance(w, QComboBox):
            return w.currentText().strip()
        return w.text()  # type: ignore[attr-defined,no-any-return]

    def set_value(self, name: str, value: str) -> None:
        w = self.widgets[name]
        if isinstance(w, EnumCombo):
            w.set_value(value)
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(-1)
            w.setEditText(value)
        else:
            w.setText(value)  # type: ignore[attr-defined]

    def records(self) -> list[Record]:
        return [{f.name: r.get(f.name, "") for f in self.fields} for r in self._records]

    def set_records(self, records: list[Record]) -> None:
        self._records = [{f.name: str(r.get(f.name, "") or "") for f in self.fields}
                         for r in records]
        self._problems.clear()
        self.table.setRowCount(0)
        for index in range(len(self._records)):
            self.table.insertRow(index)
            self._refresh_row(index)
        self._select(0 if self._records else -1)

    def new_record(self) -> Record:
        return {f.name: (f.values[0] if f.kind == "enum" and f.values else "")
                for f in self.fields}

    def set_choices(self, name: str, values: list[str]) -> None:
        """The values offered by a "choice" field (the typed text is kept)."""
        w = self.widgets[name]
        assert isinstance(w, QComboBox) and not isinstance(w, EnumCombo)
        loading, self._loading = self._loading, True
        try:
            text = w.currentText()
            w.clear()
            w.addItems(values)
            w.setCurrentIndex(-1)
            w.setEditText(text)
        finally:
            self._loading = loading

    def current_index(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # ---- actions --------------------------------------------------------------------------
    def add_record(self) -> None:
        self._records.append(self.new_record())
        index = len(self._records) - 1
        self.table.insertRow(index)
        self._refresh_row(index)
        self._select(index)
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def remove_current(self) -> None:
        index = self.current_index()
        if index < 0:
            return
        del self._records[index]
        self._problems = {(i if i < index else i - 1, n): t
                          for (i, n), t in self._problems.items() if i != index}
        self.table.removeRow(index)
        self._select(min(index, len(self._records) - 1))
        self.changed.emit()

    def first_field(self) -> QWidget:
        return self.widgets[self.fields[0].name]

    def focus_chain(self) -> list[QWidget]:
        return [self.add_button, *self.widgets.values()]

    # ---- problems -------------------------------------------------------------------------
    def show_problem(self, index: int, name: str, text: str) -> QWidget | None:
        """Keep ``text`` for the field ``name`` of record ``index`` and show it."""
        if name not in self.widgets or not 0 <= index < len(self._records):
            return None
        self._problems[(index, name)] = text
        self._select(index)
        return self.widgets[name]

    def clear_problems(self) -> None:
        self._problems.clear()
        for error in self.errors.values():
            error.clear_message()

    # ---- internals ------------------------------------------------------------------------
    def _select(self, index: int) -> None:
        if index >= 0:
            self.table.selectRow(index)
        else:
            self.table.clearSelection()
        self._load(index)

    def _selection_changed(self) -> None:
        self._load(self.current_index())

    def _load(self, index: int) -> None:
        self._loading = True
        try:
            record = self._records[index] if index >= 0 else {}
            for spec in self.fields:
                self.set_value(spec.name, record.get(spec.name, ""))
                self.errors[spec.name].show_message(self._problems.get((index, spec.name), ""))
            self.detail.setEnabled(index >= 0)
            self.remove_button.setEnabled(index >= 0)
        finally:
            self._loading = False

    def _edited(self, name: str) -> None:
        if self._loading:
            return
        index = self.current_index()
        if index < 0:
            return
        self._records[index][name] = self.value_of(name)
        if self._problems.pop((index, name), None) is not None:
            self.errors[name].clear_message()
        self.field_edited(index, name)
        self._refresh_row(index)
        self.changed.emit()

    def field_edited(self, index: int, name: str) -> None:
        """Hook for subclasses (e.g. checking an ID number as it is typed)."""

    def _refresh_row(self, index: int) -> None:
        record = self._records[index]
        for col, spec in enumerate(self._columns):
            text = record.get(spec.name, "").replace("\n", " ")
            item = self.table.item(index, col)
            if item is None:
                self.table.setItem(index, col, QTableWidgetItem(text))
            elif item.text() != text:
                item.setText(text)


def _line_edit() -> QWidget:
    return QLineEdit()
