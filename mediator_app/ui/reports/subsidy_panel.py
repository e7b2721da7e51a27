"""以案定补 in the statistics window: the claim of the chosen period and scope (per
mediator the cases and amounts, the refused cases with reasons), drill-down from every
figure to its cases (double-click a case to open it), the claim sheets (PDF), XLSX and
CSV, the incomplete-files list, "mark as paid" and the rules dialog.

The claim is computed on the worker when the tab is shown (or the period or scope
changes while it is shown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain import subsidy as s
from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.domain.periods import Period
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.services.subsidy.claim import Claim, reasons_text, yuan_text
from mediator_app.services.subsidy.export import export_claim, incomplete_files_bytes, write_file
from mediator_app.ui.context import AppContext
from mediator_app.ui.reports.drill import open_case_form
from mediator_app.ui.reports.progress import run_with_progress
from mediator_app.ui.reports.subsidy_rules import SubsidyRulesDialog
from mediator_app.ui.trust.session import may

ROWID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ROWS = 5000  # cases shown in a table (the files hold them all), as in the drill-down
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
ALL = -1  # the totals row of the mediators table


def _item(text: str, *, right: bool = False, rowid: int | None = None,
          key: int | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if rowid is not None:
        item.setData(rowid, ROWID_ROLE)
    if key is not None:
        item.setData(key, KEY_ROLE)
    return item


def _table(parent: QWidget, *, stretch_last: bool = False) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    return view


class SubsidyPanel(QWidget):
    """The 以案定补 tab. ``current()`` gives the window's (period, scope code)."""

    def __init__(self, ctx: AppContext, current: Callable[[], tuple[Period, str]],
                 parent: QWidget | None = None,
                 opener: Callable[[int], Any] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.current = ctx, current
        self.opener = opener or (lambda rowid: open_case_form(ctx, rowid, self))
        self.claim: Claim | None = None
        self.opened: list[Any] = []
        self._stale = True
        self._generation = 0
        self._build()

    # ---- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("pdf", self.tr("Claim sheets (PDF)…"), lambda: self.save("pdf")),
                ("xlsx", self.tr("XLSX…"), lambda: self.save("xlsx")),
                ("csv", self.tr("CSV…"), lambda: self.save("csv")),
                ("incomplete", self.tr("Incomplete files…"), self.save_incomplete),
                ("paid", self.tr("Mark as paid…"), self.mark_paid),
                ("rules", self.tr("Rules…"), self.edit_rules)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, f=slot: f())
            self.buttons[key] = button
            top.addWidget(button)
        layout.addLayout(top)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; padding: 4px;")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.inner = QTabWidget(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.mediators = _table(split)
        self.cases = _table(split)
        split.addWidget(self.mediators)
        split.addWidget(self.cases)
        split.setSizes([420, 780])
        self.refused = _table(self, stretch_last=True)
        self.cut = QLabel(self)
        self.cut.hide()
        layout.addWidget(self.cut)
        self.inner.addTab(split, self.tr("Paid cases by mediator"))
        self.inner.addTab(self.refused, self.tr("Not paid"))
        layout.addWidget(self.inner, 1)
        self.mediators.clicked.connect(lambda index: self.show_cases(index.row()))
        self.mediators.activated.connect(lambda index: self.show_cases(index.row()))
        self.cases.doubleClicked.connect(lambda index: self.open_case(self.cases, index.row()))
        self.refused.doubleClicked.connect(
            lambda index: self.open_case(self.refused, index.row()))
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for key in ("pdf", "xlsx", "csv", "paid"):
            self.buttons[key].setEnabled(on)
        if not may(self.ctx, Action.SUBMIT):  # marking paid is like 审核上报 (issue 9)
            self.buttons["paid"].setEnabled(False)

    # ---- loading ----------------------------------------------------------------------------
    def invalidate(self) -> None:
        """The period or scope changed: recompute now if shown, else when shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        period, scope = self.current()
        if not scope:
            return
        self._stale = False
        self._generation += 1
        generation, lang = self._generation, self.ctx.lang

        def job(db: Any, _progress: Any, _cancelled: Callable[[], bool]) -> tuple[int, Claim]:
            return generation, subsidy.compute_claim(db, period=period, scope=scope, lang=lang)

        self.summary.setText(self.tr("Computing the claim…"))
        run_with_progress(self.ctx, self, self.tr("Computing the claim…"), job,
                          self._loaded, self._failed)

    def _loaded(self, result: tuple[int, Claim]) -> None:
        generation, claim = result
        if generation != self._generation:
            return
        self.claim = claim
        self._show()

    def _failed(self, exc: BaseException) -> None:
        text = (message(exc.first, self.ctx.lang) if isinstance(exc, DomainError)
                else self.ctx.error_text(exc, "report"))
        self.summary.setText(text)
        self.ctx.dialogs.error(self.tr("Case subsidies"), text)

    # ---- showing ----------------------------------------------------------------------------
    def _show(self) -> None:
        claim = self.claim
        assert claim is not None
        r = claim.result
        self.summary.setText(self.tr(
            "{scope}, {period}: {cases} cases paid, {amount} yuan, to {mediators} mediators; "
            "{refused} successful cases not paid.").format(
                scope=claim.scope.name, period=claim.period.shown(self.ctx.lang),
                cases=r.eligible_cases,
                amount=yuan_text(r.amount_fen), mediators=len(r.mediators),
                refused=len(r.refused)))
        self._show_banner(claim)
        self._fill_mediators(claim)
        self.show_cases(len(r.mediators))  # the totals row: every paid case
        self._fill_refused(claim)
        self._enable(r.eligible_cases > 0)

    def _show_banner(self, claim: Claim) -> None:
        lines = [self.tr("Paid: version {v} on {at} by {by}, {cases} cases, {amount} yuan.")
                 .format(v=c.version, at=c.paid_at[:16].replace("T", " "), by=c.paid_by or "-",
                         cases=c.cases, amount=yuan_text(c.amount_fen)) for c in claim.claims]
        if claim.changed:
            lines.append(self.tr("{n} paid cases changed since the claim (marked ⚠).").format(
                n=len(claim.changed)))
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def _fill_mediators(self, claim: Claim) -> None:
        model = QStandardItemModel(0, 4, self)
        model.setHorizontalHeaderLabels([self.tr("Committee"), self.tr("Mediator"),
                                         self.tr("Cases"), self.tr("Subsidy (yuan)")])
        for n, m in enumerate(claim.result.mediators):
            model.appendRow([
                _item(claim.committee_names.get(m.mediator.committee_code,
                                                m.mediator.committee_code), key=n),
                _item(m.mediator.name, key=n), _item(str(len(m.lines)), right=True, key=n),
                _item(yuan_text(m.amount_fen), right=True, key=n)])
        r = claim.result
        model.appendRow([_item(self.tr("Total"), key=ALL), _item("", key=ALL),
                         _item(str(r.eligible_cases), right=True, key=ALL),
                         _item(yuan_text(r.amount_fen), right=True, key=ALL)])
        self.mediators.setModel(model)
        self.mediators.resizeColumnsToContents()

    def lines_for(self, row: int) -> list[s.PaidLine]:
        """The paid lines behind row ``row`` of the mediators table (the totals row:
        every line)."""
        assert self.claim is not None
        mediators = self.claim.result.mediators
        if 0 <= row < len(mediators):
            return list(mediators[row].lines)
        return [line for m in mediators for line in m.lines]

    def show_cases(self, row: int) -> None:
        claim = self.claim
        if claim is None:
            return
        model = QStandardItemModel(0, 7, self)
        model.setHorizontalHeaderLabels([
            self.tr("Case no."), self.tr("Mediator"), self.tr("Closed on"),
            self.tr("Difficulty"), self.tr("Agreement"), self.tr("Share"),
            self.tr("Subsidy (yuan)")])
        lines = self.lines_for(row)
        self._note_cut(len(lines))
        for line in lines[:MAX_ROWS]:
            case = line.case
            mark = " ⚠" if case.case_id in claim.changed else ""
            paid = " ✓" if case.case_id in claim.paid_here else ""
            model.appendRow([
                _item(f"{case.case_no or '#' + str(case.rowid)}{paid}{mark}", rowid=case.rowid),
                _item(line.mediator.name, rowid=case.rowid),
                _item(case.closed_on, rowid=case.rowid),
                _item(claim.class_labels.get(case.difficulty, case.difficulty),
                      rowid=case.rowid),
                _item(case.agreement_form or "", rowid=case.rowid),
                _item("" if line.share_of == 1 else f"1/{line.share_of}", rowid=case.rowid),
                _item(yuan_text(line.amount_fen), right=True, rowid=case.rowid)])
        self.cases.setModel(model)
        self.cases.resizeColumnsToContents()

    def _fill_refused(self, claim: Claim) -> None:
        model = QStandardItemModel(0, 5, self)
        model.setHorizontalHeaderLabels([self.tr("Case no."), self.tr("Committee"),
                                         self.tr("Closed on"), self.tr("Difficulty"),
                                         self.tr("Reasons")])
        sep = "; " if self.ctx.lang == "en" else "；"
        for r in claim.result.refused[:MAX_ROWS]:
            case = r.case
            model.appendRow([
                _item(case.case_no or f"#{case.rowid}", rowid=case.rowid),
                _item(claim.committee_names.get(case.committee_code, case.committee_code),
                      rowid=case.rowid),
                _item(case.closed_on, rowid=case.rowid),
                _item(claim.class_labels.get(case.difficulty, case.difficulty),
                      rowid=case.rowid),
                _item(sep.join(reasons_text(r, claim.class_labels, self.ctx.lang)),
                      rowid=case.rowid)])
        self.refused.setModel(model)
        self.refused.resizeColumnsToContents()
        self.inner.setTabText(1, self.tr("Not paid ({n})").format(n=len(claim.result.refused)))

    def _note_cut(self, total: int) -> None:
        shown = self.tr("Showing the first {shown} of {total} cases; the claim files "
                        "hold them all.").format(shown=MAX_ROWS, total=total)
        self.cut.setText(shown)
        self.cut.setVisible(total > MAX_ROWS)

    def open_case(self, view: QTableView, row: int) -> None:
        rowid = view.model().index(row, 0).data(ROWID_ROLE)
        if rowid is not None:
            opened = self.opener(int(rowid))
            if opened is not None:
                self.opened.append(opened)

    # ---- output -----------------------------------------------------------------------------
    def _file_name(self, fmt: str) -> str:
        assert self.claim is not None
        return f"以案定补-{self.claim.scope.name}-{self.claim.period.text}.{fmt}"

    def save(self, fmt: str) -> None:
        claim = self.claim
        if claim is None:
            return
        filters = {"pdf": self.tr("PDF files (*.pdf)"), "xlsx": self.tr("Excel files (*.xlsx)"),
                   "csv": self.tr("CSV files (*.csv)")}
        path = self.ctx.dialogs.save_file(self.tr("Save the claim"), self._file_name(fmt),
                                          filters[fmt])
        if not path:
            return
        lang = self.ctx.lang
        self._write(path, lambda: export_claim(claim, fmt, lang))

    def save_incomplete(self) -> None:
        period, scope = self.current()
        path = self.ctx.dialogs.save_file(self.tr("Save the incomplete files"),
                                          f"卷宗不完整-{period.text}.csv",
                                          self.tr("CSV files (*.csv)"))
        if not path:
            return
        lang = self.ctx.lang

        def job(db: Any, _p: Any, _c: Any) -> int:
            data = incomplete_files_bytes(db, period=period.text, scope=scope, lang=lang)
            return write_file(path, data)

        run_with_progress(self.ctx, self, self.tr("Saving…"), job, lambda _n: self._saved(path),
                          self._failed)

    def _write(self, path: str, produce: Callable[[], bytes]) -> None:
        """The claim's files are made from what is shown: on a render thread, the
        database worker stays free."""
        def job(_read: Any, _p: Any, _c: Any) -> int:
            return write_file(path, produce())

        run_with_progress(self.ctx, self, self.tr("Saving…"), job, lambda _n: self._saved(path),
                          self._failed, renders=True)

    def _saved(self, path: str) -> None:
        self.summary.setText(self.summary.text().split("\n")[0] + "\n"
                             + self.tr("Saved: {path}").format(path=path))

    # ---- paying and rules ----------------------------------------------------------------------
    def mark_paid(self) -> None:
        claim = self.claim
        if claim is None:
            return
        new = [line for m in claim.result.mediators for line in m.lines
               if line.case.case_id not in claim.paid_here]
        amount = sum(line.amount_fen for line in new)
        text = self.tr(
            "Mark the claim of {scope} for {period} as paid: {n} cases, {amount} yuan?\n"
            "The claim is frozen, and these cases will not be paid again by any claim.").format(
                scope=claim.scope.name, period=claim.period.shown(self.ctx.lang),
                n=len({line.case.case_id for line in new}), amount=yuan_text(amount))
        if not self.ctx.dialogs.confirm(self.tr("Mark as paid"), text):
            return
        period, scope, user, lang = claim.period, claim.scope.code, self.ctx.user, self.ctx.lang

        def job(db: Any, _p: Any, _c: Any) -> Any:
            return subsidy.mark_paid(db, period=period, scope=scope, user=user, lang=lang)

        run_with_progress(self.ctx, self, self.tr("Saving…"), job, lambda _c: self.reload(),
                          self._failed)

    def edit_rules(self) -> None:
        dialog = SubsidyRulesDialog(self.ctx, self)
        if dialog.exec():
            self.reload()
