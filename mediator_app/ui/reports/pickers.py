"""Choosing the period (month / quarter / year / custom range) and the scope (an org unit
in tree order or a committee, with type-ahead)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from mediator_app.domain.org_tree import tree_order
from mediator_app.domain.periods import (
    Period,
    month_period,
    quarter_period,
    range_period,
    year_period,
)
from mediator_app.services.cases import browse
from mediator_app.ui.case_form.widgets import SearchCombo
from mediator_app.ui.context import AppContext
from mediator_app.ui.labels import level_label

KINDS = ("month", "quarter", "year", "range")


def last_month(today: date) -> Period:
    previous = today.replace(day=1) - timedelta(days=1)
    return month_period(previous.year, previous.month)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(self)
        for key, text in zip(KINDS, (self.tr("Month"), self.tr("Quarter"), self.tr("Year"),
                                     self.tr("Custom range")), strict=True):
            self.kind.addItem(text, key)
        self.year = QSpinBox(self)
        self.year.setRange(2000, today.year + 1)
        self.year.setSuffix(self.tr(" (year)"))
        self.part = QComboBox(self)
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        self.dash = QLabel("—", self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        for w in (self.kind, self.year, self.part, self.start, self.dash, self.end):
            layout.addWidget(w)
        self._quiet = False
        self._current = last_month(today)
        self.set_period(self._current)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.part.currentIndexChanged,
                       self.start.dateChanged, self.end.dateChanged):
            signal.connect(self._emit)

    def _fill_parts(self, kind: str) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        if kind == "month":
            for m in range(1, 13):
                self.part.addItem(self.tr("{n} (month)").format(n=m), m)
        elif kind == "quarter":
            for q in range(1, 5):
                self.part.addItem(self.tr("Q{n}").format(n=q), q)
        self.part.blockSignals(False)

    def _show_for(self, kind: str) -> None:
        ranged = kind == "range"
        self.year.setVisible(not ranged)
        self.part.setVisible(kind in ("month", "quarter"))
        for w in (self.start, self.dash, self.end):
            w.setVisible(ranged)

    def _kind_changed(self) -> None:
        current = self._current  # the period before the kind changed
        kind = self.kind.currentData()
        self._quiet = True
        self._fill_parts(kind)
        self.part.setCurrentIndex(0 if kind != "month" else current.start.month - 1)
        if kind == "quarter":
            self.part.setCurrentIndex((current.start.month - 1) // 3)
        self.start.setDate(_qdate(current.start))
        self.end.setDate(_qdate(current.end))
        self._show_for(kind)
        self._quiet = False
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self._current = self.period()
            self.changed.emit()

    def period(self) -> Period:
        kind = self.kind.currentData()
        year = self.year.value()
        if kind == "month":
            return month_period(year, int(self.part.currentData() or 1))
        if kind == "quarter":
            return quarter_period(year, int(self.part.currentData() or 1))
        if kind == "year":
            return year_period(year)
        first, last = _pydate(self.start.date()), _pydate(self.end.date())
        return range_period(min(first, last), max(first, last))

    def set_period(self, period: Period) -> None:
        self._quiet = True
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        self.kind.blockSignals(False)
        self._fill_parts(period.kind)
        self.year.setValue(period.start.year)
        if period.kind == "month":
            self.part.setCurrentIndex(period.start.month - 1)
        elif period.kind == "quarter":
            self.part.setCurrentIndex((period.start.month - 1) // 3)
        self.start.setDate(_qdate(period.start))
        self.end.setDate(_qdate(period.end))
        self._show_for(period.kind)
        self._quiet = False
        self._emit()


def unit_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """(code, "name · level") of the active org units in tree order."""
    return [(code, f"{name} · {level_label(level)}")
            for (code, name, level, _p), _parent in tree_order(browse.org_nodes(ctx.read_db))]


def scope_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """``unit_choices``, then the active committees as (code, "name · kind")."""
    committees = browse.committee_nodes(ctx.read_db)
    return unit_choices(ctx) + [(code, f"{name} · {kind}")
                                for code, name, kind, _org in committees]


class ScopePicker(SearchCombo):
    """Type any part of a code or name; ``scope()`` is the chosen code or ""."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(30)
        self.set_choices(scope_choices(ctx), keep=False)

    def scope(self) -> str:
        return self.current_key()
