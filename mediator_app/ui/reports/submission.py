"""The 审核上报 tab: review / submit the month, the current submission, a banner listing
what changed since it was submitted, and which units of the month have submitted."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediator_app.services.statistics.bundle import SubmissionState
from mediator_app.services.statistics.submissions import (
    STATE_MISSING,
    STATE_SUBMITTED,
    Diff,
    UnitStatus,
    not_submitted,
)
from mediator_app.ui.qt_helpers import cell

BANNER_STYLE = ("background: #fff3cd; color: #664d03; border: 1px solid #e0c36c; "
                "padding: 6px;")
MISSING_COLOR = QColor("#c62828")
MAX_DIFF_LINES = 8
MAX_NAMED_UNITS = 5  # units named in the confirmation of 上报
KEY_FIGURES = ("disputes", "resolved", "resolution_rate_text", "accepted")  # listed first


class SubmissionPanel(QWidget):
    reviewRequested = Signal()
    submitRequested = Signal()
    showSubmittedChanged = Signal(bool)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.review_button = QPushButton(self.tr("Review"), self)
        self.submit_button = QPushButton(self.tr("Submit"), self)
        self.show_submitted = QCheckBox(self.tr("Show the submitted figures (reprint)"), self)
        self.review_button.clicked.connect(self.reviewRequested)
        self.submit_button.clicked.connect(self.submitRequested)
        self.show_submitted.toggled.connect(self.showSubmittedChanged)
        for w in (self.review_button, self.submit_button, self.show_submitted):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        self.banner = QLabel(self)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.units = QTableWidget(0, 8, self)
        self.units.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Unit name"), self.tr("Level"), self.tr("State"),
            self.tr("Disputes this month"), self.tr("Version"), self.tr("By"), self.tr("At")])
        self.units.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.units.verticalHeader().hide()
        layout.addWidget(self.units, 1)

    # ---- showing --------------------------------------------------------------------------
    def show_state(self, state: SubmissionState, readonly: bool = False) -> None:
        usable = state.applicable and not readonly
        self.review_button.setEnabled(usable)
        # 审核上报: review first, then submit — 上报 waits for a review of these figures
        self.submit_button.setEnabled(usable and not state.refusal)
        self.submit_button.setToolTip(state.refusal if usable else "")
        self.show_submitted.setEnabled(state.submitted is not None)
        if state.submitted is None and self.show_submitted.isChecked():
            self.show_submitted.setChecked(False)
        self.status.setText(self._status_text(state))
        self._show_banner(state.diffs if state.submitted is not None else [])
        self._show_units(state.units)

    def _status_text(self, state: SubmissionState) -> str:
        if not state.applicable:
            return state.reason
        sub, latest = state.submitted, state.latest
        if sub is None and latest is None:
            return self.tr("This month has not been reviewed or submitted yet.")
        if sub is None:
            assert latest is not None
            return self.tr("Reviewed by {who} at {at} (version {v}); not submitted yet.").format(
                who=latest.reviewed_by, at=short_time(latest.reviewed_at), v=latest.version)
        text = self.tr("Submitted by {who} at {at} (version {v}, reviewed by {rev}).").format(
            who=sub.submitted_by, at=short_time(sub.submitted_at), v=sub.version,
            rev=sub.reviewed_by)
        if sub.zero_report:
            text += " " + self.tr("Zero report.")
        if latest is not None and latest.version > sub.version:
            text += " " + self.tr("A newer review (version {v}) has not been submitted.").format(
                v=latest.version)
        return text

    def _show_banner(self, diffs: list[Diff]) -> None:
        if not diffs:
            self.banner.hide()
            self.banner.clear()
            return
        diffs = sorted(diffs, key=_importance)  # stable: units keep their order
        lines = [self.tr("Changed since submission ({n} figures):").format(n=len(diffs))]
        line = self.tr("• {unit} · {figure}: {before} → {after}")
        lines += [line.format(unit=d.unit_name, figure=d.label, before=_value(d.submitted),
                              after=_value(d.current)) for d in diffs[:MAX_DIFF_LINES]]
        if len(diffs) > MAX_DIFF_LINES:
            lines.append(self.tr("… and {n} more").format(n=len(diffs) - MAX_DIFF_LINES))
        self.banner.setText("\n".join(lines))
        self.banner.show()

    def _show_units(self, units: list[UnitStatus]) -> None:
        self.units.setRowCount(len(units))
        for r, u in enumerate(units):
            name = u.name + (self.tr(" (this unit)") if u.is_parent else "")
            values = [u.code, name, u.level, u.label(self.lang), str(u.disputes),
                      str(u.version or ""), u.by, short_time(u.at)]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if u.state == STATE_MISSING:
                    item.setForeground(MISSING_COLOR)
                self.units.setItem(r, c, item)
        self.refit()
        self.summary.setText(self.summary_text(units))

    def refit(self) -> None:
        """Every header and cell of the units table in full (also after a text-size
        change)."""
        self.units.resizeColumnsToContents()
        self.units.resizeRowsToContents()

    def summary_text(self, units: list[UnitStatus]) -> str:
        """The unit's own state, then the counts of the units below it."""
        own = next((u for u in units if u.is_parent), None)
        if own is None:
            return ""
        children = [u for u in units if not u.is_parent]
        done = [u for u in children if u.state == STATE_SUBMITTED]
        return self.tr("This unit: {state}. Units below: submitted {done}/{all} (zero reports "
                       "{zero}), reviewed only {rev}, not submitted {miss}").format(
            state=own.label(self.lang), done=len(done), all=len(children),
            zero=sum(u.zero_report for u in done),
            rev=sum(u.state not in (STATE_SUBMITTED, STATE_MISSING) for u in children),
            miss=sum(u.state == STATE_MISSING for u in children))

    def confirm_text(self, scope: str, period: str, units: list[UnitStatus]) -> str:
        """The question before 上报; it names the units below that have not submitted
        (count and up to ``MAX_NAMED_UNITS`` names) — submitting stays possible."""
        missing = not_submitted(units)
        if not missing:
            return self.tr("Submit the figures of {scope} for {period}?").format(
                scope=scope, period=period)
        sep = ", " if self.lang.lower().startswith("en") else "、"
        names = sep.join(u.name for u in missing[:MAX_NAMED_UNITS])
        if len(missing) > MAX_NAMED_UNITS:
            warning = self.tr("{n} units below have not submitted yet: {names} and {more} "
                              "more.").format(n=len(missing), names=names,
                                              more=len(missing) - MAX_NAMED_UNITS)
        else:
            warning = self.tr("{n} units below have not submitted yet: {names}.").format(
                n=len(missing), names=names)
        question = self.tr("Submit the figures of {scope} for {period} anyway?").format(
            scope=scope, period=period)
        return f"{warning}\n\n{question}"

    def unit_states(self) -> dict[str, str]:
        """code -> state text shown (tests)."""
        return {cell(self.units, r, 0).text(): cell(self.units, r, 3).text()
                for r in range(self.units.rowCount())}


def _importance(diff: Diff) -> int:
    return KEY_FIGURES.index(diff.figure) if diff.figure in KEY_FIGURES else len(KEY_FIGURES)


def short_time(stamp: str | None) -> str:
    """``2026-11-26T04:25:11.62+00:00`` -> ``2026-11-26 12:25`` (local time)."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _value(value: object) -> str:
    return "—" if value is None else str(value)
