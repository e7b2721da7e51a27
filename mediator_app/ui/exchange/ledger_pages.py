"""The import wizard's pages for an old ledger (issue 12): the sheet and its header row,
which column is which field (suggested from the header names, with the first rows as
they will be stored), and which label each of the office's words means. Then the
wizard's usual preview (a dry run) and apply pages run ``import_ledger`` with the
mapping made here, which is remembered for the workbook's layout after a successful
import (and can be saved as the JSON file ``cases import-ledger --mapping`` reads)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mediator_app.domain.messages import field_label
from mediator_app.services.csv_io import CsvImportError
from mediator_app.services.exchange.case_rows import FORMAT_COLUMNS
from mediator_app.services.exchange.outcome import is_cancelled
from mediator_app.services.ledger_import.assist import guess_header_row
from mediator_app.services.ledger_import.importer import REQUIRED
from mediator_app.services.ledger_import.mapping import (
    ENUM_FIELDS,
    FIELDS,
    PARTIES,
    _repeated_fields,
    save_mapping,
    suggest_columns,
)
from mediator_app.services.ledger_import.read import Sheet, cell_text
from mediator_app.services.ledger_import.wizard_state import (
    PREVIEW_ROWS,
    LedgerState,
    Opened,
    collect_distinct,
    open_workbook,
    propose_values,
    read_preview,
)
from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.preview_page import ERROR_STYLE, OK_STYLE
from mediator_app.ui.exchange.wizard_host import PAGE_COLUMNS, PAGE_PREVIEW, PAGE_VALUES, WizardHost
from mediator_app.ui.tasks import ProgressJob

HEADER_BRUSH = QBrush(QColor("#fff3c4"))
MISSING_BRUSH = QBrush(QColor("#fde0dc"))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as Excel names columns)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _item(text: str, *, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class _LedgerPage(QWizardPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = QLabel(self)
        self.status.setWordWrap(True)

    def _wizard(self) -> WizardHost:
        return cast("WizardHost", self.wizard())  # the page is made by ImportWizard

    def state(self) -> LedgerState:
        state = self._wizard().ledger
        assert state is not None
        return state

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, CsvImportError):
            return "\n".join(p.format(self.ctx.lang) for p in exc.problems)
        return self.ctx.error_reason(exc, "import")

    def field_name(self, key: str) -> str:
        if key == PARTIES:
            return self.tr("Parties (names split at 、，, and spaces)")
        return f"{field_label(key, self.ctx.lang)} ({key})"


class SheetPage(_LedgerPage):
    """Open the workbook, pick the sheet and the row holding the column names."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Old ledger: sheet and header row"))
        self.setSubTitle(self.tr("Rows above the column names (the title, 填报单位 …) are "
                                 "skipped. Click the row that holds the column names."))
        self.sheets = QComboBox(self)
        self.sheets.setObjectName("ledgerSheet")
        self.header_row = QSpinBox(self)
        self.header_row.setObjectName("ledgerHeaderRow")
        self.header_row.setRange(1, PREVIEW_ROWS)
        self.table = QTableWidget(self)
        self.table.setObjectName("ledgerRows")
        self.table.verticalHeader().setDefaultSectionSize(22)
        form = QFormLayout()
        form.addRow(self.tr("Sheet:"), self.sheets)
        form.addRow(self.tr("Column names are in row:"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.sheets.currentTextChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(self._header_changed)
        self.table.cellClicked.connect(lambda row, _col: self.header_row.setValue(row + 1))
        self._loading = False

    def initializePage(self) -> None:
        state = self._wizard().start_ledger()
        self._say(self.tr("Reading {name}…").format(name=state.path))
        self.sheets.clear()
        self.table.clear()
        self.ctx.runner.run(lambda db: open_workbook(db, state.path, state.store),
                            self._opened, self._failed)

    def _opened(self, opened: Opened) -> None:
        state = self.state()
        state.info, state.sheet, state.choices = opened.info, opened.sheet, opened.choices
        state.remembered = opened.remembered
        self._loading = True
        self.sheets.clear()
        self.sheets.addItems(opened.info.sheets)
        self.sheets.setCurrentText(opened.sheet.name)
        self._loading = False
        if opened.remembered is not None:
            state.mapping = opened.remembered
            self.header_row.setValue(opened.remembered.header_row)
            self._say(self.tr("This workbook has the layout of one imported before: its "
                              "mapping is used again (check it on the next pages)."), OK_STYLE)
        else:
            self.header_row.setValue(guess_header_row(opened.sheet.rows))
            self._say("")
        state.mapping.sheet = opened.sheet.name
        self._show_rows()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._say(self.tr("The workbook cannot be opened: {error}").format(
            error=self._error_text(exc)), ERROR_STYLE)
        self.completeChanged.emit()

    def _sheet_changed(self, name: str) -> None:
        state = self._wizard().ledger
        if self._loading or not name or state is None or state.info is None:
            return
        info = state.info
        self.ctx.runner.run(lambda _db: read_preview(info, name, state.path),
                            self._sheet_read, self._failed)

    def _sheet_read(self, result: tuple[Sheet, int]) -> None:
        sheet, guess = result
        state = self.state()
        state.sheet = sheet
        state.mapping.sheet = state.sheet.name if state.sheet else 1
        self.header_row.setValue(guess)
        self._show_rows()
        self.completeChanged.emit()

    def _header_changed(self, value: int) -> None:
        state = self._wizard().ledger
        if state is not None:
            state.mapping.header_row = value
        self._show_rows()
        self.completeChanged.emit()

    def _show_rows(self) -> None:
        state = self._wizard().ledger
        if state is None or state.sheet is None:
            return
        rows = state.sheet.rows
        width = max((len(r) for r in rows), default=0)
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(width)
        self.table.setHorizontalHeaderLabels([column_letter(i) for i in range(width)])
        header = self.header_row.value()
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            for c in range(width):
                item = _item(cell_text(row[c]) if c < len(row) else "")
                if r + 1 == header:
                    item.setBackground(HEADER_BRUSH)
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(width):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 220))

    def isComplete(self) -> bool:
        state = self._wizard().ledger if self.wizard() else None
        return state is not None and state.sheet is not None and any(state.header())

    def nextId(self) -> int:
        return PAGE_COLUMNS


class ColumnsPage(_LedgerPage):
    """Which column gives which field; defaults; the first rows as they will be stored."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Old ledger: what each column holds"))
        self.setSubTitle(self.tr("The suggestions come from the column names; columns left "
                                 "“not imported” are ignored. Below: the first rows as they "
                                 "will be stored."))
        self.columns = QTableWidget(0, 3, self)
        self.columns.setObjectName("ledgerColumns")
        self.columns.setHorizontalHeaderLabels([self.tr("Column in the ledger"),
                                                self.tr("Examples"), self.tr("Field")])
        self.columns.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.committee = QComboBox(self)
        self.committee.setObjectName("ledgerCommittee")
        self.source = QComboBox(self)
        self.source.setObjectName("ledgerSource")
        self.preview = QTableWidget(self)
        self.preview.setObjectName("ledgerPreview")
        form = QFormLayout()
        form.addRow(self.tr("Committee (when no column gives it):"), self.committee)
        form.addRow(self.tr("Source (for empty cells or without a column):"), self.source)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns, 3)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("The first rows as they will be stored:"), self))
        layout.addWidget(self.preview, 2)
        self.committee.currentIndexChanged.connect(self._sync)
        self.source.currentIndexChanged.connect(self._sync)
        self.boxes: list[tuple[str, QComboBox]] = []
        self._building = False

    def initializePage(self) -> None:
        state = self.state()
        self._building = True
        header = state.header()
        sheet_rows = state.sheet.rows if state.sheet else []
        chosen = {k: v for k, v in state.mapping.columns.items() if k in header} \
            or suggest_columns(header)
        self.columns.setRowCount(0)
        self.boxes = []
        for index, text in enumerate(header):
            if not text.strip():
                continue
            row = self.columns.rowCount()
            self.columns.insertRow(row)
            examples = [cell_text(r[index]) for r in sheet_rows[state.mapping.header_row:]
                        if index < len(r) and cell_text(r[index])][:3]
            self.columns.setItem(row, 0, _item(f"{column_letter(index)}  {text}"))
            self.columns.setItem(row, 1, _item(" | ".join(examples)))
            box = QComboBox(self.columns)
            box.addItem(self.tr("— not imported —"), "")
            for key in FIELDS:
                box.addItem(self.field_name(key), key)
            box.setCurrentIndex(max(box.findData(chosen.get(text, "")), 0))
            box.currentIndexChanged.connect(self._sync)
            self.columns.setCellWidget(row, 2, box)
            self.boxes.append((text, box))
        self.columns.resizeColumnToContents(0)
        self.columns.setColumnWidth(2, 260)
        self._fill_defaults()
        self._building = False
        self._sync()

    def _fill_defaults(self) -> None:
        state = self.state()
        assert state.choices is not None
        defaults = state.mapping.defaults
        self.committee.clear()
        self.committee.addItem(self.tr("— choose —"), "")
        for code, name in state.choices.committees:
            self.committee.addItem(f"{name} ({code})", code)
        self.committee.setCurrentIndex(max(self.committee.findData(
            defaults.get("committee_code", "")), 0))
        self.source.clear()
        self.source.addItem(self.tr("— none —"), "")
        for label in state.choices.labels["source"]:
            self.source.addItem(label, label)
        self.source.setCurrentIndex(max(self.source.findData(defaults.get("source", "")), 0))

    def _sync(self) -> None:
        if self._building:
            return
        state = self.state()
        mapping = state.mapping
        mapping.columns = {text: box.currentData() for text, box in self.boxes
                           if box.currentData()}
        for key, box in (("committee_code", self.committee), ("source", self.source)):
            if box.currentData():
                mapping.defaults[key] = box.currentData()
            else:
                mapping.defaults.pop(key, None)
        repeated = _repeated_fields(mapping.columns)
        given = set(mapping.columns.values()) | set(mapping.defaults)
        lacking = [f for f in REQUIRED if f not in given]
        if repeated:
            self._say(self.tr("A field can come from one column only: {columns}").format(
                columns="; ".join(repeated)), ERROR_STYLE)
        elif lacking:
            self._say(self.tr("Still missing: {fields}. Choose a column for each (or, for "
                              "the committee and the source, a value below).").format(
                fields="、".join(field_label(f, self.ctx.lang) for f in lacking)),
                ERROR_STYLE)
        else:
            self._say(self.tr("Every required field has a column or a value."), OK_STYLE)
        self._show_preview()
        self.completeChanged.emit()

    def _show_preview(self) -> None:
        state = self.state()
        shown = [k for k in FORMAT_COLUMNS if k in state.mapping.fields()
                 or k in state.mapping.defaults or k == "accepted_on"]
        rows = state.preview() if not _repeated_fields(state.mapping.columns) else []
        self.preview.clear()
        self.preview.setColumnCount(len(shown) + 2)
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Row")] + [field_label(k, self.ctx.lang) for k in shown]
            + [self.tr("Parties")])
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.preview.setItem(r, 0, _item(str(row.line)))
            for c, key in enumerate(shown, 1):
                self.preview.setItem(r, c, _item(row.cells[FORMAT_COLUMNS.index(key)]))
            self.preview.setItem(r, len(shown) + 1,
                                 _item("、".join(f"{n}" for n, _role in row.parties)))
        self.preview.resizeColumnsToContents()

    def isComplete(self) -> bool:
        state = self._wizard().ledger if self.wizard() else None
        return (state is not None and not _repeated_fields(state.mapping.columns)
                and state.plan() is not None)

    def nextId(self) -> int:
        return PAGE_VALUES


class ValuesPage(_LedgerPage):
    """For every distinct word in the status, type, source and agreement-form columns,
    the label it means (guessed where clear); any left without one blocks the import."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Old ledger: what the words mean"))
        self.setSubTitle(self.tr("Each different word found in these columns is listed once. "
                                 "Choose what it means in this program."))
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("ledgerValues")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("In the ledger"),
                                              self.tr("Rows"), self.tr("Means")])
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton(self.tr("Save the mapping as…"), self)
        self.save_button.setObjectName("saveLedgerMapping")
        self.save_button.setToolTip(self.tr("A JSON file for the command line: "
                                            "mediator-app cases import-ledger FILE --mapping "
                                            "MAPPING.json"))
        self.save_button.clicked.connect(self.save_mapping_as)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.boxes: list[tuple[str, str, QComboBox]] = []
        self.loaded = False
        self.job: ProgressJob | None = None

    def initializePage(self) -> None:
        state = self.state()
        self.loaded = False
        self.table.setRowCount(0)
        self._say(self.tr("Reading every row of the sheet…"))
        job = ProgressJob(self.ctx, self, self.tr("Reading the ledger…"),
                          lambda _db, _progress, cancel: collect_distinct(state, cancel),
                          title=self.tr("Old ledger"))
        job.finished.connect(self._collected)
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def _failed(self, exc: BaseException) -> None:
        text = self.tr("Reading was cancelled.") if is_cancelled(exc) else self._error_text(exc)
        self._say(text, ERROR_STYLE)
        self.completeChanged.emit()

    def _collected(self, distinct: dict[str, list[tuple[str, int]]]) -> None:
        state = self.state()
        assert state.choices is not None
        state.distinct = distinct
        propose_values(state)
        self.boxes = []
        for key in ENUM_FIELDS:
            for text, count in distinct.get(key, []):
                row = self.table.rowCount()
                self.table.insertRow(row)
                self.table.setItem(row, 0, _item(field_label(key, self.ctx.lang)))
                self.table.setItem(row, 1, _item(text))
                self.table.setItem(row, 2, _item(str(count)))
                box = QComboBox(self.table)
                box.addItem(self.tr("— choose —"), None)
                for label in state.choices.labels.get(key, []):
                    box.addItem(label or self.tr("(none)"), label)
                chosen = state.mapping.values.get(key, {}).get(text)
                box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
                box.currentIndexChanged.connect(self._sync)
                self.table.setCellWidget(row, 3, box)
                self.boxes.append((key, text, box))
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(3, 200)
        self.loaded = True
        self._sync()

    def _sync(self) -> None:
        state = self.state()
        for row, (key, text, box) in enumerate(self.boxes):
            values = state.mapping.values.setdefault(key, {})
            if box.currentIndex() > 0:
                values[text] = box.currentData()
            else:
                values.pop(text, None)
            for col in range(3):
                item = self.table.item(row, col)
                if item is not None:
                    item.setBackground(MISSING_BRUSH if box.currentIndex() == 0 else QBrush())
        missing = state.unmapped()
        if missing:
            self._say(self.tr("{n} word(s) still need a meaning (marked red): rows with them "
                              "would be problems.").format(n=missing), ERROR_STYLE)
        elif not self.boxes:
            self._say(self.tr("No status, type, source or agreement-form column to map."),
                      OK_STYLE)
        else:
            self._say(self.tr("Every word has a meaning."), OK_STYLE)
        self.completeChanged.emit()

    def save_mapping_as(self) -> None:
        state = self.state()
        path = self.ctx.dialogs.save_file(self.tr("Save the mapping"),
                                          f"{state.mapping.sheet}-mapping.json",
                                          self.tr("Mapping (*.json)"))
        if path:
            save_mapping(state.mapping, path)

    def isComplete(self) -> bool:
        state = self._wizard().ledger if self.wizard() else None
        return self.loaded and state is not None and state.unmapped() == 0

    def nextId(self) -> int:
        return PAGE_PREVIEW
