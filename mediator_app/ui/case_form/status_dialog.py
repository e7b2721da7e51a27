"""The dialog of a status action (受理, 调解成功, 调解终止, 不予受理): asks for what the
action needs and shows the rules' objections beside the fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.enums import AgreementForm, CaseStatus
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.messages import message
from mediator_app.domain.periods import parse_date
from mediator_app.domain.status import transition_input_problems
from mediator_app.ui.case_form.widgets import DateEdit, EnumCombo, ErrorLabel, TextEdit, with_error
from mediator_app.ui.qt_helpers import layout_of

DATE_FIELDS = ("date", "accepted_on", "closed_on")
# (target, date, agreement form, reason) -> the problems of the resulting record
Checker = Callable[[CaseStatus, date, AgreementForm | None, str], list[Problem]]
WIDTH = 440


class StatusDialog(QDialog):
    """Emits ``submitted(target, on, agreement_form, reason)``; the caller runs the
    transition and calls ``show_problems`` (all of them at once, each beside its field)
    or ``accept``."""

    submitted = Signal(object, object, object, str)

    def __init__(self, target: CaseStatus, *, lang: str = "zh", default_on: date | None = None,
                 checker: Checker | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.lang = lang
        self.checker = checker  # the rules for the resulting record, without saving
        self._showing = False  # problems were shown: re-check as the user edits
        self.setWindowTitle(self._title())
        self.date_edit = DateEdit(self)
        self.date_edit.setText((default_on or date.today()).isoformat())
        self.form_combo = EnumCombo([f.value for f in AgreementForm], allow_empty=True)
        self.reason_edit = TextEdit(lines=3)  # no parent: only some actions show it
        self.errors: dict[str, ErrorLabel] = {}
        self._build()
        self.date_edit.textChanged.connect(self.recheck)
        self.form_combo.currentIndexChanged.connect(self.recheck)
        self.reason_edit.textChanged.connect(self.recheck)

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
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
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
        self.resize(WIDTH, self.sizeHint().height())
        self._fit()

    def inputs(self) -> tuple[date | None, AgreementForm | None, str, list[Problem]]:
        """The date, agreement form and reason as typed, and the problems found in them
        (the date and what the action needs)."""
        form = self.form_combo.value()
        agreement_form = AgreementForm(form) if form else None
        reason = self.reason_edit.text()
        field = "accepted_on" if self.target == CaseStatus.IN_MEDIATION else "closed_on"
        on: date | None = None
        problems: list[Problem] = []
        try:
            if not self.date_edit.text().strip():  # "please fill in", not "invalid date"
                raise DomainError(Problem(field, "required", {"status": self.target.value}))
            on = parse_date(self.date_edit.text(), field)
        except DomainError as exc:
            problems = exc.problems + transition_input_problems(self.target, agreement_form,
                                                                reason)
        return on, agreement_form, reason, problems

    def submit(self) -> None:
        """Sends the inputs on if the date can be read; otherwise shows every problem
        found here (the date and what the action needs) at once."""
        on, agreement_form, reason, problems = self.inputs()
        if problems or on is None:
            self.show_problems(problems)
            return
        self.submitted.emit(self.target, on, agreement_form, reason)

    def recheck(self) -> None:
        """While problems are shown, every edit checks again: a problem the user fixed
        goes away at once (not only when 确定 is pressed again), a new one appears."""
        if not self._showing:
            return
        on, agreement_form, reason, problems = self.inputs()
        if not problems and on is not None and self.checker is not None:
            problems = self.checker(self.target, on, agreement_form, reason)
        self.show_problems(problems)

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem beside its field (several for one field one under the other);
        those about other fields below the form. The dialog grows to show them all."""
        texts: dict[str, list[str]] = {key: [] for key in [*self.errors, ""]}
        for problem in problems:
            key = "date" if problem.field in DATE_FIELDS else problem.field
            texts[key if key in self.errors else ""].append(message(problem, self.lang))
        for key, error in self.errors.items():
            error.show_message("\n".join(texts[key]))
        self.general.show_message("\n".join(texts[""]))
        self._showing = True  # from the first objection on, every edit checks again
        self._fit()

    def _fit(self) -> None:
        """Tall enough for the wrapped texts at the current width (a top-level layout
        does not follow its labels' height-for-width by itself)."""
        layout = layout_of(self)
        layout.activate()
        width = max(self.width(), WIDTH)
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        height = max(height, layout.totalMinimumSize().height())
        self.setMinimumHeight(height)
        self.resize(width, height)
