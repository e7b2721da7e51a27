"""Read-only tables of the import wizard: per-file counts, the change in totals, the
problems (file, line, column, field, message) and the conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from mediator_app.domain.messages import field_label
from mediator_app.services.csv_io import CsvProblem, format_problem, render
from mediator_app.services.exchange.import_types import Conflict
from mediator_app.services.exchange.outcome import (
    COUNT_KEYS,
    Outcome,
    count_of,
    short_name,
    total_keys,
)
from mediator_app.ui.qt_helpers import header_cell

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ERROR_COLOR, WARN_COLOR = "#c62828", "#b26a00"
COL_CONFLICTS, COL_ERRORS = 6, 7  # in CountsTable


def item(value: Any, tip: str = "", number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if value is None else str(value))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tip:
        item.setToolTip(tip)
    if number:
        item.setTextAlignment(_RIGHT)
    return item


class Table(QTableWidget):
    """A compact, read-only, selectable table sized to its contents."""

    def __init__(self, headers: Sequence[str], stretch: int | Sequence[int],
                 parent: QWidget | None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(48)
        for column in [stretch] if isinstance(stretch, int) else stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Sequence[QTableWidgetItem]]) -> None:
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for r, items in enumerate(rows):
            for c, item in enumerate(items):
                self.setItem(r, c, item)

    def texts(self) -> list[list[str]]:
        """Cell texts by row (for tests and copying)."""
        return [[cell.text() if (cell := self.item(r, c)) is not None else ""
                 for c in range(self.columnCount())] for r in range(self.rowCount())]


class CountsTable(Table):
    """One row per file plus a total row: new / updated / unchanged / stale / conflicts /
    errors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([self.tr("File"), self.tr("Rows"), self.tr("New"), self.tr("Updated"),
                          self.tr("Unchanged"), self.tr("Stale (older)"),
                          self.tr("Conflicts"), self.tr("Errors")], range(1, 8), parent)
        self.horizontalHeader().setMinimumSectionSize(72)
        header_cell(self, 5).setToolTip(self.tr(
            "Rows older than the case already in this ledger; they are left alone."))

    def show_outcome(self, outcome: Outcome) -> None:
        rows = [self._row(short_name(f.file), f.file,
                          [f.rows] + [count_of(f, k) for k in COUNT_KEYS])
                for f in outcome.files]
        if len(outcome.files) > 1:
            totals = [outcome.total("rows")] + [outcome.total(k) for k in COUNT_KEYS]
            rows.append(self._row(self.tr("Total"), "", totals, bold=True))
        self.set_rows(rows)

    def _row(self, name: str, tip: str, values: list[int],
             bold: bool = False) -> list[QTableWidgetItem]:
        items = [item(name, tip)] + [item(v, number=True) for v in values]
        for cell in items:
            font = cell.font()
            font.setBold(bold)
            cell.setFont(font)
        for column, color in ((COL_CONFLICTS, WARN_COLOR), (COL_ERRORS, ERROR_COLOR)):
            if values[column - 1]:
                items[column].setForeground(QBrush(QColor(color)))
        return items


class TotalLabels(QObject):
    """Names of the ledger totals an import reports."""

    def label(self, key: str, lang: str = "zh") -> str:
        labels = {
            "cases": self.tr("Cases (deleted ones included)"),
            "live": self.tr("Cases (not deleted)"),
            "resolved": self.tr("Resolved"),
            "amount_fen": self.tr("Amount involved (yuan)"),
            "amount_yuan": self.tr("Amount involved (yuan)"),
        }
        return labels.get(key, field_label(key, lang))


class TotalsTable(Table):
    """The ledger's totals before and after the import, and the change."""

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__([self.tr("Figure"), self.tr("Before"), self.tr("After"),
                          self.tr("Change")], (1, 2, 3), parent)
        self.lang = lang

    def label(self, key: str) -> str:
        return TotalLabels().label(key, self.lang)

    def show_outcome(self, outcome: Outcome) -> None:
        rows = []
        for key in total_keys(outcome):
            before, after = outcome.totals_before.get(key), outcome.totals_after.get(key)
            rows.append([item(self.label(key)), item(_value(key, before), number=True),
                         item(_value(key, after), number=True),
                         item(_change(key, before, after), number=True)])
        self.set_rows(rows)


def _value(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "amount_fen" and isinstance(value, int):
        return f"{value / 100:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _change(key: str, before: Any, after: Any) -> str:
    if not isinstance(before, (int, float)) or not isinstance(after, (int, float)):
        return ""
    delta = after - before
    if key == "amount_fen":
        return f"{delta / 100:+,.2f}" if delta else "0"
    return f"{delta:+,}" if delta else "0"


class ProblemsTable(Table):
    """Problems with their place: file, line (header = 1), column, field, message."""

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__([self.tr("File"), self.tr("Line"), self.tr("Column"), self.tr("Field"),
                          self.tr("Problem")], 4, parent)
        self.lang = lang

    def show_problems(self, problems: Sequence[CsvProblem]) -> None:
        rows = []
        for p in problems:
            tip = format_problem(p, self.lang)
            field = f"{p.field}（{field_label(p.field, self.lang)}）" if p.field else ""
            if p.field and field_label(p.field, self.lang) == p.field:
                field = p.field
            rows.append([item(short_name(p.file), tip), item(p.line, tip, True),
                         item(p.column, tip, True), item(field, tip),
                         item(render(p.problem, self.lang), tip)])
        self.set_rows(rows)

    def lines(self, problems: Sequence[CsvProblem]) -> list[str]:
        return [format_problem(p, self.lang) for p in problems]


class ConflictsTable(Table):
    """Cases changed on both sides: file, line, case number, the fields that differ."""

    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__([self.tr("File"), self.tr("Line"), self.tr("Case no."),
                          self.tr("Differing fields")], 3, parent)
        self.lang = lang

    def show_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        rows = []
        for c in conflicts:
            names = list(c.fields)
            sep = ", " if self.lang.startswith("en") else "、"
            text = sep.join(field_label(n, self.lang) for n in names)
            rows.append([item(short_name(c.file)), item(c.line, c.case_id, True),
                         item(c.case_no or c.case_id, c.case_id),
                         item(text, ", ".join(names))])
        self.set_rows(rows)
