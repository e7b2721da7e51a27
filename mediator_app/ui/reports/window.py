"""The reports window (统计报表): choose a period and a scope, preview the sheet (main
figures, types, sources and prevention, month by month), drill into any figure, print,
save PDF / CSV / XLSX, and review / submit the month (审核上报)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.errors import DomainError
from mediator_app.domain.file_names import default_file_name
from mediator_app.domain.messages import message
from mediator_app.domain.periods import Period
from mediator_app.domain.progress import Cancelled
from mediator_app.reports.sheet_html import sheet_html
from mediator_app.reports.tables import Sheet
from mediator_app.services.organisation import lookups
from mediator_app.services.reading import Read
from mediator_app.services.statistics import files as report_files
from mediator_app.services.statistics import submissions
from mediator_app.services.statistics.bundle import Bundle, load_bundle
from mediator_app.services.statistics.report import Report
from mediator_app.services.statistics.sheet import build_sheet
from mediator_app.services.statistics.snapshot import report_from_dict
from mediator_app.ui.context import AppContext
from mediator_app.ui.qt_helpers import timer
from mediator_app.ui.reports import output
from mediator_app.ui.reports.drill import DrillDialog, load_lines
from mediator_app.ui.reports.models import (
    DRILL_ROLE,
    FigureTableModel,
    TableData,
    months_table,
    sheet_tables,
)
from mediator_app.ui.reports.pickers import PeriodPicker, ScopePicker
from mediator_app.ui.reports.progress import run_with_progress
from mediator_app.ui.reports.submission import BANNER_STYLE, SubmissionPanel, short_time
from mediator_app.ui.reports.subsidy_panel import SubsidyPanel

TAB_MAIN, TAB_TYPES, TAB_OTHER, TAB_MONTHS, TAB_SUBMIT = range(5)
DEBOUNCE_MS = 300
MIN_COLUMN_WIDTH = 64
HEADLINE_SCALE = 1.3


def _wrapping(label: QLabel) -> QLabel:
    """A label that wraps and never widens the window (long paths are cut instead)."""
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label


class ReportsWindow(QWidget):
    def __init__(self, ctx: AppContext, scope_code: str | None = None,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.as_of = today or date.today()
        self.bundle: Bundle | None = None
        self.showing_submitted = False
        self.drill_dialog: DrillDialog | None = None
        self.tables: list[TableData] = []
        self._generation = 0
        self._timer = timer(self, DEBOUNCE_MS, self.refresh, single_shot=True)
        self._refit_timer = timer(self, 0, self.refit, single_shot=True)
        self.setWindowTitle(self.tr("Statistics reports"))
        self.resize(1320, 820)
        self._build()
        self._choose_scope(scope_code)
        self.period_picker.changed.connect(self._timer.start)
        self.scope_picker.keyChanged.connect(lambda _k: self._timer.start())
        self.refresh()

    # ---- building -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        self.headline = QLabel(self)
        self._size_headline()
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline.setWordWrap(True)
        row = QHBoxLayout()  # the headline, and the output buttons on its right
        row.addWidget(self.headline, 1)
        for key in ("print", "pdf", "district", "csv", "xlsx"):
            row.addWidget(self.buttons[key])
        layout.addLayout(row)
        self.info = QLabel(self)
        self.mode = QLabel(self)
        self.mode.setStyleSheet("background: #e3f2fd; padding: 4px;")
        self.mode.hide()
        self.changed_notice = QLabel(self)
        self.changed_notice.setStyleSheet(BANNER_STYLE)
        self.changed_notice.hide()
        for w in (self.info, self.mode, self.changed_notice):
            _wrapping(w)
            layout.addWidget(w)
        self.tabs = QTabWidget(self)
        self.views = [self._view() for _ in range(4)]
        for view, title in zip(self.views, (self.tr("Disputes and handling"),
                                            self.tr("By dispute type"),
                                            self.tr("Sources and prevention"),
                                            self.tr("By month")), strict=True):
            self.tabs.addTab(view, title)
        self.submission = SubmissionPanel(self.ctx.lang, self)
        self.submission.reviewRequested.connect(self.review)
        self.submission.submitRequested.connect(self.submit)
        self.submission.showSubmittedChanged.connect(self.set_show_submitted)
        self.tabs.addTab(self.submission, self.tr("Review and submit"))
        self.subsidy = SubsidyPanel(self.ctx, lambda: (self.period(), self.scope_picker.scope()),
                                    self)
        self.tabs.addTab(self.subsidy, self.tr("Case subsidies"))
        for table in (*self.views, self.submission.units):
            table.installEventFilter(self)
        layout.addWidget(self.tabs, 1)
        self.checks = _wrapping(QLabel(self))
        self.status = _wrapping(QLabel(self))  # e.g. "已保存 <a long path>"
        layout.addWidget(self.checks)
        layout.addWidget(self.status)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.period_picker = PeriodPicker(self.as_of, self)
        self.scope_picker = ScopePicker(self.ctx, self)
        bar.addWidget(QLabel(self.tr("Period:"), self))
        bar.addWidget(self.period_picker)
        bar.addWidget(QLabel(self.tr("Scope:"), self))
        bar.addWidget(self.scope_picker, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("refresh", self.tr("Refresh"), self.refresh),
                                ("print", self.tr("Print…"), self.print_preview),
                                ("pdf", self.tr("Save PDF…"), self.save_pdf),
                                ("district", self.tr("Report with chart (PDF)…"),
                                 self.save_district_pdf),
                                ("csv", self.tr("Save CSV…"), self.save_csv),
                                ("xlsx", self.tr("Save XLSX…"), self.save_xlsx)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
        bar.addWidget(self.buttons["refresh"])  # the others go beside the headline
        return bar

    def _view(self) -> QTableView:
        view = QTableView(self)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(True)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        view.doubleClicked.connect(self.drill)
        return view

    def _choose_scope(self, code: str | None) -> None:
        district = lookups.setting(self.ctx.read_db, "district_code")
        for candidate in (code, district):
            if candidate and self.scope_picker.findData(candidate) >= 0:
                self.scope_picker.set_key(candidate)
                return
        if self.scope_picker.count():
            self.scope_picker.setCurrentIndex(0)

    # ---- choosing --------------------------------------------------------------------------
    def set_period(self, period: Period) -> None:
        self.period_picker.set_period(period)
        self.refresh()

    def set_scope(self, code: str) -> None:
        self.scope_picker.set_key(code)
        self.refresh()

    def period(self) -> Period:
        return self.period_picker.period()

    # ---- building the report ---------------------------------------------------------------
    def refresh(self) -> None:
        self._timer.stop()
        scope, period, lang = self.scope_picker.scope(), self.period(), self.ctx.lang
        if not scope:
            self.status.setText(self.tr("Choose a unit or a committee."))
            return
        self.subsidy.invalidate()
        self._generation += 1
        generation, as_of = self._generation, self.as_of

        def job(db: Any, progress: Any, cancelled: Callable[[], bool]) -> Bundle:
            bundle = load_bundle(db, scope=scope, period=period, as_of=as_of, lang=lang,
                                 progress=progress, cancel=cancelled)
            bundle.generation = generation
            return bundle

        self.status.setText(self.tr("Building the report…"))
        run_with_progress(self.ctx, self, self.tr("Building the report…"), job,
                          self._loaded, self._failed)

    def _loaded(self, bundle: Bundle) -> None:
        if bundle.generation != self._generation:
            return  # a newer request is on its way
        self.bundle = bundle
        if bundle.submission.submitted is None:
            self.showing_submitted = False
        self._show()
        self.status.setText("")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled."))
            return
        text = (message(exc.first, self.ctx.lang) if isinstance(exc, DomainError)
                else self.ctx.error_text(exc, "report"))
        self.status.setText(text)
        self.ctx.dialogs.error(self.tr("Statistics reports"), text)

    # ---- what is shown ---------------------------------------------------------------------
    def current_report(self) -> Report | None:
        """The live report, or the submitted snapshot when reprinting."""
        if self.bundle is None:
            return None
        sub = self.bundle.submission.submitted
        if self.showing_submitted and sub is not None:
            return report_from_dict(sub.snapshot)
        return self.bundle.report

    def current_sheet(self) -> Sheet | None:
        if self.bundle is None:
            return None
        if not self.showing_submitted or self.bundle.submission.submitted is None:
            return self.bundle.sheet
        report = self.current_report()
        assert report is not None
        return build_sheet(report, lang=self.ctx.lang, today=report.as_of,
                           signatory=self.bundle.signatory)

    def _show(self) -> None:
        bundle = self.bundle
        assert bundle is not None
        sheet, live = self.current_sheet(), not self.showing_submitted
        assert sheet is not None
        shown = Bundle(self.current_report() or bundle.report, sheet, bundle.months,
                       bundle.submission)
        self.tables = sheet_tables(shown, drillable=live)
        self.tables.append(months_table(bundle, self.tr("Calendar month"), drillable=True))
        for view, table in zip(self.views, self.tables, strict=True):
            view.setModel(FigureTableModel(table, view))
            self._fit(view)
        self.headline.setText(sheet.headline)
        colon = getattr(sheet, "colon", "：")
        self.info.setText("　".join(f"{k}{colon}{v}" for k, v in sheet.meta[:3]))
        self.checks.setText("\n".join(sheet.checks))
        self._show_mode()
        self._show_changed_notice()
        self.submission.show_state(bundle.submission, readonly=self.ctx.readonly)

    def _show_changed_notice(self) -> None:
        state = self.bundle.submission if self.bundle else None
        diffs = state.diffs if state is not None and state.submitted is not None else []
        text = self.tr("Changed since submission: {n} differences (see Review and submit).")
        self.changed_notice.setText(text.format(n=len(diffs)) if diffs else "")
        self.changed_notice.setVisible(bool(diffs))

    def _fit(self, view: QTableView) -> None:
        header = view.horizontalHeader()
        header.setMinimumSectionSize(MIN_COLUMN_WIDTH)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        view.resizeColumnToContents(1)
        view.resizeRowsToContents()

    # ---- text size ------------------------------------------------------------------------
    def _size_headline(self) -> None:
        """The headline is HEADLINE_SCALE times the body text, bold, at every text size
        (a font set on a widget no longer follows the application's)."""
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * HEADLINE_SCALE)
        font.setBold(True)
        self.headline.setFont(font)

    def event(self, event: QEvent) -> bool:
        built = hasattr(self, "submission")
        if built and event.type() in (QEvent.Type.ApplicationFontChange,
                                      QEvent.Type.FontChange):
            self._size_headline()
            self._refit_timer.start()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if event.type() == QEvent.Type.FontChange:
            self._refit_timer.start()  # again once this table has its new font
        return False

    def refit(self) -> None:
        """Columns and rows sized to their content again (after a text-size change: the
        unit-name column and the row heights are sized once when the figures come in,
        so a larger text would be cut off, e.g. "秦川区（本…" or a 化解率 without its
        fraction)."""
        for view in self.views:
            if view.model() is not None:
                self._fit(view)
        self.submission.refit()

    def _show_mode(self) -> None:
        sub = self.bundle.submission.submitted if self.bundle else None
        if self.showing_submitted and sub is not None:
            text = self.tr("Submitted figures: version {v}, by {who} at {at}.")
            note = self.tr("The By month tab and the case lists show the current data.")
            self.mode.setText(text.format(who=sub.submitted_by, at=short_time(sub.submitted_at),
                                          v=sub.version) + " " + note)
            self.mode.show()
        else:
            self.mode.hide()

    def set_show_submitted(self, on: bool) -> None:
        self.showing_submitted = bool(on)
        if self.bundle is not None:
            self._show()

    # ---- drill-down ------------------------------------------------------------------------
    def drill(self, index: QModelIndex) -> None:
        target = index.data(DRILL_ROLE)
        if target is None:
            return
        run_with_progress(self.ctx, self, self.tr("Finding the cases…"),
                          lambda db, _p, _c: load_lines(db, target),
                          lambda result: self._show_drill(target, *result), self._failed)

    def _show_drill(self, target: Any, total: int, lines: list[Any]) -> None:
        if self.drill_dialog is not None:
            self.drill_dialog.close()
        self.drill_dialog = DrillDialog(self.ctx, target, total, lines, self)
        self.drill_dialog.show()

    # ---- review and submit -----------------------------------------------------------------
    def review(self) -> None:
        self._submission_action(submissions.review_month, self.tr("The month was reviewed."))

    def submit(self) -> None:
        report = self.current_report()
        if report is None or self.bundle is None:
            return
        text = self.submission.confirm_text(report.scope.name,
                                            report.period.shown(self.ctx.lang),
                                            self.bundle.submission.units)
        if not self.ctx.dialogs.confirm(self.tr("Submit"), text):
            return
        self._submission_action(submissions.submit_month, self.tr("The month was submitted."))

    def _submission_action(self, action: Callable[..., Any], done_text: str) -> None:
        """Run ``action`` (review / submit), then rebuild everything shown from the
        database: the status line, the completeness table and its summary, the banner and
        whether 上报 is possible."""
        bundle, lang, user, as_of = self.bundle, self.ctx.lang, self.ctx.user, self.as_of
        if bundle is None:
            return
        scope, period = bundle.report.scope.code, bundle.report.period
        self._generation += 1
        generation = self._generation

        def job(db: Any) -> Bundle:
            action(db, scope, period, user=user)
            fresh = load_bundle(db, scope=scope, period=period, as_of=as_of, lang=lang)
            fresh.generation = generation
            return fresh

        def done(fresh: Bundle) -> None:
            self._loaded(fresh)
            self.status.setText(done_text)

        def failed(exc: BaseException) -> None:
            text = (message(exc.first, lang) if isinstance(exc, DomainError)
                    else self.ctx.error_text(exc, "report"))
            self.ctx.dialogs.error(self.tr("Review and submit"), text)
            if isinstance(exc, DomainError):
                self.refresh()  # e.g. the figures changed since they were loaded

        self.ctx.runner.run(job, done, failed)

    # ---- printing and saving ---------------------------------------------------------------
    def file_name(self, word: str, ext: str, *, from_snapshot: bool = True) -> str:
        """The suggested name: ``秦川区_2026年10月_统计表.pdf`` (``word``: 统计表 or
        情况报告), with ``_已上报`` when the file holds the submitted figures."""
        report = self.current_report()
        if report is None:
            return f"{word}.{ext}"
        marked = from_snapshot and self.showing_submitted
        words = [word] + ([self.tr("submitted")] if marked else [])
        return default_file_name(report.scope.name, report.period, words, ext, self.ctx.lang)

    def print_html(self) -> str:
        sheet = self.current_sheet()
        return sheet_html(sheet, self.mode.text() if self.showing_submitted else "") \
            if sheet else ""

    def print_to(self, printer: QPrinter) -> None:
        output.print_html(self.print_html(), printer)

    def print_preview(self) -> None:
        if self.bundle is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        output.configure_printer(printer)
        preview = QPrintPreviewDialog(printer, self)
        preview.paintRequested.connect(self.print_to)
        preview.exec()

    def print_direct(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        output.configure_printer(printer)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def _save(self, name: str, filter_text: str, write: Callable[[str, Read], int]) -> None:
        """Ask where to save (suggesting ``name``), then ``write(path, read)`` on a
        render thread (reading, if at all, through ``read`` on the database worker)."""
        if self.bundle is None:
            return
        path = self.ctx.dialogs.save_file(self.tr("Save the report"), name, filter_text)
        if not path:
            return
        run_with_progress(self.ctx, self, self.tr("Saving {path}…").format(path=path),
                          lambda read, _p, _c: write(path, read),
                          lambda _n: self.status.setText(
                              self.tr("Saved {path}").format(path=path)),
                          self._failed, renders=True)

    def save_pdf(self) -> None:
        report, lang = self.current_report(), self.ctx.lang
        if report is None:
            return
        signatory = self.bundle.signatory if self.bundle else ""
        self._save(self.file_name(self.tr("sheet"), "pdf"), self.tr("PDF files (*.pdf)"),
                   lambda path, _db: report_files.write_pdf(path, report, lang, signatory))

    def save_district_pdf(self) -> None:
        """The narrative report (区报告): headline, tables by unit, type and month, and
        the monthly trend chart — for a year or any period and scope."""
        report, lang = self.current_report(), self.ctx.lang
        if report is None:
            return
        name = self.file_name(self.tr("report"), "pdf", from_snapshot=False)  # live data
        self._save(name, self.tr("PDF files (*.pdf)"),
                   lambda path, read: report_files.write_district_pdf(path, read, report, lang))

    def save_csv(self) -> None:
        report = self.current_report()
        if report is None:
            return
        self._save(self.file_name(self.tr("sheet"), "csv"), self.tr("CSV files (*.csv)"),
                   lambda path, _db: report_files.write_csv(path, report))

    def save_xlsx(self) -> None:
        names = [self.tabs.tabText(i) for i in range(len(self.tables))]
        named = list(zip(names, self.tables, strict=True))
        self._save(self.file_name(self.tr("sheet"), "xlsx"),
                   self.tr("Excel workbooks (*.xlsx)"),
                   lambda path, _db: report_files.write_xlsx(path, output.xlsx_sheets(named)))
