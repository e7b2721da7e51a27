"""The dialog of a status action (受理, 调解成功, 调解终止, 不予受理): asks for what the
action needs and shows the rules' objections beside the fields."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget,
)

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.messages import message
from mediator_app.domain.periods import parse_date
from mediator_app.ui.case_form.widgets import DateEdit, EnumCombo, ErrorLabel, TextEdit, with_error


class StatusDialog(QDialog):
    """Emits ``submitted(target, on, agreement_form, reason)``; the caller runs the
    transition and calls ``show_problems`` or ``accept``."""

    submitted = Signal(object, object, object, str)

    def __init__(self, target: CaseStatus, *, lang: str = "zh", default_on: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.lang = lang
        self.setWindowTitle(self._title())
        self.date_edit = DateEdit(self)
        self.date_edit.setText((default_on or date.today()).isoformat())
        self.form_combo = EnumCombo([f.value for f in AgreementForm], allow_empty=True)
        self.reason_edit = TextEdit(self, lines=3)
        self.errors: dict[str, ErrorLabel] = {}
        self._build()

    def _title(self) -> str:
        return {
            CaseStatus.IN_MEDIATION: self.tr("Accept the case (受理)"),
            CaseStatus.RESOLVED: self.tr("Mediation succeeded (调解成功)"),
            CaseStatus.TERMINATED: self.tr("Terminate mediation (调解终止)"),
            CaseStatus.REJECTED: self.tr("Do not accept (不予受理)"),
        }[self.target]

    def _date_label(self) -> str:
        if self.target == CaseStatus.IN_MEDIATION:
            return self.tr("Acceptance date")
        return self.tr("Closing date")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        box, self.errors["date"] = with_error(self.date_edit)
        form.addRow(self._date_label(), box)
        if self.target == CaseStatus.RESOLVED:
            box, self.errors["agreement_form"] = with_error(self.form_combo)
            form.addRow(self.tr("Agreement form"), box)
        if self.target in (CaseStatus.TERMINATED, CaseStatus.REJECTED):
            box, self.errors["outcome_note"] = with_error(self.reason_edit)
            form.addRow(self.tr("Reason"), box)
        layout.addLayout(form)
        self.general = ErrorLabel(self)
        layout.addWidget(self.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Apply"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        hint = QLabel(self.tr("The date is the day the action happened (as on paper)."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.resize(420, self.sizeHint().height())

    def submit(self) -> None:
        for error in [*self.errors.values(), self.general]:
            error.clear_message()
        try:
            field = "accepted_on" if self.target == CaseStatus.IN_MEDIATION else "closed_on"
            on = parse_date(self.date_edit.text(), field)
        except DomainError as exc:
            self.show_problems(exc.problems)
            return
        form = self.form_combo.value()
        agreement_form = AgreementForm(form) if form else None
        self.submitted.emit(self.target, on, agreement_form, self.reason_edit.text())

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem beside its field; those about other fields below the form."""
        general: list[str] = []
        for problem in problems:
            key = "date" if problem.field in ("date", "accepted_on", "closed_on") \
                else problem.field
            text = message(problem, self.lang)
            if key in self.errors:
                self.errors[key].show_message(text)
            else:
                general.append(text)
        self.general.show_message("\n".join(general))
