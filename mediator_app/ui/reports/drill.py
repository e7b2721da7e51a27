"""The cases behind one figure of the sheet: case no, dates, committee, type, status.
Double-clicking a case opens it in the case form (when that window exists)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from mediator_app.services.organisation import lookups
from mediator_app.services.organisation.lookups import CaseLine
from mediator_app.services.statistics.bundle import NOT_COUNTS, DrillTarget
from mediator_app.ui.context import AppContext
from mediator_app.ui.labels import status_label

MAX_LINES = 5000
ROWID_ROLE = Qt.ItemDataRole.UserRole + 1


def load_lines(db: Any, target: DrillTarget) -> tuple[int, list[CaseLine]]:
    """(how many cases, the first ``MAX_LINES`` of them) — runs on the worker."""
    return lookups.cases_behind(db, target.scope_kind, target.scope_code, target.first,
                                target.last, target.as_of, target.figure, limit=MAX_LINES)


def open_case_form(ctx: AppContext, rowid: int, parent: QWidget | None) -> QWidget | None:
    """Open the case form on ``rowid`` if the case form window is available."""
    try:
        # lazy: the case form loads when a case is first opened from a report
        from mediator_app.ui.case_form import CaseFormWindow
    except ImportError:
        return None
    form = CaseFormWindow(ctx, rowid)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form.show()
    return form


class DrillDialog(QDialog):
    def __init__(self, ctx: AppContext, target: DrillTarget, total: int,
                 lines: list[CaseLine], parent: QWidget | None = None,
                 opener: Callable[[int], Any] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.target, self.total, self.lines = ctx, target, total, lines
        self.opener = opener or (lambda rowid: open_case_form(ctx, rowid, self))
        self.opened: list[Any] = []
        self.setWindowTitle(self.tr("Cases behind the figure"))
        self.resize(1080, 560)
        layout = QVBoxLayout(self)
        self.caption = QLabel(self._caption())
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.model = self._model()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # registration date
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.resizeColumnsToContents()
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _caption(self) -> str:
        t = self.target
        text = self.tr("{row} · {figure} · {first} – {last}: {n} cases").format(
            row=t.row_label, figure=t.column_label, first=t.first.isoformat(),
            last=min(t.last, t.as_of).isoformat(), n=self.total)
        if t.figure.partition(":")[0] in NOT_COUNTS:
            text += "\n" + self.tr("This figure is a sum: the cases with a value are listed.")
        if len(self.lines) < self.total:
            text += "\n" + self.tr("Showing the first {shown} of {total}.").format(
                shown=len(self.lines), total=self.total)
        return text

    def headers(self) -> list[str]:
        return [self.tr("Case no."), self.tr("Registered on"), self.tr("Committee"),
                self.tr("Dispute type"), self.tr("Status on {day}").format(
                    day=self.target.as_of.isoformat()),
                self.tr("Status now"), self.tr("Accepted on"), self.tr("Closed on")]

    def _model(self) -> QStandardItemModel:
        model = QStandardItemModel(0, 8, self)
        model.setHorizontalHeaderLabels(self.headers())
        for line in self.lines:
            values = [line.case_no or f"#{line.rowid}", line.received_on, line.committee_name,
                      line.dispute_type, status_label(line.status_as_of),
                      status_label(line.status),
                      line.accepted_on or "", line.closed_on or ""]
            items = [QStandardItem(v) for v in values]
            for item in items:
                item.setData(line.rowid, ROWID_ROLE)
            model.appendRow(items)
        return model

    def case_numbers(self) -> list[str]:
        return [self.model.item(r, 0).text() for r in range(self.model.rowCount())]

    def rowid_at(self, view_row: int) -> int:
        return int(self.proxy.index(view_row, 0).data(ROWID_ROLE))

    def open_row(self, view_row: int) -> None:
        opened = self.opener(self.rowid_at(view_row))
        if opened is not None:
            self.opened.append(opened)
