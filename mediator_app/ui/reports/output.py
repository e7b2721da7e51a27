"""Printing the report: the sheet's HTML (``reports/sheet_html.py``) laid out by Qt for the
print preview; the window's tables as plain rows for the XLSX file
(``services/statistics/files.py`` writes the files)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from mediator_app.services.statistics.files import PlainTable
from mediator_app.ui.reports.models import TableData


def configure_printer(printer: QPrinter) -> None:
    """A4 landscape with 10 mm margins, like the reportlab sheet."""
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                         QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)


def print_html(html: str, printer: QPrinter) -> None:
    """Lay out and print (QTextDocument scales from screen points to the printer)."""
    document = QTextDocument()
    document.setHtml(html)
    document.print_(printer)


def xlsx_sheets(named: list[tuple[str, TableData]]) -> list[PlainTable]:
    return [(name, [h.replace("\n", " ") for h in t.headers],
             [[v.replace("\n", " ") for v in row] for row in t.rows]) for name, t in named]
