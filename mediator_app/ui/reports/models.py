"""Small, fully loaded table models of the reports window: the sheet's tables (rows =
child units, 直属, 合计; numbered columns with units) and the month-by-month table.
Each data cell can carry the ``DrillTarget`` of the cases behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from mediator_app.reports.tables import ROW_DIRECT, ROW_TOTAL, ROW_UNIT, Column
from mediator_app.services.statistics.bundle import (
    MAIN_KEYS,
    MONTH_KEYS,
    Bundle,
    DrillTarget,
    RowScope,
    is_committee,
    row_scopes,
    table_keys,
)
from mediator_app.services.statistics.report import SheetCounts

DRILL_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_COLUMNS = 2  # 序号, 单位名称
_TOTAL_BG = QColor("#e8e8e8")
_DIRECT_BG = QColor("#f5f5f5")
Index = QModelIndex | QPersistentModelIndex


def header_text(column: Column) -> str:
    return "\n".join(part for part in (column.number, column.label, column.unit) if part)


@dataclass
class TableData:
    headers: list[str]
    rows: list[list[str]]
    kinds: list[str]
    targets: list[list[DrillTarget | None]] = field(default_factory=list)


class FigureTableModel(QAbstractTableModel):
    def __init__(self, data: TableData, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = data

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.rows[row][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignLeft if col == 1 else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.table.kinds[row] == ROW_TOTAL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            kind = self.table.kinds[row]
            if kind in (ROW_TOTAL, ROW_DIRECT):
                return QBrush(_TOTAL_BG if kind == ROW_TOTAL else _DIRECT_BG)
        if role == DRILL_ROLE:
            return self.target(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and self.target(row, col) is not None:
            return self.tr("Double-click to list the cases behind this figure")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.table.headers[section]
        return None

    def target(self, row: int, col: int) -> DrillTarget | None:
        if not self.table.targets or not 0 <= row < len(self.table.targets):
            return None
        line = self.table.targets[row]
        return line[col] if 0 <= col < len(line) else None

    def cell(self, row: int, col: int) -> str:
        return self.table.rows[row][col]


# ---- building the tables -----------------------------------------------------------------

def _targets(bundle: Bundle, keys: list[str], scopes: list[RowScope],
             labels: list[str]) -> list[list[DrillTarget | None]]:
    r = bundle.report
    out: list[list[DrillTarget | None]] = []
    for scope in scopes:
        line: list[DrillTarget | None] = [None] * LABEL_COLUMNS
        line += [DrillTarget(scope.kind, scope.code, scope.label, r.period.start, r.period.end,
                             r.as_of, key, labels[LABEL_COLUMNS + i])
                 for i, key in enumerate(keys)]
        out.append(line)
    return out


def sheet_tables(bundle: Bundle, drillable: bool = True) -> list[TableData]:
    """The sheet's three tables (main figures, types, sources and prevention)."""
    scopes = row_scopes(bundle.report, bundle.sheet)
    out = []
    for table, keys in zip(bundle.sheet.tables, table_keys(bundle.report), strict=True):
        headers = [header_text(c) for c in table.columns]
        data = TableData(headers, [list(r) for r in table.rows], list(table.kinds))
        if drillable and len(keys) == len(table.columns) - LABEL_COLUMNS:  # else: no drill
            data.targets = _targets(bundle, keys, scopes, [c.label for c in table.columns])
        out.append(data)
    return out


def month_cells(fig: SheetCounts) -> list[str]:
    rate = fig.rate_text.rstrip("%") + f"\n{fig.rate_numerator}/{fig.rate_denominator}"
    values = {"rate": rate} | {k: str(getattr(fig, k)) for k in MONTH_KEYS if k != "rate"}
    return [values[k] for k in MONTH_KEYS]


def months_table(bundle: Bundle, month_header: str, drillable: bool = True) -> TableData:
    """One row per month of the period (clipped to the as-of date), then the total."""
    r = bundle.report
    main = bundle.sheet.tables[0]
    headers = [main.columns[0].label, month_header]
    columns = main.columns[LABEL_COLUMNS:LABEL_COLUMNS + len(MONTH_KEYS)]
    headers += [header_text(c) for c in columns]
    kind = "committee" if is_committee(r) else "org"
    rows, kinds, targets = [], [], []
    lines = [(str(i), m.label, m.start, m.end, f, ROW_UNIT)
             for i, (m, f) in enumerate(bundle.months, start=1)]
    lines.append(("", main.rows[-1][1], r.period.start, r.period.end, r.totals, ROW_TOTAL))
    keys = [("resolved" if k == "rate" else k) for k in MONTH_KEYS]
    assert keys == list(MAIN_KEYS[:len(keys)])
    for no, label, first, last, fig, row_kind in lines:
        rows.append([no, label, *month_cells(fig)])
        kinds.append(row_kind)
        targets.append([None, None, *(DrillTarget(kind, r.scope.code, f"{r.scope.name} {label}",
                                                  first, last, r.as_of, key, columns[i].label)
                                      for i, key in enumerate(keys))])
    return TableData(headers, rows, kinds, targets if drillable else [])
