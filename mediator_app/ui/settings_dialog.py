"""Settings: the district, case-number template, rate rule, the name printed on sheets
(stored in the database, shared by every user of the file) and the language and text
size (stored per user in QSettings)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.casenumber import format_case_no, validate_template
from mediator_app.domain.errors import DomainError, Problem
from mediator_app.domain.messages import message
from mediator_app.domain.rates import MAX_DECIMALS
from mediator_app.services import settings as settings_service
from mediator_app.ui import prefs
from mediator_app.ui.context import AppContext

LANGUAGE_NAMES = {"zh": "简体中文", "en": "English"}


class FittingScrollArea(QScrollArea):
    """As large as its contents when the screen allows, scrolling only when it doesn't
    (large text on a small screen keeps OK and Cancel visible)."""

    def __init__(self, body: QWidget):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(body)

    def sizeHint(self) -> QSize:
        body = self.widget()
        hint = body.sizeHint() if body is not None else QSize()
        slack = 2 * self.frameWidth() + 4  # no scroll bar merely from rounding
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(),
                     hint.height() + slack)


class SettingsDialog(QDialog):
    applied = Signal(dict)  # the database settings written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(min(560, self._available().width()))
        self._build()
        self.ctx.runner.run(settings_service.load_settings, self._loaded)

    # ---- building --------------------------------------------------------------------
    def _build(self) -> None:
        self.district_name, self.district_code = QLineEdit(), QLineEdit()
        self.district_code.setMaxLength(6)
        self.district_code.setPlaceholderText("610114")
        self.template = QLineEdit()
        self.template_preview = QLabel()
        self.agreement_template = QLineEdit()
        self.agreement_preview = QLabel()
        self.denominator, self.rounding = QComboBox(), QComboBox()
        for code, text in (("disputes", self.tr("Disputes registered (排查纠纷数)")),
                           ("accepted", self.tr("Cases accepted (受理数)")),
                           ("mediated", self.tr("Cases concluded (resolved + terminated)"))):
            self.denominator.addItem(text, code)
        self.rounding.addItem(self.tr("Truncate (as published by the district)"), "truncate")
        self.rounding.addItem(self.tr("Round half up"), "half_up")
        self.decimals, self.overdue_days, self.followup_days = QSpinBox(), QSpinBox(), QSpinBox()
        self.decimals.setRange(0, min(4, MAX_DECIMALS))
        for spin in (self.overdue_days, self.followup_days):
            spin.setRange(1, 365)
            spin.setSuffix(self.tr(" days"))
        self.signatory = QLineEdit()
        self.language, self.text_size = QComboBox(), QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language_now = QLabel(LANGUAGE_NAMES.get(self.ctx.lang, self.ctx.lang))
        self.language_now.setObjectName("languageNow")
        for scale, text in zip(prefs.TEXT_SCALES, (self.tr("Normal"), self.tr("Large"),
                                                   self.tr("Extra large")), strict=True):
            self.text_size.addItem(text, scale)
        self.problems = QLabel()
        self.problems.setObjectName("settingsProblems")
        self.problems.setStyleSheet("color: #b00020")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.template.textChanged.connect(self._preview)
        self.agreement_template.textChanged.connect(
            lambda text: self._preview(text, self.agreement_preview))
        body = QWidget()
        boxes = QVBoxLayout(body)
        boxes.setContentsMargins(0, 0, 0, 0)
        for box in (self._district_box(), self._rules_box(), self._display_box()):
            boxes.addWidget(box)
        self._body = body
        self.scroll_area = FittingScrollArea(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _form_box(self, title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, widget in rows:
            form.addRow(label, widget)
        return box

    def _district_box(self) -> QGroupBox:
        return self._form_box(self.tr("District"), [
            (self.tr("District name:"), self.district_name),
            (self.tr("District code:"), self.district_code),
            (self.tr("Name printed on sheets:"), self.signatory)])

    def _rules_box(self) -> QGroupBox:
        return self._form_box(self.tr("Case numbers and statistics"), [
            (self.tr("Case-number template:"), self.template),
            ("", self.template_preview),
            (self.tr("Agreement-number template:"), self.agreement_template),
            ("", self.agreement_preview),
            (self.tr("Rate denominator:"), self.denominator),
            (self.tr("Rate rounding:"), self.rounding),
            (self.tr("Decimal places:"), self.decimals),
            (self.tr("Overdue after:"), self.overdue_days),
            (self.tr("Follow-up within:"), self.followup_days)])

    def language_overridden(self) -> bool:
        """Whether this session runs in another language than the saved preference
        (the program was started with ``--lang``)."""
        return self.ctx.lang != prefs.language()

    def _display_box(self) -> QGroupBox:
        if self.language_overridden():
            text = self.tr(
                "This session runs in {language} because the program was started with "
                "--lang {code}. The language chosen here is saved for this computer and "
                "applies at the next start without --lang.").format(
                language=LANGUAGE_NAMES.get(self.ctx.lang, self.ctx.lang), code=self.ctx.lang)
        else:
            text = self.tr("A new language applies after restarting the program.")
        self.language_note = QLabel(text)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        return self._form_box(self.tr("Display (this computer only)"), [
            (self.tr("Language in use:"), self.language_now),
            (self.tr("Language at start:"), self.language), ("", self.language_note),
            (self.tr("Text size:"), self.text_size)])

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def setVisible(self, visible: bool) -> None:
        """Sized before it is placed: never taller or wider than the screen (the
        contents scroll instead)."""
        if visible and not self.isVisible():
            self.fit_to_contents()
        super().setVisible(visible)

    def fit_to_contents(self) -> None:
        room = self._available().adjusted(0, 0, -16, -48)  # frame and title bar
        self.resize(self.sizeHint().expandedTo(self.minimumSize()).boundedTo(room.size()))

    # ---- loading -------------------------------------------------------------------
    def _loaded(self, values: dict[str, str]) -> None:
        self.district_name.setText(values.get("district_name", ""))
        self.district_code.setText(values.get("district_code", ""))
        self.template.setText(values.get("case_no_template", ""))
        self.agreement_template.setText(values.get("agreement_no_template", ""))
        self.signatory.setText(values.get("sheet_signatory", ""))
        self._select(self.denominator, values.get("rate_denominator", "disputes"))
        self._select(self.rounding, values.get("rate_rounding", "truncate"))
        self.decimals.setValue(self._int(values.get("rate_decimals"), 2))
        self.overdue_days.setValue(self._int(values.get("overdue_days"), 30))
        self.followup_days.setValue(self._int(values.get("followup_days"), 30))
        self._select(self.language, prefs.language())  # the saved preference
        self._select(self.text_size, prefs.text_scale())
        self._body.adjustSize()
        self.fit_to_contents()  # the loaded texts (e.g. the example number) take room

    @staticmethod
    def _int(text: str | None, default: int) -> int:
        try:
            return int(text or default)
        except ValueError:
            return default

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        combo.setCurrentIndex(max(combo.findData(data), 0))

    def _preview(self, template: str, label: QLabel | None = None) -> None:
        """The number the template makes, in the current year."""
        label = label or self.template_preview
        if validate_template(template):
            label.setText("")
            return
        sample = format_case_no(template, year=date.today().year, short_name="X", serial=12,
                                committee_code="610114001")
        label.setText(self.tr("Example: {number}").format(number=sample))

    # ---- saving ----------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        return {
            "district_name": self.district_name.text().strip(),
            "district_code": self.district_code.text().strip(),
            "case_no_template": self.template.text().strip(),
            "agreement_no_template": self.agreement_template.text().strip(),
            "rate_denominator": str(self.denominator.currentData()),
            "rate_rounding": str(self.rounding.currentData()),
            "rate_decimals": str(self.decimals.value()),
            "sheet_signatory": self.signatory.text().strip(),
            "overdue_days": str(self.overdue_days.value()),
            "followup_days": str(self.followup_days.value()),
        }

    def problems_of(self, values: dict[str, str]) -> list[str]:
        """The service's checks, run here first so that mistakes show at once."""
        return self._texts(settings_service.problems(values))

    def _texts(self, problems: list[Problem]) -> list[str]:
        return [message(p, self.ctx.lang) for p in problems]

    def save(self) -> None:
        values = self.values()
        problems = self.problems_of(values)
        self.problems.setText("\n".join(problems))
        if problems:
            return
        if self.ctx.readonly:
            self.problems.setText(self.tr("The database is open read-only."))
            return
        prefs.set_language(str(self.language.currentData()))
        prefs.set_text_scale(float(self.text_size.currentData()))
        self.ctx.runner.op(lambda db: settings_service.save_settings(db, values),
                            lambda _r: self._saved(values), self._failed)

    def _saved(self, values: dict[str, str]) -> None:
        self.applied.emit(values)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            self.problems.setText("\n".join(self._texts(exc.problems)))
            return
        self.problems.setText(self.tr("Could not save the settings: {error}").format(
            error=self.ctx.error_reason(exc, "save")))
