"""The history of case imports (``services.case_exchange.list_imports``), newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from mediator_app.services import case_exchange
from mediator_app.ui.context import AppContext
from mediator_app.ui.exchange.tables import Table, TotalLabels, item

COUNT_FIELDS = ("rows", "new", "updated", "unchanged", "stale", "conflicts", "errors",
                "warnings")


def _when(entry: Any) -> str:
    text = str(getattr(entry, "at", "") or "")
    return text.replace("T", " ")[:19]


def _count(entry: Any, name: str) -> int | str:
    value = getattr(entry, name, None)
    if isinstance(value, (list, tuple)):
        return len(value)
    return "" if value is None else int(value)


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
        self.entries: list[Any] = []
        self.reload()

    def reload(self) -> None:
        lister = getattr(case_exchange, "list_imports", None)
        if lister is None:
            self._show([])
            self.status.setText(self.tr("The import history is not available in this build."))
            return
        self.ctx.runner.run(lister, self._show, self._failed)

    def _show(self, entries: list[Any]) -> None:
        self.entries = list(entries)
        rows = []
        for e in self.entries:
            sha = str(getattr(e, "sha256", "") or "")
            file = str(getattr(e, "file", "") or "")
            rows.append([item(_when(e), str(getattr(e, "at", ""))),
                         item(getattr(e, "user", "")), item(file, self._totals_tip(e) or file),
                         item(self._kind(str(getattr(e, "kind", "") or ""))),
                         item(getattr(e, "source_unit", "") or "")]
                        + [item(_count(e, n), number=True) for n in COUNT_FIELDS]
                        + [item(sha[:12], sha)])
        self.table.set_rows(rows)
        self.status.setText(self.tr("{n} import(s) recorded.").format(n=len(self.entries)))

    def _totals_tip(self, entry: Any) -> str:
        """The ledger's totals before → after this import (from the log's details)."""
        details = getattr(entry, "details", None) or {}
        if not isinstance(details, dict):
            return ""
        before, after = details.get("totals_before") or {}, details.get("totals_after") or {}
        lines = [f"{TotalLabels().label(k, self.ctx.lang)}: {before.get(k, '')} → {after.get(k, '')}"
                 for k in before if k != "amount_fen"]
        return "\n".join(lines)

    def _kind(self, kind: str) -> str:
        return {"package": self.tr("Exchange package"), "cases.csv": "cases.csv"}.get(kind, kind)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The import history could not be read: {error}").format(
            error=str(exc) or type(exc).__name__))
