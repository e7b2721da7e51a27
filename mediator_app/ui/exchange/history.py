"""The history of case imports (``services.exchange.case_exchange.list_imports``), newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from mediator_app.services.exchange import case_exchange
from mediator_app.services.exchange.import_types import ImportLogEntry
from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.tables import Table, TotalLabels, item

COUNT_FIELDS = ("rows", "new", "updated", "unchanged", "stale", "conflicts", "errors",
                "warnings")


def _when(entry: ImportLogEntry) -> str:
    return entry.at.replace("T", " ")[:19]


class ImportHistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importHistory")
        self.setWindowTitle(self.tr("Import history"))
        self.table = Table([self.tr("When"), self.tr("User"), self.tr("File"), self.tr("Kind"),
                            self.tr("From"), self.tr("Rows"), self.tr("New"),
                            self.tr("Updated"), self.tr("Unchanged"), self.tr("Stale (older)"),
                            self.tr("Conflicts"), self.tr("Errors"), self.tr("Warnings"),
                            self.tr("SHA-256")], 2, self)
        self.status = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(1100, 420)
        self.entries: list[ImportLogEntry] = []
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.run(case_exchange.list_imports, self._show, self._failed)

    def _show(self, entries: list[ImportLogEntry]) -> None:
        self.entries = list(entries)
        rows = []
        for e in self.entries:
            rows.append([item(_when(e), e.at), item(e.user),
                         item(e.file, self._totals_tip(e) or e.file),
                         item(self._kind(e.kind)), item(e.source_unit)]
                        + [item(getattr(e, n), number=True) for n in COUNT_FIELDS]
                        + [item(e.sha256[:12], e.sha256)])
        self.table.set_rows(rows)
        self.status.setText(self.tr("{n} import(s) recorded.").format(n=len(self.entries)))

    def _totals_tip(self, entry: ImportLogEntry) -> str:
        """The ledger's totals before → after this import (from the log's details)."""
        details = entry.details or {}
        before, after = details.get("totals_before") or {}, details.get("totals_after") or {}
        lines = [f"{TotalLabels().label(k, self.ctx.lang)}: {before.get(k, '')} → {after.get(k, '')}"  # noqa: E501
                 for k in before if k != "amount_fen"]
        return "\n".join(lines)

    def _kind(self, kind: str) -> str:
        return {"package": self.tr("Exchange package"), "cases.csv": "cases.csv",
                "ledger": self.tr("Old ledger")}.get(kind, kind)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The import history could not be read: {error}").format(
            error=self.ctx.error_reason(exc, "query")))
