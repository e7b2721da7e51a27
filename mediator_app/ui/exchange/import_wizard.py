"""The import wizard (issue 5 §3): choose several packages / cases.csv files, preview a
dry run (counts, change in totals, problems with file / line / column, conflicts,
warnings), then apply with progress and cancel, and see the result.

All work runs on ``ctx.runner``; the import itself is all-or-nothing
(``services.exchange.case_exchange.import_cases``), so a cancelled or failed apply writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from mediator_app.services.exchange.outcome import Outcome, is_cancelled, run_import
from mediator_app.services.ledger_import.assist import default_store
from mediator_app.services.ledger_import.wizard_state import LedgerState, run_ledger
from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.files_page import FilesPage
from mediator_app.ui.exchange.history import ImportHistoryDialog
from mediator_app.ui.exchange.ledger_pages import ColumnsPage, SheetPage, ValuesPage
from mediator_app.ui.exchange.preview_page import ERROR_STYLE, OK_STYLE, PreviewPage, RunPage
from mediator_app.ui.exchange.wizard_host import (
    PAGE_APPLY,
    PAGE_COLUMNS,
    PAGE_FILES,
    PAGE_PREVIEW,
    PAGE_SHEET,
    PAGE_VALUES,
)


class ApplyPage(RunPage):
    """Runs the real import and shows what it did (or that nothing was written)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Try again"), "applyStatus", parent)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("All files are written in one transaction: if a problem "
                                 "appears or you cancel, nothing is written."))
        self.retry = self.button
        self.retry.clicked.connect(self.run_apply)
        self.retry.hide()

    def initializePage(self) -> None:
        self.run_apply()

    def nextId(self) -> int:
        return -1  # the last page (the ledger pages have higher ids)

    def run_apply(self) -> None:
        paths = self._wizard().paths()
        self.retry.hide()
        self._say(self.tr("Importing {n} file(s)…").format(n=len(paths)), "")
        self._run(self.tr("Import"), self.tr("Importing cases…"), dry_run=False,
                  done=self._applied, failed=self._failed)

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
            self._wizard().remember_mapping()
            self._wizard().imported.emit()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.retry.show()
        if is_cancelled(exc):
            self._say(self.tr("The import was cancelled. Nothing was written to the "
                              "database."), ERROR_STYLE)
        else:
            self._say(self.tr("The import failed: {error}. Nothing was written to the "
                              "database.").format(error=self.ctx.error_reason(exc, "import")),
                      ERROR_STYLE)
        self.completeChanged.emit()

    @property
    def succeeded(self) -> bool:
        return self.outcome is not None and not self.outcome.blocked

    def isComplete(self) -> bool:
        return not self.running()


class ImportWizard(QWizard):
    """``imported`` is emitted after a successful apply (refresh the views then).
    ``jobStarted(ProgressJob)`` is emitted before each dry run or apply starts."""

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
        self.sheet_page = SheetPage(ctx, self)
        self.columns_page = ColumnsPage(ctx, self)
        self.values_page = ValuesPage(ctx, self)
        self.setPage(PAGE_SHEET, self.sheet_page)
        self.setPage(PAGE_COLUMNS, self.columns_page)
        self.setPage(PAGE_VALUES, self.values_page)
        self.ledger: LedgerState | None = None
        self.mapping_store: Any = None  # a MappingStore; None: the user data folder's
        self.resize(1000, 680)

    def paths(self) -> list[str]:
        return self.files_page.paths()

    def start_ledger(self) -> LedgerState:
        """The state of the ledger pages for the listed ledger (kept when the same file
        is shown again after Back)."""
        path = self.files_page.ledger_path()
        assert path is not None
        if self.ledger is None or self.ledger.path != path:
            store = self.mapping_store or default_store()
            self.ledger = LedgerState(path, store)
        return self.ledger

    def ledger_mode(self) -> bool:
        return self.files_page.ledger_path() is not None and self.ledger is not None

    def import_job(self, dry_run: bool, package_password: str | None = None
                   ) -> Callable[[Any, Any, Any], Outcome]:
        """The job of the preview (dry run) and apply pages: the listed files, or the
        old ledger through the mapping made on the ledger pages."""
        if self.ledger_mode():
            state = self.ledger
            assert state is not None
            return lambda db, progress, cancel: run_ledger(
                db, state, dry_run=dry_run, progress=progress, cancel=cancel)
        paths = self.paths()
        return lambda db, progress, cancel: run_import(db, paths, dry_run=dry_run,
                                                       progress=progress, cancel=cancel,
                                                       package_password=package_password)

    def remember_mapping(self) -> None:
        """After a ledger was imported: keep its mapping for workbooks of this layout."""
        if self.ledger_mode() and self.ledger is not None:
            try:
                self.ledger.store.remember(self.ledger.mapping, self.ledger.header())
            except OSError as exc:
                self.ctx.dialogs.error(self.tr("Import cases"), self.tr(
                    "The mapping could not be saved for next time: {error}").format(
                        error=self.ctx.error_reason(exc, "save")))

    def add_files(self, paths: list[str]) -> int:
        return self.files_page.files.add_paths(paths)

    def show_history(self) -> None:
        dialog = ImportHistoryDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.show()
        self.history_dialog = dialog
