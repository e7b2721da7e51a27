"""The case form's status actions (受理, 调解成功, 调解终止, 不予受理, 重新打开) and its
rules they bring (a succeeded case keeps a mediator)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.model import Case
from mediator_app.domain.status import allowed_transitions, apply_transition, reopen_allowed
from mediator_app.services.cases.edit import reopen_case, transition_case
from mediator_app.ui.case_form.host import FormHost, Then
from mediator_app.ui.case_form.navigation import PAGE_AGREEMENT, PAGE_BASIC
from mediator_app.ui.case_form.state import state_to_case
from mediator_app.ui.case_form.status_dialog import StatusDialog

# agreement fields asked for after 调解成功 with a written agreement, in page order
# (the number first: it is proposed from the template)
AGREEMENT_ASKED = ("agreement.agreement_no", "agreement.signed_on", "agreement.facts",
                   "agreement.disputed_matters", "agreement.responsibilities",
                   "agreement.terms")


class StatusActions(QObject):
    """The status buttons of ``form`` (in its header row) and what they do. ``save``
    saves pending edits first; ``show_problems`` puts refusals beside the fields."""

    def __init__(self, form: FormHost, save: Callable[[Then], None],
                 show_problems: Callable[[list[Problem]], None]) -> None:
        super().__init__(form.widget())
        self.form = form
        self.ctx = form.ctx
        self._save = save
        self._show_problems = show_problems
        self.status_dialog: StatusDialog | None = None

    # ---- header ----------------------------------------------------------------------------
    def build(self, row: QHBoxLayout) -> None:
        self.action_buttons: dict[CaseStatus, QPushButton] = {}
        texts = {CaseStatus.IN_MEDIATION: self.tr("Accept"),
                 CaseStatus.RESOLVED: self.tr("Mediation succeeded"),
                 CaseStatus.TERMINATED: self.tr("Terminate mediation"),
                 CaseStatus.REJECTED: self.tr("Do not accept")}
        for target, text in texts.items():
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, t=target: self.start_action(t))
            self.action_buttons[target] = button
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.setToolTip(self.tr("Back to “in mediation”, to correct a case closed by mistake"))  # noqa: E501
        self.reopen_button.clicked.connect(lambda: self.start_reopen())
        for button in (*self.action_buttons.values(), self.reopen_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            row.addWidget(button)

    def refresh(self) -> None:
        """Only what the rules allow from the current status is enabled."""
        form = self.form
        allowed = allowed_transitions(form.status)
        for target, button in self.action_buttons.items():
            button.setEnabled(target in allowed and not form.busy)
        self.reopen_button.setEnabled(reopen_allowed(form.status) and form.rowid is not None
                                      and not form.busy)

    # ---- status actions --------------------------------------------------------------------
    def start_action(self, target: CaseStatus) -> None:
        """受理 / 调解成功 / 调解终止 / 不予受理: saves pending edits first."""
        if target == CaseStatus.RESOLVED and not self._has_mediator():
            return
        self._after_saving(lambda: self._open_status_dialog(target))

    def _after_saving(self, action: Callable[[], None]) -> None:
        if self.form.rowid is None or self.form.is_dirty():
            self._save(action)
        else:
            action()

    def _has_mediator(self) -> bool:
        """调解成功 needs the mediator(s) who reached the agreement (a form rule: imported
        cases may carry none)."""
        if self.form.basic.mediator_ids():
            return True
        self._mediator_needed(
            self.tr("Tick at least one mediator before recording “mediation succeeded”."))
        return False

    def resolved_keeps_mediator(self) -> bool:
        """The same rule when saving: a 调解成功 case keeps at least one mediator ticked.
        A case stored without any (e.g. imported: CSV files carry no mediators) may
        still be edited without one."""
        form = self.form
        if (form.status != CaseStatus.RESOLVED
                or form.basic.mediator_ids() or not form.stored_mediator_ids):
            return True
        self._mediator_needed(self.tr("A case whose mediation succeeded needs at least one mediator ticked (who reached the agreement). Nothing was saved."))  # noqa: E501
        return False

    def _mediator_needed(self, text: str) -> None:
        self.form.tabs.setCurrentIndex(PAGE_BASIC)
        self.form.basic.errors["mediator_ids"].show_message(text)
        self.form.basic.mediators.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_status_dialog(self, target: CaseStatus) -> None:
        dialog = StatusDialog(target, lang=self.ctx.lang, checker=self._transition_problems,
                              parent=self.form.widget())
        dialog.submitted.connect(self._run_transition)
        self.status_dialog = dialog
        dialog.open()

    def _transition_problems(self, target: CaseStatus, on: date, form: AgreementForm | None,
                             reason: str) -> list[Problem]:
        """What the rules would object to, checked on the form's case (saved before the
        dialog opened) without writing anything."""
        try:
            case = state_to_case(self.form.state())
            apply_transition(case, target, on=on, agreement_form=form, reason=reason,
                             today=date.today())
        except DomainError as exc:
            return list(exc.problems)
        return []

    def _run_transition(self, target: CaseStatus, on: date, form: Any, reason: str) -> None:
        rowid, user, dialog = self.form.rowid, self.ctx.user, self.status_dialog
        assert rowid is not None and dialog is not None

        def done(case: Case) -> None:
            dialog.accept()
            self._status_changed(case)
            if case.agreement_form == AgreementForm.WRITTEN:
                self._ask_for_agreement(case)

        self._run_status(lambda db: transition_case(
            db, rowid, target, on=on, agreement_form=form, reason=reason, user=user),
            done, dialog.show_problems)

    def _run_status(self, job: Callable[[Any], Case], done: Callable[[Case], None],
                    problems: Callable[[list[Problem]], None]) -> None:
        def ok(case: Case) -> None:
            self.form.set_busy(False)
            done(case)

        def failed(exc: BaseException) -> None:
            self.form.set_busy(False)
            if isinstance(exc, DomainError):
                problems(exc.problems)
            else:
                self.ctx.dialogs.error(self.tr("Could not change the status"),
                                       self.ctx.error_text(exc, "save"))

        self.form.set_busy(True)
        self.ctx.runner.op(job, ok, failed)  # the case as stored: the views refresh

    def _status_changed(self, case: Case) -> None:
        self.form.stored(case, saved_form=False)

    def _ask_for_agreement(self, case: Case) -> None:
        """After 调解成功 with a written agreement: the 协议 page, asking for the terms."""
        page = self.form.agreement
        self.form.tabs.setCurrentIndex(PAGE_AGREEMENT)
        if not page.value("agreement.form"):
            page.set_value("agreement.form", AgreementForm.WRITTEN.value)
        if not page.value("agreement.signed_on") and case.closed_on:
            page.set_value("agreement.signed_on", case.closed_on.isoformat())
        self.form.propose_agreement_no(only_if_empty=True)
        page.show_prompt(self.tr("Mediation succeeded with a written agreement: please fill in the agreement (number, facts, terms, performance) and save."))  # noqa: E501
        # the number is proposed (filled in when the worker answers): the cursor goes on
        empty = [n for n in AGREEMENT_ASKED[1:] if not page.value(n)]
        page.widgets[empty[0] if empty else "agreement.terms"].setFocus()

    # ---- reopening -------------------------------------------------------------------------
    def start_reopen(self) -> None:
        """重新打开: after a confirmation, a closed case goes back to 调解中."""
        text = self.tr("The case goes back to “in mediation”: its closing date, agreement form, performance and judicial confirmation are cleared (the agreement text is kept). Reopen it?")  # noqa: E501
        if not self.ctx.dialogs.confirm(self.tr("Reopen the case"), text):
            return
        self._after_saving(self._reopen)

    def _reopen(self) -> None:
        rowid, user = self.form.rowid, self.ctx.user
        assert rowid is not None
        self._run_status(lambda db: reopen_case(db, rowid, user=user), self._status_changed,
                         self._show_problems)
