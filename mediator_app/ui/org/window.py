"""The organisation window: units, committees, mediators and grid workers; CSV import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.organisation.import_files import OrgImportResult, import_org
from mediator_app.ui.case_form.widgets import ERROR_STYLE
from mediator_app.ui.context import AppContext
from mediator_app.ui.org.committees import CommitteesPanel
from mediator_app.ui.org.common import EntityPanel
from mediator_app.ui.org.people import PeoplePanel
from mediator_app.ui.org.units import UnitsPanel


class OrgManagerWindow(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Organisation"))
        self.resize(1200, 680)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import CSV files…"))
        self.import_button.clicked.connect(self.import_files)
        self.inactive_box = QCheckBox(self.tr("Show inactive entries"))
        self.inactive_box.toggled.connect(self._show_inactive)
        bar.addWidget(self.import_button)
        bar.addWidget(self.inactive_box)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.import_errors = QPlainTextEdit()
        self.import_errors.setReadOnly(True)
        self.import_errors.setStyleSheet(ERROR_STYLE)
        self.import_errors.setMaximumHeight(140)
        self.import_errors.hide()
        layout.addWidget(self.import_errors)
        self.tabs = QTabWidget()
        self.units = UnitsPanel(ctx)
        self.committees = CommitteesPanel(ctx)
        self.people = PeoplePanel(ctx)
        self.tabs.addTab(self.units, self.tr("Streets, villages and grids"))
        self.tabs.addTab(self.committees, self.tr("Mediation committees"))
        self.tabs.addTab(self.people, self.tr("Mediators and grid workers"))
        layout.addWidget(self.tabs, 1)
        for panel in self.panels():
            panel.changed.connect(self._panel_changed)

    def panels(self) -> list[EntityPanel]:
        return [self.units, self.committees, self.people]

    def reload(self) -> None:
        for panel in self.panels():
            panel.reload()

    def _panel_changed(self) -> None:
        for panel in self.panels():
            if panel is not self.sender():
                panel.reload()
        self.changed.emit()

    def _show_inactive(self, on: bool) -> None:
        for panel in self.panels():
            panel.show_inactive = on
        self.reload()

    # ---- import ------------------------------------------------------------------------------
    def import_files(self) -> None:
        paths = self.ctx.dialogs.open_files(self.tr("Import organisation CSV files"),
                                            self.tr("CSV files (*.csv)"))
        if not paths:
            return
        self.import_errors.hide()
        self.import_button.setEnabled(False)
        self.ctx.runner.op(lambda db: import_org(db, paths), self._imported,
                            self._import_failed)

    def _imported(self, result: OrgImportResult) -> None:
        self.import_button.setEnabled(True)
        lines = []
        for counts in result.files:
            lines.append(self.tr("{file}: {rows} rows, {new} new, {updated} updated").format(
                file=Path(counts.file).name, rows=counts.rows, new=counts.new,
                updated=counts.updated))
        self.reload()
        self.changed.emit()
        self.ctx.dialogs.info(self.tr("Import finished"), "\n".join(lines))

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(exc, CsvImportError):
            text = "\n".join(exc.lines(self.ctx.lang))
        else:
            text = self.ctx.error_text(exc, "import")
        self.import_errors.setPlainText(text)
        self.import_errors.show()
        self.ctx.dialogs.error(self.tr("Import failed: nothing was written"), text)
