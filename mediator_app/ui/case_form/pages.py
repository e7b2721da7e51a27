"""The pages of the case form that are plain field sets: 基本情况 and 协议."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.enums import AgreementForm, Performance
from mediator_app.ui.case_form.widgets import (
    DateEdit,
    EnumCombo,
    ErrorLabel,
    SearchCombo,
    TextEdit,
    set_widget_value,
    widget_as,
    widget_value,
    with_error,
)

PROMPT_STYLE = ("QLabel { background: #fff8e1; border: 1px solid #ffb300; padding: 6px; "
                "color: #5d4037; }")


class FieldPage(QWidget):
    """A page of named fields, each with an error label; values are texts/bools."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, str] = {}  # as shown beside the field: names it in messages

    def add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> QWidget:
        box, error = with_error(widget)
        self.widgets[name] = widget
        self.labels[name] = label
        self.errors[name] = error
        form.addRow(label, box)
        self._connect(name, widget)
        return widget

    def _connect(self, name: str, w: QWidget) -> None:
        if isinstance(w, SearchCombo):
            w.currentTextChanged.connect(lambda _t, n=name: self._edited(n))
        elif isinstance(w, EnumCombo):
            w.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
        elif isinstance(w, QCheckBox):
            w.toggled.connect(lambda _b, n=name: self._edited(n))
        elif isinstance(w, (QLineEdit, TextEdit)):
            w.textChanged.connect(lambda *_a, n=name: self._edited(n))

    def _edited(self, name: str) -> None:
        self.errors[name].clear_message()
        self.changed.emit()

    def value(self, name: str) -> Any:
        return widget_value(self.widgets[name])

    def combo(self, name: str) -> SearchCombo:
        """The picker of field ``name`` (a programming error if it is not one)."""
        return widget_as(self.widgets[name], SearchCombo)

    def set_value(self, name: str, value: Any) -> None:
        set_widget_value(self.widgets[name], value)

    def clear_problems(self) -> None:
        for error in self.errors.values():
            error.clear_message()


def _int_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setValidator(QIntValidator(0, 10_000_000))
    edit.setMaximumWidth(100)
    return edit


_READONLY_STYLE = "QLineEdit { background: palette(window); }"


def _readonly() -> QLineEdit:
    edit = QLineEdit()
    edit.setReadOnly(True)
    edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    edit.setStyleSheet(_READONLY_STYLE)
    return edit


class MediatorList(QListWidget):
    """The committee's mediators to tick: at least ``MIN_ROWS`` rows high in the
    current font (it follows the text size), a little more when there is room."""

    MIN_ROWS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._fit_rows()

    def row_height(self) -> int:
        text = self.fontMetrics().height() + 4
        return max(text, self.sizeHintForRow(0)) if self.count() else text

    def _fit_rows(self) -> None:
        frame = 2 * self.frameWidth()
        self.setMinimumHeight(self.MIN_ROWS * self.row_height() + frame)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        rows = min(max(self.count(), self.MIN_ROWS), self.MIN_ROWS + 2)
        return QSize(hint.width(), rows * self.row_height() + 2 * self.frameWidth())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()

    def set_items(self, choices: list[tuple[int, str]], checked: list[int]) -> None:
        self.blockSignals(True)
        self.clear()
        for pid, name in choices:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pid in checked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)
        self._fit_rows()


class BasicPage(FieldPage):
    """基本情况: the registration fields in the order of the paper 受理登记表."""

    PREVENTIONS = ("prevent_criminal", "prevent_petition", "prevent_fight", "prevent_suicide")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        right_box = QVBoxLayout()
        right_box.addLayout(right)
        right_box.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right_box, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.add(left, "committee_code", self.tr("Committee"), SearchCombo())
        self.add(left, "grid_code", self.tr("Grid"), SearchCombo())
        self.add(left, "received_on", self.tr("Registration date"), DateEdit())
        self.add(left, "source", self.tr("Case source"), SearchCombo())
        self.add(left, "dispute_type", self.tr("Dispute type"), SearchCombo())
        self.add(left, "difficulty", self.tr("Difficulty class"), SearchCombo())
        self.add(left, "summary", self.tr("Summary of the dispute"), TextEdit(lines=3))
        # under the summary, which gives up its spare height: never fewer than
        # MediatorList.MIN_ROWS rows, whatever the text size
        self.mediators = MediatorList()
        box, self.errors["mediator_ids"] = with_error(self.mediators)
        self.labels["mediator_ids"] = self.tr("Mediators")
        left.addRow(self.labels["mediator_ids"], box)
        self.mediators.itemChanged.connect(lambda _i: self._edited("mediator_ids"))
        self._build_right(right)

    def _build_right(self, form: QFormLayout) -> None:
        self._build_case_no(form)
        amount = self.add(form, "amount_yuan", self.tr("Amount involved (yuan)"), QLineEdit())
        amount.setMaximumWidth(140)
        self.add(form, "people_involved", self.tr("People involved"), _int_edit())
        self.add(form, "mass_dispute", self.tr("Mass dispute"), QCheckBox())
        prevention = QGroupBox(self.tr("Prevention results (persons)"))
        pform = QFormLayout(prevention)
        labels = (self.tr("Prevented civil-to-criminal"), self.tr("Prevented mass petition"),
                  self.tr("Prevented mass fight"), self.tr("Prevented suicide"))
        for name, label in zip(self.PREVENTIONS, labels, strict=True):
            self.add(pform, name, label, _int_edit())
        form.addRow(prevention)
        status = QGroupBox(self.tr("Status (changed by the actions above)"))
        sform = QFormLayout(status)
        self.add(sform, "accepted_on", self.tr("Acceptance date"), _readonly())
        self.add(sform, "closed_on", self.tr("Closing date"), _readonly())
        self.add(sform, "agreement_form", self.tr("Agreement form"), _readonly())
        self.add(sform, "outcome_note", self.tr("Outcome note"), _readonly())
        missing = self.add(sform, "file_missing", self.tr("Case file lacks"), _readonly())
        missing.setToolTip(self.tr("Items the completeness rules require (以案定补)."))
        form.addRow(status)

    # ---- case number ----------------------------------------------------------------------
    def _build_case_no(self, form: QFormLayout) -> None:
        """案号: assigned from the template when saved, so read-only and out of the Tab
        order; "修改案号" allows a number typed by hand (e.g. an old paper case)."""
        edit = _readonly()
        edit.setPlaceholderText(self.tr("(numbered automatically when saved)"))
        self.case_no_button = QPushButton(self.tr("Edit case &number"))
        self.case_no_button.setCheckable(True)
        self.case_no_button.setToolTip(self.tr("Only for a number not made from the template, e.g. an old paper case."))  # noqa: E501
        self.case_no_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.case_no_button.toggled.connect(self.set_case_no_manual)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(self.case_no_button)
        box, self.errors["case_no"] = with_error(row)
        self.widgets["case_no"] = edit
        self.labels["case_no"] = self.tr("Case number")
        form.addRow(self.labels["case_no"], box)
        self._connect("case_no", edit)
        self._case_no_base = ""

    def set_case_no_manual(self, manual: bool) -> None:
        """Let the number be typed (``manual``) or go back to the number it had."""
        edit = self.widgets["case_no"]
        assert isinstance(edit, QLineEdit)  # made by _build_case_no
        edit.setReadOnly(not manual)
        edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus if manual else Qt.FocusPolicy.NoFocus)
        edit.setStyleSheet("" if manual else _READONLY_STYLE)
        self.case_no_button.blockSignals(True)
        self.case_no_button.setChecked(manual)
        self.case_no_button.blockSignals(False)
        self.case_no_button.setText(self.tr("Cancel the change") if manual
                                    else self.tr("Edit case &number"))
        if manual:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()
        elif edit.text() != self._case_no_base:
            edit.setText(self._case_no_base)

    def set_value(self, name: str, value: Any) -> None:
        super().set_value(name, value)
        if name == "case_no":
            self._case_no_base = str(value or "")
            self.set_case_no_manual(False)

    # ---- mediators ------------------------------------------------------------------------
    def set_mediator_choices(self, choices: list[tuple[int, str]], checked: list[int]) -> None:
        self.mediators.set_items(choices, checked)

    def mediator_ids(self) -> list[int]:
        items = (self.mediators.item(i) for i in range(self.mediators.count()))
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i.checkState() == Qt.CheckState.Checked]


class AgreementPage(FieldPage):
    """协议: the agreement (law art. 29) and what became of it."""

    numberRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(PROMPT_STYLE)
        self.prompt.hide()
        outer.addWidget(self.prompt)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        left, right = QFormLayout(), QFormLayout()
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        forms = [f.value for f in AgreementForm]
        self.add(left, "agreement.form", self.tr("Agreement form"), EnumCombo(forms))
        self._build_number(left)
        self.add(left, "agreement.signed_on", self.tr("Signed on"), DateEdit())
        self.add(left, "agreement.facts", self.tr("Main facts"), TextEdit(lines=2))
        self.add(left, "agreement.disputed_matters", self.tr("Disputed matters"),
                 TextEdit(lines=2))
        self.add(left, "agreement.responsibilities", self.tr("Responsibilities"),
                 TextEdit(lines=2))
        self.add(left, "agreement.terms", self.tr("Agreed terms"), TextEdit(lines=3))
        self.add(right, "agreement.performance_manner", self.tr("Manner of performance"),
                 QLineEdit())
        self.add(right, "agreement.performance_place", self.tr("Place of performance"),
                 QLineEdit())
        self.add(right, "agreement.performance_deadline", self.tr("Performance deadline"),
                 DateEdit())
        perf = [p.value for p in Performance]
        self.add(right, "performance", self.tr("Performance"), EnumCombo(perf))
        self.add(right, "judicial_confirmed", self.tr("Judicially confirmed"), QCheckBox())
        self.add(right, "judicial_confirmed_on", self.tr("Judicial confirmation date"),
                 DateEdit())
        self.add(right, "archived", self.tr("Archived"), QCheckBox())
        note = QLabel(self.tr("Oral agreements are recorded here too (口头协议登记)."))
        note.setWordWrap(True)
        note.setEnabled(False)
        right.addRow(note)

    def _build_number(self, form: QFormLayout) -> None:
        """协议编号 with "下一个编号": the committee's next number from the template."""
        name = "agreement.agreement_no"
        edit = QLineEdit()
        self.number_button = QPushButton(self.tr("Next number"))
        self.number_button.setToolTip(self.tr("The committee's next agreement number of the year, from the template in the settings."))  # noqa: E501
        self.number_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.number_button.clicked.connect(self.numberRequested)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(self.number_button)
        box, self.errors[name] = with_error(row)
        self.widgets[name] = edit
        self.labels[name] = self.tr("Agreement number")
        form.addRow(self.labels[name], box)
        self._connect(name, edit)

    def show_prompt(self, text: str) -> None:
        """A note above the fields (e.g. asking for the terms after 调解成功); "" hides it."""
        self.prompt.setText(text)
        self.prompt.setVisible(bool(text))
