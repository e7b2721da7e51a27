"""First start: the setup window a new user meets instead of an empty tree.

Step 1, ``LedgerChoiceDialog`` (no ledger file yet): create a new ledger (at the default
place or one the user picks), open an existing ledger file, or open the demo ledger to look
around. Step 2, ``OrgSetupDialog`` (a ledger without committees or mediators): import the
org files (templates with example rows saved from the window), or type the
district/street/village/grid/committee tree in the organisation window; one sentence says
what to do next until there is at least one committee and one mediator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.domain.errors import DomainError
from mediator_app.domain.messages import message
from mediator_app.services.organisation.first_start import (
    SetupProgress,
    setup_progress,
    write_templates,
)
from mediator_app.services.organisation.import_files import import_org
from mediator_app.ui.context import AppContext
from mediator_app.ui.errors import error_text

CREATE, OPEN, DEMO = "create", "open", "demo"
LEDGER_FILTER = "SQLite (*.db *.sqlite);;* (*)"


@dataclass(frozen=True)
class LedgerChoice:
    kind: str  # CREATE, OPEN or DEMO
    path: Path | None  # None for DEMO (its usual place)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


def _option(button: QPushButton, explanation: str) -> QWidget:
    """A big button with one sentence under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 6)
    button.setMinimumHeight(40)
    layout.addWidget(button)
    note = QLabel(explanation)
    note.setWordWrap(True)
    note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(note)
    return box


def problem_text(exc: BaseException, lang: str) -> str:
    """File/row/column problems of an import (CsvImportError), a domain error's
    sentences, or ``error_text`` (storage codes and exceptions as plain sentences)."""
    lines = getattr(exc, "lines", None)
    if callable(lines):
        return "\n".join(lines(lang))
    if isinstance(exc, DomainError):
        return "\n".join(message(p, lang) for p in exc.problems)
    return error_text(exc, lang)  # a sentence, never a raw code such as db.missing


class LedgerChoiceDialog(QDialog):
    """Step 1. ``choice`` is set when the dialog is accepted."""

    def __init__(self, default_path: Path, parent: QWidget | None = None, *,
                 pick_new: Callable[[Path], str] | None = None,
                 pick_existing: Callable[[Path], str] | None = None):
        super().__init__(parent)
        self.setObjectName("ledgerChoiceDialog")
        self.setWindowTitle(self.tr("Welcome to Mediation Ledger"))
        self.default_path = default_path
        self.path = default_path
        self.choice: LedgerChoice | None = None
        self._pick_new = pick_new or self._ask_new_path
        self._pick_existing = pick_existing or self._ask_existing_path
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Welcome to Mediation Ledger")))
        intro = QLabel(self.tr("There is no ledger yet. A ledger is one file that holds "
                               "your organisation, cases and statistics. Choose how to "
                               "begin:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.create_button = QPushButton(self.tr("Create a new ledger"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setObjectName("ledgerPath")
        create_box = _option(self.create_button, self.tr(
            "Then set up your organisation: import the org files or type it in."))
        self.other_place = QPushButton(self.tr("Choose another location…"))
        self.other_place.setObjectName("otherPlace")
        self.other_place.clicked.connect(self._choose_location)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.other_place)
        box_layout = create_box.layout()
        assert isinstance(box_layout, QVBoxLayout)
        box_layout.addWidget(self.where)
        box_layout.addLayout(row)
        layout.addWidget(create_box)

        self.open_button = QPushButton(self.tr("Open an existing ledger file…"))
        self.open_button.clicked.connect(self._open_existing)
        layout.addWidget(_option(self.open_button, self.tr(
            "For example a ledger copied from another computer, or a backup.")))

        self.demo_button = QPushButton(self.tr("Look around in the demo ledger"))
        self.demo_button.clicked.connect(self._demo)
        layout.addWidget(_option(self.demo_button, self.tr(
            "An invented district with a few thousand cases. Nothing you do there touches "
            "your own ledger.")))

        quit_row = QHBoxLayout()
        quit_row.addStretch(1)
        quit_button = QPushButton(self.tr("Quit"))
        quit_button.clicked.connect(self.reject)
        quit_row.addWidget(quit_button)
        layout.addLayout(quit_row)
        self._show_path()
        self.resize(560, self.sizeHint().height())

    def _show_path(self) -> None:
        self.where.setText(self.tr("New ledger file: {path}").format(path=self.path))

    def _ask_new_path(self, start: Path) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New ledger file"), str(start),
                                              LEDGER_FILTER)
        return path

    def _ask_existing_path(self, start: Path) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a ledger file"),
                                              str(start.parent), LEDGER_FILTER)
        return path

    def _choose_location(self) -> None:
        chosen = self._pick_new(self.path)
        if chosen:
            path = Path(chosen)
            self.path = path if path.suffix else path.with_suffix(".db")
            self._show_path()

    def _create(self) -> None:
        self.choice = LedgerChoice(CREATE, self.path)
        self.accept()

    def _open_existing(self) -> None:
        chosen = self._pick_existing(self.path)
        if chosen:
            self.choice = LedgerChoice(OPEN, Path(chosen))
            self.accept()

    def _demo(self) -> None:
        self.choice = LedgerChoice(DEMO, None)
        self.accept()


class OrgSetupDialog(QDialog):
    """Step 2: the organisation of a new ledger."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.progress: SetupProgress | None = None
        self.windows: list[QWidget] = []
        self.setObjectName("orgSetupDialog")
        self.setWindowTitle(self.tr("Set up the organisation"))
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Set up the organisation")))
        self.file_label = QLabel(self.tr("Ledger: {path}").format(path=ctx.db_path))
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextStep")
        self.next_label.setWordWrap(True)
        self.next_label.setStyleSheet("QLabel { background: #fff4d6; padding: 8px; }")
        layout.addWidget(self.next_label)
        self.counts_label = QLabel()
        layout.addWidget(self.counts_label)

        self.templates_button = QPushButton(self.tr("Save the templates…"))
        self.templates_button.clicked.connect(self.save_templates)
        layout.addWidget(_option(self.templates_button, self.tr(
            "Three CSV files with example rows (org_units.csv, committees.csv, people.csv): "
            "open them in Excel or WPS, replace the examples with your own and save.")))
        self.import_button = QPushButton(self.tr("Import the org files…"))
        self.import_button.clicked.connect(self.import_files)
        layout.addWidget(_option(self.import_button, self.tr(
            "Select the three files together; they are checked first and imported whole, "
            "or not at all.")))
        self.type_button = QPushButton(self.tr("Type it in…"))
        self.type_button.clicked.connect(self.open_org_window)
        layout.addWidget(_option(self.type_button, self.tr(
            "Add the district, streets, villages and communities, grids, committees and "
            "mediators one by one in the organisation window.")))
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_button = QPushButton(self.tr("Start using the ledger"))
        self.done_button.clicked.connect(self.accept)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.resize(600, self.sizeHint().height())
        self.refresh()

    # ---- state -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.runner.run(setup_progress, self._show_progress, self._failed)

    def _show_progress(self, progress: SetupProgress) -> None:
        self.progress = progress
        sentences = {
            "units": self.tr("Next: import the org files (or type in your district and its "
                             "streets, villages and grids)."),
            "committees": self.tr("Next: add at least one mediation committee."),
            "mediators": self.tr("Next: add at least one mediator to a committee."),
            "done": self.tr("The organisation is ready: start using the ledger and register "
                            "the first case."),
        }
        self.next_label.setText(sentences[progress.next_step])
        self.counts_label.setText(self.tr(
            "Org units: {units}   Committees: {committees}   Mediators: {mediators}").format(
                units=progress.units, committees=progress.committees,
                mediators=progress.mediators))
        self.done_button.setDefault(progress.next_step == "done")

    def _failed(self, exc: BaseException) -> None:
        self.ctx.dialogs.error(self.tr("Set up the organisation"),
                               problem_text(exc, self.ctx.lang))

    # ---- actions -----------------------------------------------------------------------
    def save_templates(self) -> None:
        target = self.ctx.dialogs.save_file(self.tr("Save the templates"), "org_units.csv",
                                            "CSV (*.csv)")
        if not target:
            return
        folder = Path(target).parent
        try:
            written = write_templates(folder)
        except OSError as exc:
            self.ctx.dialogs.error(self.tr("Save the templates"), self.tr(
                "The templates could not be saved in {folder}: {error}").format(
                    folder=folder, error=self.ctx.error_reason(exc, "save")))
            return
        self.ctx.dialogs.info(self.tr("Save the templates"), self.tr(
            "Saved in {folder}:\n{files}").format(
                folder=folder, files="\n".join(p.name for p in written)))

    def import_files(self) -> None:
        paths = self.ctx.dialogs.open_files(self.tr("Import the org files"), "CSV (*.csv)")
        if not paths:
            return

        self.import_button.setEnabled(False)

        def done(result: object) -> None:
            self.import_button.setEnabled(True)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            self.ctx.dialogs.error(self.tr("Import the org files"),
                                   problem_text(exc, self.ctx.lang))

        self.ctx.runner.run(lambda db: import_org(db, paths), done, failed)

    def open_org_window(self) -> None:
        # lazy: a screen loads when first opened, not with the main window (start-up, issue 13)
        from mediator_app.ui.org import OrgManagerWindow

        window = OrgManagerWindow(self.ctx)
        window.changed.connect(self.refresh)
        self.windows.append(window)
        window.show()
