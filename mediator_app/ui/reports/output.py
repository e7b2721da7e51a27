"""Printing and saving the report: the sheet as HTML for Qt's print preview
(QTextDocument), and PDF / CSV / XLSX files (written on the worker thread)."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from mediator_app.reports.tables import ROW_DIRECT, ROW_TOTAL, Sheet, SheetTable
from mediator_app.reports.xlsx import xlsx_bytes
from mediator_app.services.statistics import sheet as statistics_sheet
from mediator_app.services.statistics.report import Report
from mediator_app.ui.reports.models import TableData

NAME_WIDTH = "11%"
_CSS = """
body { font-size: 8pt; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4pt 0; }
p.meta { margin: 0; }
p.headline { font-size: 10pt; font-weight: bold; margin: 4pt 0; }
p.section { font-size: 9pt; margin: 6pt 0 2pt 0; }
td, th { padding: 1px 3px; }
th { background: #eeeeee; font-weight: normal; }
tr.total td { background: #e8e8e8; font-weight: bold; }
tr.direct td { background: #f5f5f5; }
p.note { font-size: 7pt; margin: 1pt 0; }
"""


def _cell(text: str, tag: str = "td", align: str = "right", width: str = "") -> str:
    body = escape(text).replace("\n", "<br/>")
    size = f' width="{width}"' if width else ""
    return f'<{tag} align="{align}"{size}>{body}</{tag}>'


def _table_html(table: SheetTable) -> str:
    head = "".join(_cell("\n".join(p for p in (c.number, c.label, c.unit) if p), "th",
                         "center", NAME_WIDTH if i == 1 else "")
                   for i, c in enumerate(table.columns))
    rows = []
    for row, kind in zip(table.rows, table.kinds, strict=True):
        css = {ROW_TOTAL: "total", ROW_DIRECT: "direct"}.get(kind, "")
        cells = "".join(_cell(v, align="left" if i == 1 else "right")
                        for i, v in enumerate(row))
        rows.append(f'<tr class="{css}">{cells}</tr>')
    return (f'<p class="section"><b>{escape(table.title)}</b></p>'
            '<table border="1" cellspacing="0" cellpadding="1" width="100%">'
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")


def sheet_html(sheet: Sheet, banner: str = "") -> str:
    """The printed sheet as HTML (title, meta lines, headline, tables, checks, notes)."""
    parts = [f"<html><head><style>{_CSS}</style></head><body>",
             f"<h1>{escape(sheet.title)}</h1>"]
    if banner:
        parts.append(f'<p class="meta"><b>{escape(banner)}</b></p>')
    colon = getattr(sheet, "colon", "：")
    parts += [f'<p class="meta">{escape(k)}{colon}{escape(v)}</p>' for k, v in sheet.meta]
    parts.append(f'<p class="headline">{escape(sheet.headline)}</p>')
    parts += [_table_html(t) for t in sheet.tables]
    parts += [f'<p class="note">{escape(c)}</p>' for c in sheet.checks]
    parts += [f'<p class="note">{i}. {escape(n)}</p>' for i, n in
              enumerate(sheet.footnotes, start=1)]
    signs = "　　　　".join(f"{escape(label)}{colon}{escape(name) or '＿＿＿＿＿＿'}"
                          for label, name in sheet.signatures)
    parts.append(f'<p class="meta"><br/>{signs}</p></body></html>')
    return "".join(parts)


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


# ---- files ---------------------------------------------------------------------------------

def _write_atomically(path: str, data: bytes) -> int:
    tmp = f"{path}.part"
    Path(tmp).write_bytes(data)
    os.replace(tmp, path)
    return len(data)


def write_pdf(path: str, report: Report, lang: str, signatory: str) -> int:
    data = statistics_sheet.pdf_bytes(report, lang=lang, today=report.as_of,
                                      signatory=signatory)
    return _write_atomically(path, data)


def write_district_pdf(path: str, db: Any, report: Report, lang: str) -> int:
    """The narrative district report for the report's period, scope and as-of date."""
    # lazy: reportlab (about 0.3 s) loads only when a PDF is made
    from mediator_app.services.statistics.district_report import district_report_pdf

    data = district_report_pdf(db, period=report.period, scope=report.scope.code,
                               as_of=report.as_of, lang=lang)
    return _write_atomically(path, data)


def write_csv(path: str, report: Report) -> int:
    return _write_atomically(path, statistics_sheet.csv_bytes(report))


def xlsx_sheets(named: list[tuple[str, TableData]]) -> list[tuple[str, list[str], list[list[str]]]]:
    return [(name, [h.replace("\n", " ") for h in t.headers],
             [[v.replace("\n", " ") for v in row] for row in t.rows]) for name, t in named]


def write_xlsx(path: str, named: list[tuple[str, TableData]]) -> int:
    return _write_atomically(path, xlsx_bytes(xlsx_sheets(named)))
