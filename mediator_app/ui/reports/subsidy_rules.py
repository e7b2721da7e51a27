"""The 以案定补 rules dialog: a new rate table taking effect on a date (per class: any
form, written, oral; who is paid; which cases count), the case-file completeness rules
(items × situations) and the default class of each dispute type. Saving goes through
services/subsidy/claim.py, which refuses to change rules already used by a paid claim.
Bands of people and amount are kept when present; they are edited with the command
``subsidy-rules`` (docs/subsidy.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain import subsidy as s
from mediator_app.domain.access import Action
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.messages import message
from mediator_app.services.changes import Changes
from mediator_app.services.organisation import lookups
from mediator_app.services.subsidy import claim as subsidy
from mediator_app.ui.context import AppContext
from mediator_app.ui.qt_helpers import cell
from mediator_app.ui.tasks import run_job
from mediator_app.ui.trust.session import may

FORMS = ("", "书面", "口头")


def _yuan(fen: int | None) -> str:
    if fen is None:
        return ""
    return f"{fen // 100}" if fen % 100 == 0 else f"{fen // 100}.{fen % 100:02d}"


def parse_yuan(text: str) -> int | None:
    """Fen of a typed amount; None for an empty cell; raises DomainError otherwise."""
    text = text.strip()
    if not text:
        return None
    whole, _dot, cents = text.partition(".")
    if not whole.isdigit() or (cents and (not cents.isdigit() or len(cents) > 2)):
        raise DomainError(Problem("amount_yuan", "decimal.invalid", {"value": text}))
    return int(whole) * 100 + int((cents + "00")[:2])


class SubsidyRulesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        db = ctx.read_db
        self.classes = [(i.code, i.label) for i in lookups.code_items(
            db, "difficulty", include_inactive=True)]
        self.types = [(i.code, i.label) for i in lookups.code_items(
            db, "dispute_type", include_inactive=True)]
        self.rule_sets = subsidy.rule_sets(db)
        self.setWindowTitle(self.tr("Case subsidy rules"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        tabs = QTabWidget(self)
        tabs.addTab(self._rates_page(), self.tr("Rates"))
        tabs.addTab(self._files_page(subsidy.file_rules(db)), self.tr("Complete case file"))
        tabs.addTab(self._classes_page(subsidy.class_defaults(db)),
                    self.tr("Default difficulty"))
        layout.addWidget(tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None and not may(ctx, Action.SETTINGS):  # issue 9: 系统管理员
            save.setEnabled(False)
            save.setToolTip(self.tr("Not allowed for your role"))
        layout.addWidget(buttons)

    # ---- rates -------------------------------------------------------------------------------
    def _rates_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        latest = self.rule_sets[-1] if self.rule_sets else s.default_rule_set()
        self.history = QLineEdit(", ".join(rs.effective_from.isoformat()
                                           for rs in self.rule_sets), page)
        self.history.setReadOnly(True)
        form.addRow(self.tr("Rule sets in force from:"), self.history)
        self.effective = QDateEdit(page)
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.effective.setDate(QDate(today.year, today.month, 1))
        form.addRow(self.tr("New rates take effect on:"), self.effective)
        self.payee = QComboBox(page)
        self.payee.addItem(self.tr("The principal mediator"), s.PRINCIPAL)
        self.payee.addItem(self.tr("Split equally among the mediators"), s.SPLIT)
        self.payee.setCurrentIndex(max(0, self.payee.findData(latest.payee)))
        form.addRow(self.tr("Who is paid:"), self.payee)
        self.complete = QCheckBox(self.tr("Only cases with a complete file"), page)
        self.complete.setChecked(latest.require_complete)
        self.performed = QCheckBox(self.tr("Only cases whose agreement was performed"), page)
        self.performed.setChecked(latest.performed_only)
        checks = QHBoxLayout()
        checks.addWidget(self.complete)
        checks.addWidget(self.performed)
        form.addRow(checks)
        self.rates = QTableWidget(len(self.classes), 3, page)
        self.rates.setHorizontalHeaderLabels([self.tr("Any agreement (yuan)"),
                                              self.tr("Written (yuan)"), self.tr("Oral (yuan)")])
        self.rates.setVerticalHeaderLabels([label for _c, label in self.classes])
        plain = {(r.difficulty, r.agreement_form): r.amount_fen for r in latest.rates
                 if not r.min_people and not r.min_amount_fen}
        self.bands = tuple(r for r in latest.rates if r.min_people or r.min_amount_fen)
        for row, (code, _label) in enumerate(self.classes):
            for col, form_value in enumerate(FORMS):
                self.rates.setItem(row, col, QTableWidgetItem(_yuan(plain.get((code,
                                                                                form_value)))))
        self.rates.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        form.addRow(self.rates)
        return page

    def rule_set(self) -> s.RuleSet:
        rates: list[s.Rate] = []
        for row, (code, _label) in enumerate(self.classes):
            for col, form_value in enumerate(FORMS):
                item = self.rates.item(row, col)
                fen = parse_yuan(item.text() if item else "")
                if fen is not None:
                    rates.append(s.Rate(code, fen, form_value))
        day = self.effective.date()
        return s.RuleSet(date(day.year(), day.month(), day.day()), (*rates, *self.bands),
                         str(self.payee.currentData()), self.performed.isChecked(),
                         self.complete.isChecked())

    def _changed_rates(self) -> bool:
        latest = self.rule_sets[-1] if self.rule_sets else None
        new = self.rule_set()
        return latest is None or (sorted(new.rates, key=repr), new.payee, new.performed_only,
                                  new.require_complete) != (
            sorted(latest.rates, key=repr), latest.payee, latest.performed_only,
            latest.require_complete)

    # ---- completeness ---------------------------------------------------------------------------
    def _files_page(self, rules: dict[str, tuple[str, ...]]) -> QWidget:
        self.files = QTableWidget(len(s.ITEMS), len(s.SITUATIONS), self)
        self.files.setHorizontalHeaderLabels([k.replace("|", "·") for k in s.SITUATIONS])
        self.files.setVerticalHeaderLabels([s.item_label(i, self.ctx.lang) for i in s.ITEMS])
        for row, item in enumerate(s.ITEMS):
            for col, situation in enumerate(s.SITUATIONS):
                cell = QTableWidgetItem()
                cell.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                cell.setCheckState(Qt.CheckState.Checked if item in rules.get(situation, ())
                                   else Qt.CheckState.Unchecked)
                self.files.setItem(row, col, cell)
        self.files.resizeColumnsToContents()
        return self.files

    def file_rules(self) -> dict[str, tuple[str, ...]]:
        return {situation: tuple(
            item for row, item in enumerate(s.ITEMS)
            if cell(self.files, row, col).checkState() == Qt.CheckState.Checked)
            for col, situation in enumerate(s.SITUATIONS)}

    # ---- default classes -----------------------------------------------------------------------
    def _classes_page(self, defaults: dict[str, str]) -> QWidget:
        rows = [(s.ANY_TYPE, self.tr("(other types)")), *self.types]
        self.defaults = QTableWidget(len(rows), 1, self)
        self.defaults.setHorizontalHeaderLabels([self.tr("Default difficulty")])
        self.defaults.setVerticalHeaderLabels([label for _c, label in rows])
        self.default_combos: list[tuple[str, QComboBox]] = []
        for row, (code, _label) in enumerate(rows):
            combo = QComboBox(self.defaults)
            combo.addItem("", "")
            for c, label in self.classes:
                combo.addItem(label, c)
            combo.setCurrentIndex(max(0, combo.findData(defaults.get(code, ""))))
            self.defaults.setCellWidget(row, 0, combo)
            self.default_combos.append((code, combo))
        self.defaults.horizontalHeader().setStretchLastSection(True)
        self.initial_defaults = dict(defaults)
        return self.defaults

    # ---- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Save on the worker, each part by its own use case; a refusal is shown and
        the dialog stays open."""
        try:
            rule_set = self.rule_set() if self._changed_rates() else None
        except DomainError as exc:
            self._failed(exc)
            return
        rules = self.file_rules()
        defaults = [(code, str(combo.currentData() or "")) for code, combo in
                    self.default_combos]
        defaults = [(c, v) for c, v in defaults if v and v != self.initial_defaults.get(c)]
        user = self.ctx.user

        def job(db: Any, _p: Any, _c: Any) -> Changes:
            if rule_set is not None:
                subsidy.save_rule_set(db, rule_set, user=user)
            if rules != subsidy.file_rules(db):
                subsidy.set_file_rules(db, rules, user=user)
            for code, chosen in defaults:
                subsidy.set_class_default(db, code, chosen, user=user)
            # the complete-file rules decide the case list's "file incomplete" filter
            return Changes(cases=True, settings=True)

        run_job(self.ctx, self, self.tr("Saving…"), job, lambda _r: self.accept(),
                self._failed, writes=True)

    def _failed(self, exc: BaseException) -> None:
        text = ("\n".join(message(p, self.ctx.lang) for p in exc.problems)
                if isinstance(exc, DomainError) else self.ctx.error_text(exc, "save"))
        self.ctx.dialogs.error(self.tr("Case subsidy rules"), text)
