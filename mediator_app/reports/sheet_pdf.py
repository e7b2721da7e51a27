"""The statistics sheet as a PDF: A4 landscape, the style of the monthly paper sheets
(title, 填报单位 line, numbered columns with units, 直属 and 合计 rows, cross-checks,
formula footnote, signature lines, "第 x 页 共 y 页")."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from mediator_app.reports.fonts import register_cjk_font
from mediator_app.reports.kinsoku import paragraph
from mediator_app.reports.tables import ROW_DIRECT, ROW_SUB, ROW_TOTAL, Sheet, SheetTable

PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
HEADER_ROWS = 2
_TOTAL_BG = colors.HexColor("#E8E8E8")
_DIRECT_BG = colors.HexColor("#F5F5F5")


def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()

    def style(name: str, size: float, align: int = TA_LEFT, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3,
                              alignment=align, wordWrap="CJK", **kw)

    return {
        "title": style("sheet-title", 18, TA_CENTER, spaceAfter=3 * mm),
        "meta": style("sheet-meta", 9),
        "headline": style("sheet-headline", 11, spaceBefore=2 * mm, spaceAfter=2 * mm),
        "table_title": style("sheet-table-title", 10, spaceBefore=3 * mm, spaceAfter=1 * mm),
        "head": style("sheet-head", 7, TA_CENTER),
        "cell": style("sheet-cell", 7.5, TA_CENTER),
        "name": style("sheet-name", 7.5),
        "note": style("sheet-note", 8),
        "sign": style("sheet-sign", 10, spaceBefore=6 * mm),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return paragraph(text, style)


def _widths(table: SheetTable) -> list[float]:
    total = sum(c.weight for c in table.columns)
    return [WIDTH * c.weight / total for c in table.columns]


def _header(table: SheetTable, st: dict[str, ParagraphStyle]) -> list[list[Any]]:
    labels = [_p(c.label, st["head"]) for c in table.columns]
    units = [_p(" ".join(x for x in (c.number, c.unit) if x), st["head"])
             for c in table.columns]
    return [labels, units]


def _body(table: SheetTable, st: dict[str, ParagraphStyle]) -> list[list[Any]]:
    rows = []
    for row in table.rows:
        rows.append([_p(v, st["name"] if i == 1 else st["cell"]) for i, v in enumerate(row)])
    return rows


def _table(table: SheetTable, st: dict[str, ParagraphStyle]) -> Table:
    data = _header(table, st) + _body(table, st)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, HEADER_ROWS - 1), _DIRECT_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for i, kind in enumerate(table.kinds, start=HEADER_ROWS):
        if kind == ROW_TOTAL:
            commands.append(("BACKGROUND", (0, i), (-1, i), _TOTAL_BG))
            commands.append(("LINEABOVE", (0, i), (-1, i), 1.2, colors.black))
        elif kind == ROW_DIRECT:
            commands.append(("BACKGROUND", (0, i), (-1, i), _DIRECT_BG))
        elif kind == ROW_SUB:  # a grid under its village: grey, so the eye sums villages
            commands.append(("TEXTCOLOR", (0, i), (-1, i), colors.HexColor("#555555")))
    result = Table(data, colWidths=_widths(table), repeatRows=HEADER_ROWS)
    result.setStyle(TableStyle(commands))
    return result


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    grid = Table(rows, colWidths=widths)
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return grid


def _meta(sheet: Sheet, st: dict[str, ParagraphStyle]) -> Table:
    """Two columns: 填报单位 | 统计期间 over 统计口径 | 填报日期 (the long one left)."""
    cells: list[Any] = [_p(f"{label}{sheet.colon}{value}", st["meta"])
                        for label, value in sheet.meta]
    cells += [""] * (len(cells) % 2)
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    return _grid(rows, [WIDTH * 0.64, WIDTH * 0.36])


def _signatures(sheet: Sheet, st: dict[str, ParagraphStyle]) -> Table:
    cells = [_p(f"{label}{sheet.colon}{name or '＿＿＿＿＿＿＿＿＿＿'}", st["sign"])
             for label, name in sheet.signatures]
    return _grid([cells], [WIDTH / len(cells)] * len(cells))


def _story(sheet: Sheet, st: dict[str, ParagraphStyle]) -> list[Any]:
    story: list[Any] = [_p(sheet.title, st["title"]), _meta(sheet, st),
                        _p(sheet.headline, st["headline"])]
    for table in sheet.tables:
        story += [CondPageBreak(40 * mm), _p(table.title, st["table_title"]),
                  _table(table, st)]
    notes = [_p(line, st["note"]) for line in [*sheet.checks, *sheet.footnotes]]
    if notes:
        story += [Spacer(1, 2 * mm), KeepTogether(notes)]
    if sheet.signatures:
        story.append(_signatures(sheet, st))
    return story


def numbered_canvas(label: str, font: str, page_width: float = PAGE[0]) -> type[Canvas]:
    """A canvas that prints "第 x 页 共 y 页" once the number of pages is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type stubs
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                text = label.format(page=self._pageNumber, pages=len(self._pages))
                self.drawCentredString(page_width / 2, 6 * mm, text)
                super().showPage()
            super().save()

    return NumberedCanvas


def render_sheet(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes."""
    st = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=sheet.title, author="调解台账")
    doc.build(_story(sheet, st),
              canvasmaker=numbered_canvas(sheet.page_label, register_cjk_font()))
    return buffer.getvalue()
