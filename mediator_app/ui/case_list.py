"""The case list: filter bar, search-as-you-type and the paged table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.case_filter import (
    DEFAULT_FOLLOWUP_DAYS,
    DEFAULT_OVERDUE_DAYS,
    CaseFilter,
    Scope,
    ViewCounts,
)
from mediator_app.domain.enums import CaseStatus
from mediator_app.services.cases import browse
from mediator_app.ui.case_model import COLUMNS, CaseTableModel
from mediator_app.ui.context import AppContext
from mediator_app.ui.flow_layout import FlowLayout
from mediator_app.ui.labels import status_label

SEARCH_DELAY_MS = 250
NO_DATE = QDate(1900, 1, 1)
# column widths in widths of one Chinese character (so larger text widens them)
COLUMN_WIDTHS = {"case_no": 13.5, "received_on": 6, "status": 5, "dispute_type": 8,
                 "source": 5.5, "committee": 11.5, "location": 8, "parties": 9,
                 "id_number": 10, "phone": 7, "accepted_on": 6, "closed_on": 6,
                 "summary": 20}
# values whose width is known in advance (translated labels may be longer than Chinese)
COLUMN_SAMPLES: dict[str, Callable[[], list[str]]] = {
    "status": lambda: [status_label(s.value) for s in CaseStatus],
    "received_on": lambda: ["0000-00-00"],
    "accepted_on": lambda: ["0000-00-00"],
    "closed_on": lambda: ["0000-00-00"],
}


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(" ")  # the minimum date shows as empty: no limit
    edit.setDate(NO_DATE)
    return edit


def _pair(*widgets: QWidget) -> QWidget:
    """A label and its field(s), kept together on one row of the filter flow."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w)
    return box


def _iso(edit: QDateEdit) -> str:
    return "" if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")


class FilterBar(QWidget):
    """Search box and filters; emits ``changed`` (search is debounced)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Case number, party, summary, dispute type, source, committee, grid or village"))  # noqa: E501
        self.search.setToolTip(self.tr("Finds the cases whose number, party names or summary contain the words typed, or whose dispute type, source, committee, grid, village/community or street is named by them. Several words: every word must match."))  # noqa: E501
        self.status = QComboBox()
        self.dispute_type = QComboBox()
        self.source = QComboBox()
        self.committee = QComboBox()
        self.date_from, self.date_to = _date_edit(), _date_edit()
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.overdue.setToolTip(self.tr(
            "In mediation longer than the overdue limit in Settings (30 days by default)"))
        self.followup = QCheckBox(self.tr("Follow-up due"))
        self.followup.setToolTip(self.tr(
            "Resolved, no follow-up visit since closing, follow-up deadline within 7 days "
            "or passed"))
        self.incomplete = QCheckBox(self.tr("File incomplete"))
        self.incomplete.setToolTip(self.tr(
            "Closed cases whose file lacks an item the completeness rules require"))
        self.clear = QPushButton(self.tr("Clear filters"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        """Search row on top; the filters below wrap onto further rows when the window
        is narrow or the text is large (no minimum width beyond the widest filter)."""
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Search:")))
        top.addWidget(self.search, 1)
        top.addWidget(self.overdue)
        top.addWidget(self.followup)
        top.addWidget(self.clear)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("中") * 8)
        self.flow = FlowLayout()
        for label, widgets in ((self.tr("Status:"), [self.status]),
                               (self.tr("Type:"), [self.dispute_type]),
                               (self.tr("Source:"), [self.source]),
                               (self.tr("Committee:"), [self.committee]),
                               (self.tr("Registered from:"),
                                [self.date_from, QLabel(self.tr("to:")), self.date_to])):
            self.flow.addWidget(_pair(QLabel(label), *widgets))
        self.flow.addWidget(self.incomplete)  # 以案定补: wraps with the filters
        for combo, chars in ((self.status, 5), (self.dispute_type, 8), (self.source, 6),
                             (self.committee, 12)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(top)
        outer.addLayout(self.flow)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._timer.timeout.connect(self.changed.emit)
        for combo in (self.status, self.dispute_type, self.source, self.committee):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        for box in (self.overdue, self.followup, self.incomplete):
            box.toggled.connect(lambda _b: self.changed.emit())
        self.clear.clicked.connect(self.reset)

    def set_choices(self, types: list[tuple[str, str]], sources: list[tuple[str, str]],
                    committees: list[tuple[str, str]]) -> None:
        self.blockSignals(True)
        self._fill(self.status, [(s.value, status_label(s.value)) for s in CaseStatus])
        self._fill(self.dispute_type, types)
        self._fill(self.source, sources)
        self._fill(self.committee, committees)
        self.blockSignals(False)

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), "")
        for code, label in items:
            combo.addItem(label, code)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        # the list opens wide enough for the longest name even when the box is narrow
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.blockSignals(False)

    def reset(self) -> None:
        widgets = (self.search, self.status, self.dispute_type, self.source, self.committee,
                   self.date_from, self.date_to, self.overdue, self.followup, self.incomplete)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        for combo in (self.status, self.dispute_type, self.source, self.committee):
            combo.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        self.overdue.setChecked(False)
        self.followup.setChecked(False)
        self.incomplete.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self._timer.stop()
        self.changed.emit()

    def flush(self) -> None:
        """Apply a pending search at once (Enter in the search box, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def apply_to(self, f: CaseFilter) -> CaseFilter:
        return replace(
            f, text=self.search.text().strip(), status=self.status.currentData() or "",
            dispute_type=self.dispute_type.currentData() or "",
            source=self.source.currentData() or "",
            committee=self.committee.currentData() or "",
            date_from=_iso(self.date_from), date_to=_iso(self.date_to),
            overdue=self.overdue.isChecked(), followup_due=self.followup.isChecked(),
            file_incomplete=self.incomplete.isChecked())


class CaseTable(QTableView):
    def __init__(self, model: CaseTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setVisible(False)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setSortIndicator(COLUMNS.index(next(c for c in COLUMNS
                                               if c.key == "received_on")),
                            Qt.SortOrder.DescendingOrder)
        hh.setSortIndicatorShown(True)
        hh.setSectionsClickable(True)
        hh.sectionClicked.connect(self._header_clicked)
        self._sorted = (hh.sortIndicatorSection(), hh.sortIndicatorOrder())

    def _header_clicked(self, section: int) -> None:
        hh = self.horizontalHeader()
        if COLUMNS[section].sort_key is None:
            hh.setSortIndicator(*self._sorted)  # not sortable: keep the previous order
            return
        self._sorted = (section, hh.sortIndicatorOrder())
        self.model().sort(section, hh.sortIndicatorOrder())

    def adjust_row_height(self) -> None:
        """Row height and column widths follow the font (the larger-text setting)."""
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        em = self.fontMetrics().horizontalAdvance("中")
        hh = self.horizontalHeader()
        for i, col in enumerate(COLUMNS):
            sample = COLUMN_SAMPLES.get(col.key)
            widest = max((self.fontMetrics().horizontalAdvance(t)
                          for t in (sample() if sample else [])), default=0)
            self.setColumnWidth(i, max(int(COLUMN_WIDTHS.get(col.key, 6) * em) + 12,
                                       hh.sectionSizeHint(i), widest + 16))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # larger text: taller rows
            self.adjust_row_height()


class CaseListView(QWidget):
    """Filters + table. ``set_scope`` follows the navigation tree."""

    openCase = Signal(int)
    countsReady = Signal(object)  # domain.case_filter.ViewCounts
    firstRowsShown = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.scope = Scope()
        self.rules: dict[str, int] = {"overdue_days": DEFAULT_OVERDUE_DAYS,
                                      "followup_days": DEFAULT_FOLLOWUP_DAYS}
        self.model = CaseTableModel(ctx, self)
        self.filters = FilterBar(self)
        self.table = CaseTable(self.model, self)
        self.table.adjust_row_height()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        self.filters.changed.connect(self.reload)
        self.filters.search.returnPressed.connect(self.filters.flush)
        self.table.activated.connect(self._activated)
        self.model.idsComplete.connect(self._count)
        self.model.firstRowsShown.connect(self.firstRowsShown.emit)
        self.load_choices()

    def load_choices(self) -> None:
        db = self.ctx.read_db
        committees = [(c[0], c[1]) for c in browse.committee_nodes(db)]
        self.filters.set_choices(browse.code_labels(db, "dispute_type"),
                                 browse.code_labels(db, "source"), committees)

    def set_rules(self, overdue_days: int, followup_days: int) -> None:
        self.rules = {"overdue_days": overdue_days, "followup_days": followup_days}

    def current_filter(self) -> CaseFilter:
        base = CaseFilter(scope=self.scope, overdue_days=self.rules["overdue_days"],
                          followup_days=self.rules["followup_days"])
        return self.filters.apply_to(base)

    def set_scope(self, scope: Scope) -> None:
        self.scope = scope
        self.reload()

    def reload(self) -> None:
        self.model.query(self.current_filter())

    def refresh(self) -> None:
        """F5: reload labels, choices and rows."""
        self.model.refresh_lookups()
        self.load_choices()
        self.reload()

    def _count(self, _total: int) -> None:
        f, gen = self.model.filter, self.model.generation
        self.ctx.runner.run(
            lambda db: browse.view_counts(db, f) if self.model.is_current(gen) else None,
            lambda counts: self._counted(gen, counts))

    def _counted(self, gen: int, counts: ViewCounts | None) -> None:
        if counts is not None and self.model.is_current(gen):
            self.countsReady.emit(counts)

    def _activated(self, index: Any) -> None:
        case_id = self.model.case_id_at(index.row())
        if case_id is not None:
            self.openCase.emit(case_id)

    def selected_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id_at(index.row()) if index.isValid() else None
