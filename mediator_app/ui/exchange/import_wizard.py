"""The import wizard (issue 5 §3): choose several packages / cases.csv files, preview a
dry run (counts, change in totals, problems with file / line / column, conflicts,
warnings), then apply with progress and cancel, and see the result.

All work runs on ``ctx.runner``; the import itself is all-or-nothing
(``services.case_exchange.import_cases``), so a cancelled or failed apply writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.files_page import FilesPage
from mediator_app.ui.exchange.jobs import ExchangeJob
from mediator_app.ui.exchange.outcome import Outcome, is_cancelled, run_import
from mediator_app.ui.exchange.preview_page import (
    ERROR_STYLE,
    OK_STYLE,
    OutcomeView,
    PreviewPage,
)

PAGE_FILES, PAGE_PREVIEW, PAGE_APPLY = 0, 1, 2


class ApplyPage(QWizardPage):
    """Runs the real import and shows what it did (or that nothing was written)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: Outcome | None = None
        self.job: ExchangeJob | None = None
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("All files are written in one transaction: if a problem "
                                 "appears or you cancel, nothing is written."))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("applyStatus")
        self.retry = QPushButton(self.tr("Try again"), self)
        self.retry.clicked.connect(self.run_apply)
        self.retry.hide()
        self.view = OutcomeView(ctx.lang, self)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.retry)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def _wizard(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        self.run_apply()

    def run_apply(self) -> None:
        paths = self._wizard().paths()
        self.outcome = None
        self.retry.hide()
        self.view.show_outcome(None)
        self._say(self.tr("Importing {n} file(s)…").format(n=len(paths)), "")
        job = ExchangeJob(
            self.ctx, self, self.tr("Import"), self.tr("Importing cases…"),
            lambda db, progress, cancel: run_import(db, paths, dry_run=False,
                                                    progress=progress, cancel=cancel))
        job.finished.connect(self._applied)
        job.failed.connect(self._failed)
        self.job = job
        self.completeChanged.emit()
        self._wizard().jobStarted.emit(job)
        job.start()

    def _applied(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.view.show_outcome(outcome)
        if outcome.blocked:
            self.retry.show()
            self._say(self.tr("The import found {n} problem(s) (did a file change after the "
                              "preview?). Nothing was written.").format(
                                  n=outcome.problem_total), ERROR_STYLE)
        else:
            self._say(self.tr("Done: {new} new case(s), {updated} updated, {unchanged} "
                              "unchanged, {stale} older row(s) left alone. The import is "
                              "recorded in the import history.").format(
                                  new=outcome.total("new"), updated=outcome.total("updated"),
                                  unchanged=outcome.total("unchanged"),
                                  stale=outcome.total("stale")), OK_STYLE)
            self._wizard().imported.emit()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.retry.show()
        if is_cancelled(exc):
            self._say(self.tr("The import was cancelled. Nothing was written to the "
                              "database."), ERROR_STYLE)
        else:
            self._say(self.tr("The import failed: {error}. Nothing was written to the "
                              "database.").format(error=str(exc) or type(exc).__name__),
                      ERROR_STYLE)
        self.completeChanged.emit()

    def _say(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    @property
    def succeeded(self) -> bool:
        return self.outcome is not None and not self.outcome.blocked

    def isComplete(self) -> bool:
        return self.job is None or not self.job.running


class ImportWizard(QWizard):
    """``imported`` is emitted after a successful apply (refresh the views then).
    ``jobStarted(ExchangeJob)`` is emitted before each dry run or apply starts."""

    imported = Signal()
    jobStarted = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import cases"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Import history…"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.customButtonClicked.connect(lambda _which: self.show_history())
        self.files_page = FilesPage(ctx, self)
        self.preview_page = PreviewPage(ctx, self)
        self.apply_page = ApplyPage(ctx, self)
        self.setPage(PAGE_FILES, self.files_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.setPage(PAGE_APPLY, self.apply_page)
        self.resize(1000, 680)

    def paths(self) -> list[str]:
        return self.files_page.paths()

    def add_files(self, paths: list[str]) -> int:
        return self.files_page.files.add_paths(paths)

    def show_history(self) -> None:
        from mediator_app.ui.exchange.history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.show()
        self.history_dialog = dialog
