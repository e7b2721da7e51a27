"""Page 2 of the import wizard: a dry run of the chosen files (nothing is written) with
the counts per file, the change in totals, problems, conflicts and warnings. "Apply" is
enabled only when no problem was found."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mediator_app.services.exchange.outcome import (
    Outcome,
    is_cancelled,
    sentences,
    warning_text,
)
from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.tables import (
    ConflictsTable,
    CountsTable,
    ProblemsTable,
    TotalsTable,
)
from mediator_app.ui.exchange.wizard_host import WizardHost
from mediator_app.ui.tasks import ProgressJob
from mediator_app.ui.trust import packages  # issue 9: sealed packages

ERROR_STYLE = "color: #c62828; font-weight: bold;"
OK_STYLE = "color: #2e7d32; font-weight: bold;"
TAB_FILES, TAB_TOTALS, TAB_PROBLEMS, TAB_CONFLICTS, TAB_WARNINGS = range(5)


class OutcomeView(QTabWidget):
    """The tabs shared by the preview and the result: files, totals, problems,
    conflicts, warnings (tab titles carry the counts)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.counts = CountsTable(self)
        self.totals = TotalsTable(lang, self)
        self.problems = ProblemsTable(lang, self)
        self.conflicts = ConflictsTable(lang, self)
        self.warnings = QListWidget(self)
        self.warnings.setWordWrap(True)
        problems_box = QWidget(self)
        box = QVBoxLayout(problems_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.problems, 1)
        self.copy_button = QPushButton(self.tr("Copy the list of problems"), problems_box)
        self.copy_button.clicked.connect(self.copy_problems)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_button)
        box.addLayout(row)
        for widget in (self.counts, self.totals, problems_box, self.conflicts, self.warnings):
            self.addTab(widget, "")
        self._outcome: Outcome | None = None
        self.show_outcome(None)

    def show_outcome(self, outcome: Outcome | None) -> None:
        self._outcome = outcome
        empty = Outcome(dry_run=True)
        shown = outcome or empty
        self.counts.show_outcome(shown)
        self.totals.show_outcome(shown)
        self.problems.show_problems(shown.problems)
        self.conflicts.show_conflicts(shown.conflicts)
        self.warnings.clear()
        self.warnings.addItems([warning_text(w, self.lang) for w in shown.warnings])
        self.setTabText(TAB_FILES, self.tr("Files ({n})").format(n=len(shown.files)))
        self.setTabText(TAB_TOTALS, self.tr("Change in totals"))
        self.setTabText(TAB_PROBLEMS, self.tr("Problems ({n})").format(n=shown.problem_total))
        self.setTabText(TAB_CONFLICTS, self.tr("Conflicts ({n})").format(
            n=len(shown.conflicts)))
        self.setTabText(TAB_WARNINGS, self.tr("Warnings ({n})").format(n=len(shown.warnings)))
        self.setTabEnabled(TAB_TOTALS, bool(shown.totals_before or shown.totals_after))
        self.copy_button.setEnabled(bool(shown.problems))
        if shown.problem_total:
            self.setCurrentIndex(TAB_PROBLEMS)
        elif self.currentIndex() == TAB_PROBLEMS or not self.isTabEnabled(self.currentIndex()):
            self.setCurrentIndex(TAB_FILES)

    def copy_problems(self) -> None:
        if self._outcome is not None:
            lines = self.problems.lines(self._outcome.problems)
            QApplication.clipboard().setText("\n".join(lines))


class RunPage(QWizardPage):
    """What the preview and the apply page share: a status line with a button beside
    it, the outcome tabs, and ``run_import`` as a ProgressJob (announced through the
    wizard's ``jobStarted`` before it starts)."""

    def __init__(self, ctx: AppContext, button_text: str, status_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: Outcome | None = None
        self.job: ProgressJob | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName(status_name)
        self.button = QPushButton(button_text, self)
        self.view = OutcomeView(ctx.lang, self)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def _wizard(self) -> WizardHost:
        return cast("WizardHost", self.wizard())  # the page is made by ImportWizard

    def _run(self, title: str, label: str, *, dry_run: bool,
             done: Callable[[Outcome], None], failed: Callable[[BaseException], None]) -> None:
        paths = self._wizard().paths()
        password = None

        if not self._wizard().ledger_mode() and packages.any_sealed(paths):
            password = packages.ask(self, self.ctx.lang, confirm=False)
        self.outcome = None
        self.view.show_outcome(None)
        job = ProgressJob(self.ctx, self, label,
                          self._wizard().import_job(dry_run, package_password=password),
                          title=title, writes=not dry_run)
        job.finished.connect(done)
        job.failed.connect(failed)
        self.job = job
        self.completeChanged.emit()
        self._wizard().jobStarted.emit(job)
        job.start()

    def _say(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def running(self) -> bool:
        return self.job is not None and self.job.running


class PreviewPage(RunPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Check again"), "previewStatus", parent)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The files are read and checked as if importing, but "
                                 "nothing is written to the ledger."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Apply"))
        self.again = self.button
        self.again.setToolTip(self.tr("Read the files again, e.g. after correcting them."))
        self.again.clicked.connect(self.run_preview)

    def initializePage(self) -> None:
        self.run_preview()

    def run_preview(self) -> None:
        paths = self._wizard().paths()
        self._say(self.tr("Checking {n} file(s)…").format(n=len(paths)), "")
        self.again.setEnabled(False)
        self._run(self.tr("Preview"), self.tr("Checking the files…"), dry_run=True,
                  done=self._checked, failed=self._failed)

    def _checked(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.again.setEnabled(True)
        self.view.show_outcome(outcome)
        if outcome.blocked:
            self._say(self._blocked_text(outcome), ERROR_STYLE)
        elif self.ctx.readonly:
            self._say(self.tr("The ledger is open read-only: the files were checked but "
                              "cannot be imported."), ERROR_STYLE)
        else:
            self._say(self._ready_text(outcome), OK_STYLE)
        self.completeChanged.emit()

    def _blocked_text(self, outcome: Outcome) -> str:
        text = self.tr("{n} problem(s) found. Nothing will be written: correct the file(s) "
                       "at the places listed below (or ask the sender for a corrected "
                       "file), then click Check again.").format(n=outcome.problem_total)
        if outcome.problem_total > len(outcome.problems):
            text = sentences(text, self.tr("Only the first {shown} are listed.").format(
                shown=len(outcome.problems)))
        return text

    def _ready_text(self, outcome: Outcome) -> str:
        text = self.tr("No problems found. Apply will add {new} new case(s) and update "
                       "{updated}; {unchanged} unchanged and {stale} older row(s) are left "
                       "alone.").format(new=outcome.total("new"),
                                        updated=outcome.total("updated"),
                                        unchanged=outcome.total("unchanged"),
                                        stale=outcome.total("stale"))
        if outcome.conflicts:
            text = sentences(text, self.tr("{n} conflict(s): see the Conflicts tab.").format(
                n=len(outcome.conflicts)))
        return text

    def _failed(self, exc: BaseException) -> None:
        self.again.setEnabled(True)
        if is_cancelled(exc):
            self._say(self.tr("The check was cancelled. Nothing was written. Click Check "
                              "again to repeat it."), ERROR_STYLE)
        else:
            self._say(self.tr("The files could not be checked: {error}").format(
                error=self.ctx.error_reason(exc, "import")), ERROR_STYLE)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        ready = self.outcome is not None and not self.outcome.blocked
        return ready and not self.running() and not self.ctx.readonly
