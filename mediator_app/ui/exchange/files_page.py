"""Page 1 of the import wizard: the files to import (several at once; drag and drop), or
one old ledger (a workbook, or a CSV file opened as a ledger), which leads to the
ledger pages (ui/exchange/ledger_pages.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.wizard_host import PAGE_PREVIEW, PAGE_SHEET

SUFFIXES = (".zip", ".csv")
LEDGER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def importable(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES + LEDGER_SUFFIXES


def is_ledger_file(path: str) -> bool:
    return Path(path).suffix.lower() in LEDGER_SUFFIXES


class FileList(QListWidget):
    """The chosen files, one per line (full path as tooltip); accepts dropped files."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger_paths: set[str] = set()  # CSV files opened as old ledgers
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def paths(self) -> list[str]:
        return [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())]

    def ledgers(self) -> list[str]:
        """The listed files that are old ledgers (workbooks, or opened as ledgers)."""
        return [p for p in self.paths() if is_ledger_file(p) or p in self.ledger_paths]

    def add_paths(self, paths: Iterable[str]) -> int:
        """Add the .zip / .csv / workbook files not yet listed; returns how many were
        added."""
        known = set(self.paths())
        added = 0
        for path in paths:
            full = str(Path(path).resolve())
            if full in known or not importable(full):
                continue
            item = QListWidgetItem(f"{Path(full).name}    —    {Path(full).parent}")
            item.setData(Qt.ItemDataRole.UserRole, full)
            item.setToolTip(full)
            self.addItem(item)
            known.add(full)
            added += 1
        if added:
            self.changed.emit()
        return added

    def remove_selected(self) -> None:
        rows = sorted((self.row(i) for i in self.selectedItems()), reverse=True)
        for row in rows:
            self.ledger_paths.discard(str(self.item(row).data(Qt.ItemDataRole.UserRole)))
            self.takeItem(row)
        if rows:
            self.changed.emit()

    def clear_all(self) -> None:
        if self.count():
            self.clear()
            self.ledger_paths.clear()
            self.changed.emit()

    @staticmethod
    def _dropped(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()
                and importable(u.toLocalFile())]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event)
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()
        else:
            event.ignore()


class FilesPage(QWizardPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Choose the files to import"))
        self.setSubTitle(self.tr(
            "Exchange packages (.zip) and cases.csv files, e.g. one from every street. "
            "Pick several at once or drag them into the list."))
        self.files = FileList(self)
        self.files.setObjectName("importFiles")
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.ledger_button = QPushButton(self.tr("Open an old ledger (Excel/WPS)…"), self)
        self.ledger_button.setObjectName("openLedger")
        self.ledger_button.setToolTip(self.tr(
            "Bring in the ledger your committee kept in Excel or WPS (.xlsx, .xls, .ods, "
            "CSV): pick the sheet, say which column is which, and check before importing."))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.clear_button = QPushButton(self.tr("Remove all"), self)
        self._hint_text = self.tr("Nothing is written until you have seen the preview and "
                                  "clicked Apply.")
        self.hint = QLabel(self._hint_text, self)
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.ledger_button, self.remove_button,
                       self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.add_button.clicked.connect(self.choose_files)
        self.ledger_button.clicked.connect(self.choose_ledger)
        self.remove_button.clicked.connect(self.files.remove_selected)
        self.clear_button.clicked.connect(self.files.clear_all)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.files,
                  self.files.remove_selected)
        self.files.changed.connect(self.completeChanged)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self.files.changed.connect(self._update_buttons)
        self.files.changed.connect(self._explain)
        self._update_buttons()

    def choose_files(self) -> None:
        paths = self.ctx.dialogs.open_files(
            self.tr("Import cases"),
            self.tr("Exchange packages, cases.csv and old ledgers (*.zip *.csv *.xlsx *.xls "
                    "*.ods);;All files (*)"))
        self.files.add_paths(paths)

    def choose_ledger(self) -> None:
        paths = self.ctx.dialogs.open_files(
            self.tr("Open an old ledger"),
            self.tr("Workbooks and CSV files (*.xlsx *.xls *.ods *.csv);;All files (*)"))
        if paths:
            self.open_ledger(paths[0])

    def open_ledger(self, path: str) -> None:
        """List ``path`` alone, as an old ledger (also a CSV file)."""
        self.files.clear_all()
        self.files.add_paths([path])
        if self.files.count():
            self.files.ledger_paths.add(self.files.paths()[0])
            self.files.changed.emit()

    def ledger_path(self) -> str | None:
        """The old ledger to import, when the list holds one and nothing else."""
        ledgers = self.files.ledgers()
        return ledgers[0] if len(ledgers) == 1 and self.files.count() == 1 else None
    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.files.selectedItems()))
        self.clear_button.setEnabled(self.files.count() > 0)

    def paths(self) -> list[str]:
        return self.files.paths()

    def _explain(self) -> None:
        mixed = bool(self.files.ledgers()) and self.ledger_path() is None
        self.hint.setText(self.tr("An old ledger is imported on its own: remove the other "
                                  "files from the list.") if mixed else self._hint_text)
        self.hint.setStyleSheet("color: #c62828;" if mixed else "")

    def nextId(self) -> int:
        return PAGE_SHEET if self.ledger_path() is not None else PAGE_PREVIEW

    def isComplete(self) -> bool:
        if self.files.ledgers():
            return self.ledger_path() is not None
        return self.files.count() > 0
