"""The case table: an ordered id list from SQL and rows loaded by page.

The id list comes from the DB worker (first a short prefix so the first rows show at
once, then the full list). Visible rows are fetched by primary key on the UI thread
through ``ctx.read_db`` in pages of ``PAGE_SIZE`` kept in a bounded LRU cache. Sorting
re-runs the query in SQL (``sort()`` is overridden; keys from a whitelist).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from mediator_app.domain.access import AccessDenied
from mediator_app.domain.case_filter import DEFAULT_SORT, CaseFilter, CaseRow, is_overdue
from mediator_app.services.cases import browse
from mediator_app.services.cases.browse import Lookups
from mediator_app.services.ledger import SQLITE_ERRORS
from mediator_app.ui.context import AppContext
from mediator_app.ui.labels import status_label

PAGE_SIZE = 200
MAX_PAGES = 40
FIRST_IDS = 400  # ids fetched before the full list, so the first rows show quickly
SUMMARY_CHARS = 60
Index = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# a page that cannot be read (a damaged file, no right to view): said once per query
_PAGE_ERRORS: tuple[type[Exception], ...] = (*SQLITE_ERRORS, AccessDenied)


class Column(NamedTuple):
    key: str
    sort_key: str | None


COLUMNS: tuple[Column, ...] = (
    Column("case_no", "case_no"),
    Column("received_on", "received_on"),
    Column("status", "status"),
    Column("dispute_type", "dispute_type"),
    Column("source", "source"),
    Column("committee", "committee"),
    Column("location", "location"),
    Column("parties", "parties"),
    Column("id_number", None),
    Column("phone", None),
    Column("accepted_on", "accepted_on"),
    Column("closed_on", "closed_on"),
    Column("summary", None),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def display_values(row: CaseRow, lk: Lookups) -> list[str]:
    """The text of each column (the row comes masked from ``services.cases.browse``)."""
    summary = row.summary.replace("\n", " ")
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS] + "…"
    return [
        row.case_no, row.received_on, status_label(row.status),
        lk.types.get(row.dispute_type, row.dispute_type),
        lk.sources.get(row.source, row.source),
        lk.committees.get(row.committee_code, row.committee_code),
        lk.units.get(row.org_code, row.org_code),
        row.party_names, row.id_number, row.phone,
        row.accepted_on or "", row.closed_on or "", summary,
    ]


def header_labels() -> list[str]:
    return [
        QCoreApplication.translate("CaseTableModel", "Case number"),
        QCoreApplication.translate("CaseTableModel", "Registered on"),
        QCoreApplication.translate("CaseTableModel", "Status"),
        QCoreApplication.translate("CaseTableModel", "Dispute type"),
        QCoreApplication.translate("CaseTableModel", "Source"),
        QCoreApplication.translate("CaseTableModel", "Committee"),
        QCoreApplication.translate("CaseTableModel", "Location"),
        QCoreApplication.translate("CaseTableModel", "Parties"),
        QCoreApplication.translate("CaseTableModel", "ID number (masked)"),
        QCoreApplication.translate("CaseTableModel", "Phone (masked)"),
        QCoreApplication.translate("CaseTableModel", "Accepted on"),
        QCoreApplication.translate("CaseTableModel", "Closed on"),
        QCoreApplication.translate("CaseTableModel", "Summary"),
    ]


Entry = tuple[CaseRow, list[str]]


class CaseTableModel(QAbstractTableModel):
    """Rows of the current view; ``query(filter)`` reloads, ``sort()`` re-queries."""

    firstRowsShown = Signal(int)  # rows known so far
    idsComplete = Signal(int)  # total rows in view
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = CaseFilter()
        self.sort_key = DEFAULT_SORT
        self.descending = True
        self.complete = True
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[Entry | None]] = OrderedDict()
        self._generation = 0
        self._page_error_generation = -1  # the query whose page fetch failed (said once)
        self._headers = header_labels()
        self.lookups = browse.lookups(ctx.read_db)
        self.page_fetches = 0

    # ---- Qt model interface -----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        entry = self._entry(index.row())
        if entry is None:
            return None
        row, texts = entry
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary if COLUMNS[index.column()].key == "summary" else None
        return texts[index.column()]

    def _foreground(self, row: CaseRow, column: int) -> QBrush | None:
        if COLUMNS[column].key != "status":
            return None
        overdue = is_overdue(row.status, row.accepted_on, self.filter.today_date(),
                             self.filter.overdue_days)
        return QBrush(QColor("#b00020")) if overdue else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        self.sort_key = COLUMNS[column].sort_key or DEFAULT_SORT
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # ---- rows by page -----------------------------------------------------------
    def _entry(self, row: int) -> Entry | None:
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * PAGE_SIZE]

    def _load_page(self, page_no: int) -> list[Entry | None]:
        ids = self._ids[page_no * PAGE_SIZE:(page_no + 1) * PAGE_SIZE]
        try:
            found = browse.fetch_rows(self.ctx.read_db, ids)
        except _PAGE_ERRORS as exc:  # e.g. a damaged file: one message
            found = {}
            if self._page_error_generation != self._generation:
                self._page_error_generation = self._generation
                self.failed.emit(self.ctx.error_reason(exc, "query"))
        rows = [found.get(i) for i in ids]
        page = [(r, display_values(r, self.lookups)) if r else None for r in rows]
        self._pages[page_no] = page
        self.page_fetches += 1
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def case_id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def ids(self) -> list[int]:
        return list(self._ids)

    def cached_pages(self) -> int:
        return len(self._pages)

    # ---- loading the id list ----------------------------------------------------
    def query(self, f: CaseFilter) -> None:
        self.filter = f
        self.reload()

    def refresh_lookups(self) -> None:
        self.lookups = browse.lookups(self.ctx.read_db)
        self._pages.clear()

    def reload(self) -> None:
        """Fetch the first ids, show them, then fetch the full list."""
        self._generation += 1
        gen = self._generation
        f, key, desc = replace(self.filter), self.sort_key, self.descending
        self.complete = False
        self.ctx.runner.run(
            lambda db: browse.case_ids(db, f, sort=key, descending=desc, limit=FIRST_IDS),
            lambda ids: self._first_ids(gen, ids, f, key, desc), self._error)

    def _error(self, exc: BaseException) -> None:
        self.failed.emit(self.ctx.error_reason(exc, "query"))

    def _first_ids(self, gen: int, ids: list[int], f: CaseFilter, key: str,
                   desc: bool) -> None:
        if gen != self._generation:
            return
        self._reset(ids)
        self.firstRowsShown.emit(len(ids))
        if len(ids) < FIRST_IDS:
            self._finish(len(ids))
            return
        self.ctx.runner.run(
            lambda db: browse.case_ids(db, f, sort=key, descending=desc) if self.is_current(gen)
            else None,  # a newer query is already queued: skip this one
            lambda full: self._all_ids(gen, full), self._error)

    def is_current(self, gen: int) -> bool:
        """Whether ``gen`` is still the latest query (read from the worker too)."""
        return gen == self._generation

    @property
    def generation(self) -> int:
        return self._generation

    def _all_ids(self, gen: int, full: list[int] | None) -> None:
        if gen != self._generation or full is None:
            return
        known = len(self._ids)
        if full[:known] != self._ids:
            self._reset(full)
        elif len(full) > known:
            self.beginInsertRows(QModelIndex(), known, len(full) - 1)
            self._ids = full
            self.endInsertRows()
        self._finish(len(full))

    def _finish(self, total: int) -> None:
        self.complete = True
        self.idsComplete.emit(total)

    def _reset(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def invalidate_rows(self) -> None:
        """Drop cached pages (after edits) and repaint."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))
