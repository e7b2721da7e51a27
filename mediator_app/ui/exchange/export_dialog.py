"""Exporting cases for another ledger (issue 5 §1): an exchange package (.zip), cases.csv
or cases.xlsx, for one org unit (type-ahead) and an optional range of registration dates.
Personal data of the parties goes only into a package, and only when asked for."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message as render_problem
from mediator_app.services import ledger
from mediator_app.services.exchange import case_exchange
from mediator_app.services.exchange.package import PackageManifest
from mediator_app.services.exchange.package_export import export_package
from mediator_app.ui.case_form.widgets import SearchCombo
from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.preview_page import ERROR_STYLE, OK_STYLE
from mediator_app.ui.reports.pickers import unit_choices
from mediator_app.ui.tasks import ProgressJob
from mediator_app.ui.trust import packages  # issue 9: sealed with a password

FORMATS = ("package", "csv", "xlsx")
SUFFIX = {"package": ".zip", "csv": ".csv", "xlsx": ".xlsx"}
WARN_STYLE = "color: #8a5a00;"


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def exported_count(result: int | PackageManifest) -> int:
    """Cases written: ``export_cases*`` return it, a package's manifest counts it."""
    if isinstance(result, PackageManifest):
        return int(result.files["cases.csv"]["rows"])
    return result


class ExportDialog(QDialog):
    """``exported(path)`` is emitted when a file was written."""

    exported = Signal(str)

    def __init__(self, ctx: AppContext, scope_code: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: ProgressJob | None = None
        self.written_path: str | None = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export cases"))
        self._build()
        self.scope.set_key(scope_code or "")
        self._format_changed()

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.scope = SearchCombo(self)
        self.scope.set_choices(unit_choices(self.ctx), keep=False)
        self.scope.line_edit().setPlaceholderText(self.tr("Whole ledger (type to choose a unit)"))
        self.use_dates = QCheckBox(self.tr("Only cases registered from"), self)
        today = date.today()
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, value in ((self.date_from, date(today.year, 1, 1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        dates = QHBoxLayout()
        for w in (self.use_dates, self.date_from, QLabel(self.tr("to"), self), self.date_to):
            dates.addWidget(w)
        dates.addStretch(1)
        self.format = QComboBox(self)
        self.format.addItem(self.tr("Exchange package (.zip) — for another ledger"), "package")
        self.format.addItem(self.tr("cases.csv — exchange format v1"), "csv")
        self.format.addItem(self.tr("cases.xlsx — for reading in Excel or WPS"), "xlsx")
        self.format.currentIndexChanged.connect(self._format_changed)
        self.personal = QCheckBox(self.tr("Include personal data of the parties"), self)
        self.personal.toggled.connect(self._personal_changed)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.contents = QLabel(self)
        self.contents.setObjectName("exportContents")
        self.contents.setWordWrap(True)
        self.contents.setTextFormat(Qt.TextFormat.RichText)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("Choose where to save the file"))
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.clicked.connect(self.choose_path)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Unit:"), self.scope)
        form.addRow(self.tr("Dates:"), dates)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow("", self.personal)
        form.addRow("", self.warning)
        form.addRow(self.tr("Contents:"), self.contents)
        form.addRow(self.tr("Save to:"), target)
        self._build_footer(form)

    def _build_footer(self, form: QFormLayout) -> None:
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("exportResult")
        self.open_folder = QPushButton(self.tr("Open folder"), self)
        self.open_folder.clicked.connect(self.show_folder)
        self.open_folder.hide()
        done = QHBoxLayout()
        done.addWidget(self.result_label, 1)
        done.addWidget(self.open_folder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(done)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(760, 480)

    # ---- state --------------------------------------------------------------------------
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        package = self.fmt() == "package"
        self.personal.setEnabled(package)
        if not package:
            self.personal.setChecked(False)
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(SUFFIX[self.fmt()])))
        self._personal_changed(self.personal.isChecked())

    def _personal_changed(self, checked: bool) -> None:
        if checked:
            self.warning.setText(self.tr(
                "The package will contain the parties' names, ID numbers, phone numbers and "
                "addresses. A mediator who discloses parties' private information may be "
                "dismissed (People's Mediation Law, art. 15). Give the file only to the "
                "ledger that needs it, never through group chats or public e-mail, and "
                "delete copies you no longer need."))
            self.warning.setStyleSheet(ERROR_STYLE)
        elif self.fmt() == "package":
            self.warning.setText(self.tr(
                "Without personal data: the parties' names, ID numbers, phones and addresses "
                "are left out (People's Mediation Law, art. 15: parties' private information "
                "must not be disclosed)."))
            self.warning.setStyleSheet(WARN_STYLE)
        else:
            self.warning.setText(self.tr(
                "cases.csv and cases.xlsx never contain the parties' personal data."))
            self.warning.setStyleSheet(WARN_STYLE)

        travels, stays = self.what_travels(self.fmt(), checked)
        self.contents.setText(self.tr("<b>Goes into the file:</b> {travels}<br>"
                                      "<b>Stays in this ledger:</b> {stays}")
                              .format(travels=html.escape(travels), stays=html.escape(stays)))

    def what_travels(self, fmt: str, personal: bool) -> tuple[str, str]:
        """(what goes into the file, what stays here), as the user should read it before
        exporting (issue 8 item 7, issue 12 item 2; docs/exchange.md lists the files)."""
        cases = self.tr("the cases (case number, committee, grid, source, dispute type, "
                        "dates, status, agreement form, amount, people involved, summary — "
                        "write no names into summaries)")
        if fmt != "package":
            return cases, self.tr(
                "everything else: the parties and their personal data, investigation and "
                "mediation records, agreements, follow-ups, performance and judicial "
                "confirmation, the organisation and its people")
        common = self.tr(
            "{cases}; performance, judicial confirmation and the other statistical columns; "
            "the units and committees; the names of their mediators and grid workers; "
            "agreements without their contents (form, number, date signed, performance "
            "deadline); follow-ups without their contents (date, agreement number, "
            "performance, satisfaction)").format(cases=cases)
        if personal:
            return (self.tr("{common}; and the personal data: the parties (names, ID "
                            "numbers, phones, addresses), investigation and mediation "
                            "records, the full agreements and follow-ups, mediators' "
                            "phones").format(common=common),
                    self.tr("which mediators were assigned to each case; documents, "
                            "settings and logs of this ledger"))
        return common, self.tr(
            "the parties (names, ID numbers, phones, addresses); investigation and mediation "
            "records; the contents of agreements (facts, matters in dispute, "
            "responsibilities, terms, manner and place of performance); who was visited, "
            "who visited, remaining risks and notes of follow-ups; mediators' phones; which "
            "mediators were assigned to each case")

    def _suggested_name(self) -> str:
        scope = self.scope.current_key() or "all"
        return f"cases-{scope}-{date.today():%Y%m%d}{SUFFIX[self.fmt()]}"

    def choose_path(self) -> str | None:
        patterns = {"package": self.tr("Exchange package (*.zip)"),
                    "csv": self.tr("CSV file (*.csv)"),
                    "xlsx": self.tr("Excel workbook (*.xlsx)")}
        suggested = self.path.text().strip() or self._suggested_name()
        path = self.ctx.dialogs.save_file(self.tr("Export cases"), suggested,
                                          patterns[self.fmt()])
        if path:
            if not path.lower().endswith(SUFFIX[self.fmt()]):
                path += SUFFIX[self.fmt()]
            self.path.setText(path)
        return path or None

    def date_range(self) -> tuple[date | None, date | None]:
        if not self.use_dates.isChecked():
            return None, None
        first, last = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        return min(first, last), max(first, last)

    # ---- export -------------------------------------------------------------------------
    def _check_inputs(self) -> str | None:
        """The scope code ("" = whole ledger), or None after saying what is wrong."""
        typed = self.scope.currentText().strip()
        code = self.scope.current_key()
        if typed and not code:
            self._say(self.tr("Unknown unit “{text}”: choose one from the list, or clear "
                              "the field to export the whole ledger.").format(text=typed),
                      ERROR_STYLE)
            return None
        return code

    def export(self) -> None:
        code = self._check_inputs()
        if code is None:
            return
        path = self.path.text().strip() or self.choose_path()
        if not path:
            return
        if not Path(path).suffix:  # typed without one: a file Windows could not open
            path += SUFFIX[self.fmt()]
            self.path.setText(path)
        if self.personal.isChecked() and not self.ctx.dialogs.confirm(
                self.tr("Personal data"),
                self.tr("Export the parties' personal data into {name}?").format(
                    name=Path(path).name)):
            return
        self.package_password: str | None = None
        if (self.fmt() == "package" and self.personal.isChecked()
                and ledger.ledger_key(self.ctx.read_db) is not None):
            self.package_password = packages.ask(self, self.ctx.lang, confirm=True)
            if not self.package_password:
                return
        self._start(path, code or None)

    def _job(self, path: str, scope: str | None) -> Callable[..., int | PackageManifest]:
        first, last = self.date_range()
        fmt, personal = self.fmt(), self.personal.isChecked()
        password = getattr(self, "package_password", None)
        kw: dict[str, Any] = {"scope": scope, "date_from": first, "date_to": last}

        def run(db: Any, progress: Callable[[int, int], None],
                _cancelled: Callable[[], bool]) -> int | PackageManifest:
            if fmt == "package":
                return export_package(db, path, with_personal_data=personal,
                                      progress=progress, package_password=password, **kw)
            if fmt == "xlsx":
                return case_exchange.export_cases_xlsx(db, path, progress=progress, **kw)
            return case_exchange.export_cases(db, path, progress=progress, **kw)

        return run

    def _start(self, path: str, scope: str | None) -> None:
        job = ProgressJob(self.ctx, self, self.tr("Exporting cases…"), self._job(path, scope),
                          title=self.tr("Export"), cancellable=False)
        job.finished.connect(lambda result: self._done(path, result))
        job.failed.connect(self._failed)
        self.job = job
        self.export_button.setEnabled(False)
        self._say(self.tr("Exporting…"), "")
        self.open_folder.hide()
        job.start()

    def _done(self, path: str, result: int | PackageManifest) -> None:
        self.export_button.setEnabled(True)
        self.written_path = path
        text = self.tr("Exported {n} case(s) to {path}").format(n=exported_count(result),
                                                                path=path)
        self._say(text, OK_STYLE)
        self.open_folder.show()
        self.exported.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, DomainError):
            message = render_problem(exc.first, self.ctx.lang)
        else:
            message = self.ctx.error_reason(exc, "export")
        self._say(self.tr("The export failed: {error}. No file was written.").format(
            error=message), ERROR_STYLE)

    def _say(self, text: str, style: str) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(style)

    def show_folder(self) -> None:
        if self.written_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.written_path).parent)))
